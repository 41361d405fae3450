import { strict as assert } from 'node:assert';
import crypto from 'node:crypto';
import { fingerprint } from '../../../src/engine/findings/fingerprint';
import { FindingCollector } from '../../../src/engine/scan/collector';
import { DetectionCache } from '../../../src/engine/scan/sensitiveCells';
import type { Cell } from '../../../src/engine/parse/types';
import { closeSync, mkdtempSync, openSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { BlockWriter } from '../../../src/cli/report/blockWriter';
import { writeFully } from '../../../src/cli/report/writeFully';

const cell = (column: string, value: string): Cell => ({
  value,
  column,
  columnIndex: 0,
  start: { line: 0, character: 0 },
  end: { line: 0, character: value.length },
  encoding: 'plain',
});

describe('scan caches', () => {
  it('keeps fingerprints equal to the SHA-256 digest that ignore lists already hold', () => {
    const expected = crypto
      .createHash('sha256')
      .update('pii/email\0data/people.csv\0ada@example.com')
      .digest('hex')
      .slice(0, 16);
    assert.equal(fingerprint('pii/email', 'data/people.csv', 'ada@example.com'), expected);
    assert.equal(
      fingerprint('pii/email', 'data/people.csv', 'ada@exámple.com'),
      crypto.createHash('sha256').update('pii/email\0data/people.csv\0ada@exámple.com').digest('hex').slice(0, 16),
    );
  });

  it('runs the detectors once per (column, value) and stays within its capacity', () => {
    const cache = new DetectionCache(4);
    let runs = 0;
    const detect = () => (runs++, []);
    for (let i = 0; i < 10; i++) cache.matches(cell('a', `v${i}`), detect);
    assert.equal(runs, 10);
    cache.matches(cell('a', 'v9'), detect);
    cache.matches(cell('b', 'v9'), detect);
    assert.equal(runs, 11, 'a recent value is remembered; the same value in another column is not');
    for (let i = 0; i < 10; i++) cache.matches(cell('a', `v${i}`), detect);
    assert.ok(runs >= 11 + 10 - 4, 'no more than the capacity is remembered');
  });

  it('applies checks and severities once per code, from the config and the editor overrides', () => {
    const seen: string[] = [];
    const collector = new FindingCollector(
      'f.csv',
      'f.csv',
      { checks: { 'pii/phone': false }, severity: { pii: 'hint' } },
      {},
      (finding) => seen.push(`${finding.code}:${finding.severity}`),
    );
    const range = { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } };
    for (const code of ['pii/email', 'pii/phone', 'pii/email', 'secret/jwt'])
      collector.add({ code, range, severity: 'error', message: code, subject: 'x' });
    assert.deepEqual(seen, ['pii/email:hint', 'pii/email:hint', 'secret/jwt:error']);
    assert.equal(
      collector.isEnabled,
      collector.isEnabled,
      'one identity, so detectors can remember the enabled families',
    );
  });
});

describe('BlockWriter', () => {
  it('writes in blocks, everything by flush, in order', () => {
    const written: string[] = [];
    const writer = new BlockWriter((text) => written.push(text), 10);
    writer.write('abc');
    writer.write('defghij');
    assert.deepEqual(written, ['abcdefghij']);
    writer.write('k');
    writer.flush();
    assert.deepEqual(written, ['abcdefghij', 'k']);
  });

  it('writes what it holds on the next turn of the event loop when nobody flushes (a scan that failed)', async () => {
    const written: string[] = [];
    new BlockWriter((text) => written.push(text)).write('partial');
    assert.deepEqual(written, []);
    await new Promise((resolve) => setImmediate(resolve));
    assert.deepEqual(written, ['partial']);
  });
});

describe('writeFully', () => {
  it('writes every byte of the text, in order, before it returns', () => {
    const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'rml-write-')), 'out.txt');
    const fd = openSync(file, 'w');
    const text = `${'é€😀 finding\n'.repeat(50_000)}end`;
    writeFully(fd, text.slice(0, 1000));
    writeFully(fd, text.slice(1000));
    closeSync(fd);
    assert.equal(readFileSync(file, 'utf8'), text);
  });
});
