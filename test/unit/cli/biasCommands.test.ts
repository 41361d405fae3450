import { runCli } from '../../../src/cli/main';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { auditCommand } from '../../../src/cli/commands/audit';
import { UsageError } from '../../../src/cli/io';
import type { AuditResult } from '../../../src/engine/bias';
import { csvOf } from '../bias/helpers';
import { fakeIo } from './fakeIo';

describe('bias: rml audit', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'rml-audit-'));
    const rows: Array<Array<string | number>> = [];
    for (const [sex, favourable] of [
      ['F', 12],
      ['M', 41],
    ] as const)
      for (let i = 0; i < 100; i++) rows.push([sex, i % 2 ? 'a' : 'b', i < favourable ? 1 : 0]);
    writeFileSync(path.join(dir, 'hiring.csv'), csvOf(['sex', 'team', 'hired'], rows));
    writeFileSync(
      path.join(dir, '.rml.json'),
      JSON.stringify({ dataset: { label: 'hired', sensitive: ['sex'], favorable: '1' } }),
    );
    writeFileSync(path.join(dir, 'notes.txt'), 'hello');
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('reads the label and sensitive columns from .rml.json and prints the documented JSON keys', async () => {
    const io = fakeIo(dir);
    assert.equal(await auditCommand(['hiring.csv', '--format', 'json'], io), 0);
    const json = JSON.parse(io.out) as AuditResult;
    for (const key of [
      'version',
      'rows',
      'label',
      'favorable',
      'attributes',
      'intersections',
      'identityTerms',
      'proxies',
    ])
      assert.ok(key in json, key);
    assert.equal(json.rows, 200);
    assert.deepEqual(Object.keys(json.attributes[0]?.groups[0] ?? {}).slice(0, 6), [
      'value',
      'count',
      'share',
      'labelled',
      'favorable',
      'baseRate',
    ]);
    assert.deepEqual(
      json.attributes.map((audit) => [audit.column, audit.verdict]),
      [['sex', 'disparity']],
    );
  });

  it('exits 1 with --fail-on-disparity when a disparity crosses its threshold, 0 without it', async () => {
    assert.equal(await auditCommand(['hiring.csv', '--fail-on-disparity'], fakeIo(dir)), 1);
    assert.equal(await auditCommand(['hiring.csv', '--sensitive', 'team', '--fail-on-disparity'], fakeIo(dir)), 0);
  });

  it('prints a readable summary by default', async () => {
    const io = fakeIo(dir);
    await auditCommand(['hiring.csv', '--privileged', 'sex=M'], io);
    assert.match(io.out, /^hiring\.csv: 200 rows, label 'hired' \(favourable '1'\), sensitive: sex\n/);
    assert.match(
      io.out,
      /sex: F 12 % \(n=100\), M 41 % \(n=100\); DPD 0\.29, DPR 0\.29, SPD -0\.29, DI 0\.29, p = 7\.3e-6 → DISPARITY/,
    );
  });

  it('usage errors (exit 2 through runCli) name the file and the problem', async () => {
    const rejects = (args: string[], pattern: RegExp) =>
      assert.rejects(
        auditCommand(args, fakeIo(dir)),
        (error: Error) => error instanceof UsageError && pattern.test(error.message),
      );
    await rejects(
      ['hiring.csv', '--label', 'income'],
      /^hiring\.csv: label column 'income' not found \(columns: sex, team, hired\)$/,
    );
    await rejects(['notes.txt'], /notes\.txt: not a dataset/);
    await rejects([], /expected one file/);
    await rejects(['hiring.csv', '--privileged', 'sex'], /expected COLUMN=VALUE/);
    await rejects(['hiring.csv', '--min-group-size', 'many'], /--min-group-size must be an integer/);
    await assert.rejects(auditCommand(['missing.csv'], fakeIo(dir)), /cannot read .*missing\.csv/);
  });

  it('prints its usage with --help', async () => {
    const io = fakeIo(dir);
    assert.equal(await runCli(['audit', '--help'], io), 0);
    assert.match(io.out, /^Usage: rml audit <file>/m);
  });
});
