import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { auditCommand } from '../../../src/cli/commands/audit';
import { UsageError } from '../../../src/cli/io';
import { auditFindings, type AuditResult } from '../../../src/engine/bias';
import { fakeIo } from './fakeIo';
import { csvOf } from '../bias/helpers';

/** 100 F rows (12 favourable) and 100 M rows (41 favourable), label spelled `label`. */
function hiringRows(yes: string, no: string): Array<Array<string | number>> {
  const rows: Array<Array<string | number>> = [];
  for (const [sex, favourable] of [
    ['F', 12],
    ['M', 41],
  ] as const)
    for (let i = 0; i < 100; i++) rows.push([i, sex, i < favourable ? yes : no]);
  return rows;
}

describe('bias: rml audit finds its configuration and holds the data to it', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'rml-audit-cmd-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('uses the nearest .rml.json above the dataset, not the one of the working directory', async () => {
    mkdirSync(path.join(dir, 'project', 'data'), { recursive: true });
    writeFileSync(path.join(dir, '.rml.json'), JSON.stringify({ dataset: { label: 'id' } }));
    writeFileSync(
      path.join(dir, 'project', '.rml.json'),
      JSON.stringify({ dataset: { label: 'hired', sensitive: ['sex'], favorable: 'yes' } }),
    );
    writeFileSync(
      path.join(dir, 'project', 'data', 'hiring.csv'),
      csvOf(['id', 'sex', 'hired'], hiringRows('yes', 'no')),
    );
    const io = fakeIo(dir);
    assert.equal(await auditCommand(['project/data/hiring.csv', '--format', 'json'], io), 0);
    const result = JSON.parse(io.out) as AuditResult;
    assert.equal(result.label, 'hired');
    assert.deepEqual(
      result.attributes.map((audit) => [audit.column, audit.verdict]),
      [['sex', 'disparity']],
    );
  });

  it('applies per-file dataset settings (`dataset.files`, keyed by file or glob)', async () => {
    writeFileSync(
      path.join(dir, '.rml.json'),
      JSON.stringify({
        dataset: { label: 'label', sensitive: ['sex'], files: { 'hiring*.csv': { label: 'hired', favorable: 'yes' } } },
      }),
    );
    writeFileSync(path.join(dir, 'hiring-2025.csv'), csvOf(['id', 'sex', 'hired'], hiringRows('yes', 'no')));
    const io = fakeIo(dir);
    assert.equal(await auditCommand(['hiring-2025.csv', '--format', 'json'], io), 0);
    assert.equal((JSON.parse(io.out) as AuditResult).label, 'hired');
  });

  it('matches a configured favourable value ignoring case, and places the note on that value in .rml.json', async () => {
    writeFileSync(
      path.join(dir, '.rml.json'),
      '{\n  "dataset": {\n    "label": "hired",\n    "favorable": "yes",\n    "sensitive": ["sex"],\n    "privileged": { "sex": "m" }\n  }\n}\n',
    );
    writeFileSync(path.join(dir, 'hiring.csv'), csvOf(['id', 'sex', 'hired'], hiringRows('Yes', 'No')));
    const io = fakeIo(dir);
    assert.equal(
      await auditCommand(['hiring.csv', '--format', 'json', '--fail-on-disparity'], io),
      1,
      'the 12 % vs 41 % disparity is reported',
    );
    const result = JSON.parse(io.out) as AuditResult;
    assert.equal(result.favorable, 'Yes');
    assert.equal(result.attributes[0]?.privileged, 'M');
    assert.deepEqual(
      result.configuredValues.map((issue) => [issue.setting, issue.value, issue.matched]),
      [
        ['favorable', 'yes', 'Yes'],
        ['privileged', 'm', 'M'],
      ],
    );
    assert.match(
      io.err,
      /^\.rml\.json:4:18: information: dataset\.favorable 'yes' matched 'Yes' in 'hired' ignoring case \(hiring\.csv\)$/m,
    );
    assert.match(io.err, /^\.rml\.json:6:28: information: dataset\.privileged\.sex 'm' matched 'M'/m);
  });

  it('warns on a configured value the data lacks, on the header and in .rml.json, instead of dropping it silently', async () => {
    writeFileSync(
      path.join(dir, '.rml.json'),
      '{ "dataset": { "label": "hired", "favorable": "hired!", "sensitive": ["sex"] } }',
    );
    writeFileSync(path.join(dir, 'hiring.csv'), csvOf(['id', 'sex', 'hired'], hiringRows('Yes', 'No')));
    const io = fakeIo(dir);
    assert.equal(await auditCommand(['hiring.csv', '--format', 'json'], io), 0);
    const result = JSON.parse(io.out) as AuditResult;
    assert.deepEqual(
      result.configuredValues.map((issue) => [issue.value, issue.matched, issue.values]),
      [['hired!', null, ['Yes', 'No']]],
    );
    assert.match(
      io.err,
      /^\.rml\.json:1:47: warning: dataset\.favorable 'hired!' does not occur in 'hired' \(values: 'Yes', 'No'\)/m,
    );
    // The editor and `rml scan` show it on the label's header cell.
    const header = auditFindings(result, 'hiring.csv').filter((finding) => finding.code === 'bias/configured-value');
    assert.deepEqual(
      header.map((finding) => [finding.severity, finding.range.start]),
      [['warning', { line: 0, character: 7 }]],
    );
  });

  it('computes demographic parity for small groups too, and names them', async () => {
    const rows = [...hiringRows('1', '0'), ...Array.from({ length: 17 }, (_, i) => [300 + i, 'X', i < 3 ? '1' : '0'])];
    writeFileSync(path.join(dir, 'small.csv'), csvOf(['id', 'sex', 'hired'], rows));
    const io = fakeIo(dir);
    await auditCommand(
      ['small.csv', '--label', 'hired', '--sensitive', 'sex', '--favorable', '1', '--format', 'json'],
      io,
    );
    const [sex] = (JSON.parse(io.out) as AuditResult).attributes;
    assert.deepEqual(sex?.smallGroups, ['X']);
    assert.ok(
      Math.abs((sex?.demographicParityDifference ?? NaN) - (0.41 - 0.12)) < 1e-9,
      'X (3/17 = 0.18) lies between F and M',
    );
    assert.ok(Math.abs((sex?.demographicParityRatio ?? NaN) - 0.12 / 0.41) < 1e-9);
  });

  it('fails on parse errors with their file, line and column (exit 2), or skips and counts the bad rows when asked', async () => {
    writeFileSync(path.join(dir, 'ragged.csv'), 'id,sex,hired\n1,M,yes\n2,F,no,EXTRA1,EXTRA2\n3,F,yes\n"4,M,no\n');
    await assert.rejects(
      auditCommand(['ragged.csv', '--label', 'hired', '--sensitive', 'sex'], fakeIo(dir)),
      (error: Error) => {
        assert.ok(error instanceof UsageError);
        assert.match(error.message, /^ragged\.csv:3:1: row has 5 fields, expected 3 like the header$/m);
        assert.match(error.message, /^ragged\.csv:5:1: unterminated quoted field/m);
        assert.match(error.message, /2 parse errors: nothing audited \(--skip-bad-rows audits the other rows\)$/);
        return true;
      },
    );
    const io = fakeIo(dir);
    assert.equal(
      await auditCommand(
        ['ragged.csv', '--label', 'hired', '--sensitive', 'sex', '--skip-bad-rows', '--format', 'json'],
        io,
      ),
      0,
    );
    assert.equal((JSON.parse(io.out) as AuditResult).rows, 2);
    assert.match(io.err, /^ragged\.csv: 2 rows with parse errors left out$/m);
  });

  it('never changes a field it did not add when reweighing: a bad row is refused, or left out and counted', async () => {
    const rows = hiringRows('yes', 'no').map((row) => row.join(','));
    writeFileSync(
      path.join(dir, 'in.csv'),
      `id,sex,hired\n${rows.slice(0, 150).join('\n')}\n2,F,no,EXTRA1,EXTRA2\n${rows.slice(150).join('\n')}\n`,
    );
    const args = ['in.csv', '--label', 'hired', '--sensitive', 'sex', '--favorable', 'yes', '--reweigh', 'out.csv'];
    await assert.rejects(auditCommand(args, fakeIo(dir)), /in\.csv:152:1: row has 5 fields, expected 3/);
    assert.equal(existsSync(path.join(dir, 'out.csv')), false, 'nothing written');
    const io = fakeIo(dir);
    assert.equal(await auditCommand([...args, '--skip-bad-rows'], io), 0);
    const written = readFileSync(path.join(dir, 'out.csv'), 'utf8').trim().split('\n');
    assert.equal(written[0], 'id,sex,hired,weight');
    assert.equal(written.length, 201, 'the header and the 200 good rows');
    assert.ok(!written.some((line) => line.includes('EXTRA')), 'the bad row is left out, not rewritten');
    written
      .slice(1)
      .forEach((line, i) =>
        assert.equal(line.split(',').slice(0, 3).join(','), rows[i], `row ${i + 1} keeps its fields`),
      );
    assert.match(io.err, /1 rows with parse errors were left out of out\.csv/);
  });
});
