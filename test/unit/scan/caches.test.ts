import { strict as assert } from 'node:assert';
import crypto from 'node:crypto';
import { fingerprint } from '../../../src/engine/findings/fingerprint';
import { FindingCollector } from '../../../src/engine/scan/collector';
import { DetectionCache } from '../../../src/engine/scan/sensitiveCells';
import { ColumnAnswers } from '../../../src/engine/scan/columnAnswers';
import type { DetectorMatch } from '../../../src/engine/detectors';
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

  it("keeps a column's answers by the value's bytes, wherever they lie, and leaves a column of distinct values", () => {
    const answers = new ColumnAnswers();
    const found: DetectorMatch[] = [];
    const none: DetectorMatch[] = [];
    const bytes = Buffer.from('x,renewal 2021-02-11,renewal 2021-02-12,y,renewal 2021-02-11');
    assert.equal(answers.get(bytes, 2, 20), undefined);
    answers.set(bytes, 2, 20, found);
    assert.equal(answers.get(bytes, 21, 39), undefined, 'other bytes');
    answers.set(bytes, 21, 39, none);
    assert.equal(answers.get(bytes, 42, 60), found, 'the same bytes elsewhere');
    assert.equal(answers.get(Buffer.from('renewal 2021-02-12'), 0, 18), none, 'the same bytes in another buffer');
    assert.equal(answers.get(bytes, 2, 19), undefined, 'a prefix');
    const distinct = new ColumnAnswers();
    for (let i = 0; distinct.active; i++) {
      const value = Buffer.from(`user${i}@example.com`);
      assert.equal(distinct.get(value, 0, value.length), undefined);
      distinct.set(value, 0, value.length, none);
      assert.ok(i <= 4096, 'left alone once full of values met once');
    }
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
