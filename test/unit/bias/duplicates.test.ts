import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { auditCommand } from '../../../src/cli/commands/audit';
import { auditFindings, type AuditResult } from '../../../src/engine/bias';
import { auditCsv, csvOf, seededRandom } from './helpers';
import { fakeIo } from '../cli/fakeIo';

const LEAK_DIR = path.resolve(__dirname, '../../fixtures/bias/leak');

describe('bias: duplicates, conflicting labels and train/test leakage', () => {
  let result: AuditResult;
  before(async () => {
    const io = fakeIo(LEAK_DIR);
    assert.equal(await auditCommand(['train.csv', '--format', 'json'], io), 0, io.err);
    result = JSON.parse(io.out) as AuditResult;
  });

  it('finds test.csv by the usual naming and keys rows on the text column (the id column is left out)', () => {
    assert.deepEqual(result.duplicates.comparedWith, ['test.csv']);
    assert.deepEqual(result.duplicates.keyColumns, ['text']);
  });

  it('reports train rows that are in test: exactly after normalisation, and nearly', () => {
    const leaks = result.duplicates.leakRows.map((row) => [row.row, row.kind, row.of.file, row.of.row]);
    assert.deepEqual(leaks.sort(), [
      [2, 'exact', 'test.csv', 0],
      [4, 'near', 'test.csv', 2],
    ]);
    const near = result.duplicates.leakRows.find((row) => row.kind === 'near');
    assert.ok(near && near.similarity >= 0.8 && near.similarity < 1, `similarity ${near?.similarity}`);
  });

  it('reports duplicates with conflicting labels, linked to each other', () => {
    assert.equal(result.duplicates.conflicts, 1);
    assert.deepEqual(
      result.duplicates.conflictGroups[0]?.rows.map((row) => [row.row, row.label]),
      [
        [1, '0'],
        [5, '1'],
      ],
    );
    const findings = auditFindings(result, 'train.csv');
    const conflicts = findings.filter((finding) => finding.code === 'data/conflicting-label');
    assert.equal(conflicts.length, 2);
    assert.equal(conflicts[0]?.message, 'same content as line 7 with labels 0, 1 (this row: 0)');
    assert.deepEqual(
      conflicts[0]?.data?.related?.map((related) => related.range.start.line),
      [6],
    );
    const leaks = findings.filter((finding) => finding.code === 'data/train-test-leak');
    assert.equal(leaks[0]?.data?.related?.[0]?.file, 'test.csv');
    assert.match(leaks[0]?.message ?? '', /^row also in test\.csv \(line 2\)/);
  });

  it('finds exact and near duplicates within a file, and leaves distinct rows alone', () => {
    const random = seededRandom(3);
    const words = [
      'cheap',
      'flights',
      'to',
      'paris',
      'hotel',
      'review',
      'great',
      'service',
      'slow',
      'staff',
      'room',
      'clean',
    ];
    const sentence = () => Array.from({ length: 12 }, () => words[Math.floor(random() * words.length)]).join(' ');
    const texts = Array.from({ length: 200 }, sentence);
    texts.push(`${texts[10]}`.toUpperCase() + '!!!');
    texts.push(`${texts[20]}`.replace(' ', '  ').replace(/(\w)(\w*)$/, '$1$1$2'));
    const audit = auditCsv(
      csvOf(
        ['review', 'label'],
        texts.map((text, i) => [text, i % 2]),
      ),
      { label: 'label' },
    );
    const exact = audit.duplicates.rows.filter((row) => row.kind === 'exact').map((row) => [row.row, row.of.row]);
    const near = audit.duplicates.rows.filter((row) => row.kind === 'near').map((row) => [row.row, row.of.row]);
    assert.deepEqual(exact, [[200, 10]]);
    assert.deepEqual(near, [[201, 20]]);
  });

  it('a table of fewer than three feature columns is not checked: identical rows of a few features are expected', () => {
    const audit = auditCsv(
      csvOf(
        ['age', 'sex', 'y'],
        [
          [30, 'F', 1],
          [30, 'F', 0],
          [31, 'F', 1],
          [30, 'F', 1],
        ],
      ),
      { label: 'y' },
    );
    assert.deepEqual(audit.duplicates.keyColumns, []);
    assert.equal(audit.duplicates.exact + audit.duplicates.conflicts, 0);
    assert.ok(
      audit.notes.includes(
        'no free-text column and fewer than three feature columns: identity terms, duplicates and leakage skipped',
      ),
    );
  });

  it('a wider table is checked for exact repeats of whole rows, values as written, in one finding each', () => {
    const rows = [
      [30, 'F', 'NY', '-1', 1],
      [30, 'F', 'NY', '1', 1],
      [31, 'M', 'LA', '2', 0],
      [30, 'F', 'NY', '-1', 1], // repeats line 2
      [30, 'f', 'NY', '-1', 1], // case differs: not a repeat
      [31, 'M', 'LA', '2', 1], // repeats line 4, with another label
      [31, 'M', 'LA', ' 2 ', 0], // the same value, padded: a repeat
    ];
    const audit = auditCsv(csvOf(['age', 'sex', 'city', 'score', 'y'], rows), { label: 'y' });
    assert.equal(audit.duplicates.keyKind, 'row');
    assert.deepEqual(audit.duplicates.keyColumns, ['age', 'sex', 'city', 'score']);
    assert.equal(audit.duplicates.near, 0);
    const findings = auditFindings(audit, audit.file);
    const repeats = findings.filter((finding) => finding.code === 'data/duplicate-row');
    assert.equal(repeats.length, 1, 'one finding for all the repeats');
    assert.equal(repeats[0]!.range.start.line, 4);
    assert.match(
      repeats[0]!.message,
      /^row repeats line 2 in every feature column; 3 rows \(43 %\) repeat an earlier row$/,
    );
    assert.deepEqual(
      repeats[0]!.data!.related!.map((place) => [place.range.start.line, place.message]),
      [
        [1, 'first copy'],
        [6, 'repeats line 4'],
        [7, 'repeats line 4'],
      ],
    );
    const conflicts = findings.filter((finding) => finding.code === 'data/conflicting-label');
    assert.equal(conflicts.length, 1);
    assert.match(conflicts[0]!.message, /with labels 0, 1 .*; 1 group of identical rows disagree on the label$/);
  });

  it('finds whole rows of a table that are also in its test split', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'rml-row-leak-'));
    try {
      writeFileSync(path.join(dir, 'train.csv'), 'age,sex,city,score,y\n30,F,NY,1,1\n31,M,LA,2,0\n32,F,SF,3,1\n');
      writeFileSync(path.join(dir, 'test.csv'), 'age,sex,city,score,y\n31,M,LA,2,0\n40,F,LA,9,1\n');
      const io = fakeIo(dir);
      assert.equal(await auditCommand(['train.csv', '--label', 'y', '--format', 'json'], io), 0, io.err);
      const audit = JSON.parse(io.out) as AuditResult;
      assert.deepEqual(
        audit.duplicates.leakRows.map((row) => [row.range.start.line, row.kind, row.of.file, row.of.range.start.line]),
        [[2, 'exact', 'test.csv', 1]],
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('stops fingerprinting past the row limit and says so', () => {
    const rows = Array.from({ length: 50 }, (_, i) => [`comment number ${i} about the weather`, i % 2]);
    const audit = auditCsv(csvOf(['text', 'y'], rows), { label: 'y', limits: { duplicateRows: 10 } });
    assert.equal(audit.duplicates.truncated, true);
    assert.ok(audit.notes.some((note) => /duplicate detection stopped after 10 rows/.test(note)));
  });
});
