import { strict as assert } from 'node:assert';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { LedgerEntry } from '../../../src/shared/ledger';
import { rml } from './runRml';

describe('rml scan in the ledger', () => {
  let ws: string;
  beforeEach(() => (ws = mkdtempSync(path.join(os.tmpdir(), 'rml-scan-ledger-'))));
  afterEach(() => rmSync(ws, { recursive: true, force: true }));

  const entries = (): LedgerEntry[] =>
    readFileSync(path.join(ws, '.rml', 'ledger.jsonl'), 'utf8')
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line) as LedgerEntry);

  it('records each file scanned with the SHA-256 and size of its bytes, in scan order, and the findings by code', async () => {
    const people = 'name,email\nAda,ada@example.org\nBo,bo@example.org\n';
    const notes = 'id,text\n1,call me at +44 20 7946 0958\n';
    writeFileSync(path.join(ws, 'people.csv'), people);
    writeFileSync(path.join(ws, 'notes.csv'), notes);
    const { code } = await rml(ws, 'scan', 'people.csv', 'notes.csv', '--fail-on', 'none');
    assert.equal(code, 0);
    const [entry] = entries();
    assert.equal(entry?.action, 'scan');
    const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
    assert.deepEqual(entry?.inputs, [
      { path: 'people.csv', sha256: sha256(people), bytes: Buffer.byteLength(people) },
      { path: 'notes.csv', sha256: sha256(notes), bytes: Buffer.byteLength(notes) },
    ]);
    assert.deepEqual(entry?.details, { findings: 3, byCode: { 'pii/email': 2, 'pii/phone': 1 } });
  });
});
