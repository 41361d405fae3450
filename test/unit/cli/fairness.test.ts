import { runCli } from '../../../src/cli/main';
import { strict as assert } from 'node:assert';
import path from 'node:path';
import { fairnessCommand } from '../../../src/cli/commands/fairness';
import { EXIT_OK, UsageError, type CliIo } from '../../../src/cli/io';
import type { FairnessReport } from '../../../src/engine/fairness/report';
import { assertAllClose, assertClose } from '../fairness/helpers';

const FIXTURES = path.resolve(__dirname, '../../fixtures/fairness');

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `rml fairness` in-process with the fixtures folder as working directory. */
async function rmlFairness(...args: string[]): Promise<Run> {
  const run = { stdout: '', stderr: '' };
  const io: CliIo = { stdout: (text) => (run.stdout += text), stderr: (text) => (run.stderr += text), cwd: FIXTURES };
  const code = await fairnessCommand(args, io);
  return { code, ...run };
}

async function jsonReport(...args: string[]): Promise<FairnessReport> {
  const run = await rmlFairness(...args, '--format', 'json');
  assert.equal(run.code, EXIT_OK);
  assert.ok(run.stdout.startsWith('{\n  "overall": {\n    "count"'), '2-space indented JSON');
  return JSON.parse(run.stdout) as FairnessReport;
}

async function usageError(args: string[], pattern: RegExp): Promise<void> {
  await assert.rejects(
    rmlFairness(...args),
    (error: unknown) => error instanceof UsageError && pattern.test(error.message),
  );
}

describe('rml fairness', () => {
  // Fairlearn docs example (perform_fairness_assessment.rst), default --pos-label 1.
  it('reproduces the Fairlearn docs example from a CSV', async () => {
    const report = await jsonReport(
      'fairlearn-docs.csv',
      '--y-true',
      'y_true',
      '--y-pred',
      'y_pred',
      '--sensitive',
      'group',
    );
    assertClose(report.demographicParityDifference, 0.25, 'DPD');
    assertClose(report.demographicParityRatio, 2 / 3, 'DPR');
    assertClose(report.equalizedOddsDifference, 1, 'EOD');
    assertClose(report.equalizedOddsRatio, 0, 'EOR');
    assertAllClose(
      { ...report.overall },
      { truePositiveRate: 0.5, falsePositiveRate: 0.666667, selectionRate: 0.555556, count: 18 },
      'overall',
    );
    assertAllClose(
      { ...report.byGroup.a },
      { truePositiveRate: 0.5, falsePositiveRate: 1, selectionRate: 0.75, count: 4 },
      'a',
    );
    assertAllClose(
      { ...report.byGroup.b },
      { truePositiveRate: 0.6, falsePositiveRate: 0, selectionRate: 0.5, count: 6 },
      'b',
    );
    assertAllClose(
      { ...report.byGroup.c },
      { truePositiveRate: 0.4, falsePositiveRate: 0.666667, selectionRate: 0.5, count: 8 },
      'c',
    );
    assert.equal(report.statisticalParityDifference, undefined);
  });

  // Fairlearn MetricFrame docstring (_metric_frame.py).
  it('reproduces the MetricFrame docstring rates', async () => {
    const report = await jsonReport(
      'metricframe-docstring.csv',
      '--y-true',
      'y_true',
      '--y-pred',
      'y_pred',
      '--sensitive',
      'sex',
    );
    assertAllClose({ ...report.byGroup.Female }, { selectionRate: 0.8, accuracy: 0.8 }, 'Female');
    assertAllClose({ ...report.byGroup.Male }, { selectionRate: 0.4, accuracy: 0.6 }, 'Male');
    assertClose(report.demographicParityDifference, 0.4, 'DPD');
    assertClose(report.demographicParityRatio, 0.5, 'DPR');
  });

  // AIF360 Reweighing worked example (Kamiran & Calders 2012); labels yes/no pick 'yes' by default.
  it('reproduces AIF360 SPD −0.4 / DI 0.5, and 0 / 1 with the reweighing weights', async () => {
    const args = [
      'kamiran-calders.csv',
      '--y-true',
      'label',
      '--y-pred',
      'label',
      '--sensitive',
      'sex',
      '--privileged',
      'sex=male',
    ];
    const before = await jsonReport(...args);
    assertClose(before.statisticalParityDifference, -0.4, 'SPD');
    assertClose(before.disparateImpact, 0.5, 'DI');
    const after = await jsonReport(...args, '--sample-weight', 'weight');
    assertClose(after.statisticalParityDifference, 0, 'SPD weighted');
    assertClose(after.disparateImpact, 1, 'DI weighted');
  });

  it('names intersectional groups "F,black" and accepts several privileged values', async () => {
    const report = await jsonReport(
      'intersection.csv',
      '--y-true',
      'y_true',
      '--y-pred',
      'y_pred',
      '--sensitive',
      'sex,race',
      '--privileged',
      'sex=M,race=white,race=asian',
    );
    assert.deepEqual(Object.keys(report.byGroup), ['F,asian', 'F,black', 'F,white', 'M,asian', 'M,black', 'M,white']);
    assertClose(report.statisticalParityDifference, -1, 'SPD');
  });

  it('adds seeded bootstrap intervals under "intervals", reproducibly', async () => {
    const args = [
      'fairlearn-docs.csv',
      '--y-true',
      'y_true',
      '--y-pred',
      'y_pred',
      '--sensitive',
      'group',
      '--bootstrap',
      '200',
      '--seed',
      '4',
    ];
    const first = await jsonReport(...args);
    const second = await jsonReport(...args);
    assert.deepEqual(first.intervals, second.intervals);
    assert.equal(first.intervals?.resamples, 200);
    assert.ok(first.intervals?.disparities.demographicParityDifference);
  });

  it('prints a readable table by default', async () => {
    const run = await rmlFairness(
      'fairlearn-docs.csv',
      '--y-true',
      'y_true',
      '--y-pred',
      'y_pred',
      '--sensitive',
      'group',
      '--bootstrap',
      '0',
    );
    assert.equal(run.code, EXIT_OK);
    assert.match(run.stdout, /favourable label '1'/);
    assert.match(run.stdout, /^overall\s+18\s+0\.444\s+0\.556\s+0\.500\s+0\.667$/m);
    assert.match(run.stdout, /^a\s+4\s+0\.250\s+0\.750\s+0\.500\s+1\.000$/m);
    // Groups of 4 to 8 examples are below the default minGroupSize (20): the verdict says so.
    assert.match(
      run.stdout,
      /^demographic parity difference\s+0\.250\s+within ±0\.100\s+outside, but on a group below 20 examples \(a: 4, b: 6\): too small to judge$/m,
    );
  });

  it('shows bootstrap intervals by default, beside each rate and disparity', async () => {
    const run = await rmlFairness(
      'fairlearn-docs.csv',
      '--y-true',
      'y_true',
      '--y-pred',
      'y_pred',
      '--sensitive',
      'group',
      '--min-group-size',
      '1',
    );
    assert.match(run.stdout, /1000 bootstrap resamples, seed 42/);
    assert.match(run.stdout, /^a\s+4\s+0\.250 \[\d\.\d{3}, \d\.\d{3}\]/m);
    assert.match(
      run.stdout,
      /^demographic parity difference\s+0\.250\s+\[\d\.\d{3}, \d\.\d{3}\]\s+within ±0\.100\s+OUTSIDE the threshold/m,
    );
  });

  it('exits 1 with --fail-on-disparity when a disparity is outside its threshold, not when it rests on small groups', async () => {
    const base = [
      'fairlearn-docs.csv',
      '--y-true',
      'y_true',
      '--y-pred',
      'y_pred',
      '--sensitive',
      'group',
      '--bootstrap',
      '0',
      '--fail-on-disparity',
    ];
    assert.equal((await rmlFairness(...base)).code, 0, 'every group is below minGroupSize 20: too small to judge');
    assert.equal((await rmlFairness(...base, '--min-group-size', '1')).code, 1);
    const fair = [
      'metricframe-docstring.csv',
      '--y-true',
      'y_true',
      '--y-pred',
      'y_true',
      '--sensitive',
      'sex',
      '--bootstrap',
      '0',
      '--fail-on-disparity',
    ];
    assert.equal(
      (await rmlFairness(...fair, '--min-group-size', '1', '--max-difference', '1', '--min-ratio', '0.3')).code,
      0,
      'within thresholds',
    );
    const json = JSON.parse((await rmlFairness(...base, '--min-group-size', '1', '--format', 'json')).stdout) as {
      verdicts: Array<{ figure: string; verdict: string }>;
    };
    assert.deepEqual(
      json.verdicts.find((verdict) => verdict.figure === 'demographicParityDifference')?.verdict,
      'outside',
    );
  });

  it('reports bad input as usage errors naming the file, column and position', async () => {
    const base = ['--y-true', 'y_true', '--y-pred', 'y_pred', '--sensitive', 'group'];
    await usageError(['missing.csv', ...base], /missing\.csv: no such file/);
    await usageError(
      ['fairlearn-docs.csv', '--y-true', 'truth', '--y-pred', 'y_pred', '--sensitive', 'group'],
      /fairlearn-docs\.csv: no column 'truth' \(columns: id, y_true, y_pred, group\)/,
    );
    await usageError(
      ['fairlearn-docs.csv', ...base, '--pos-label', 'yes'],
      /--pos-label 'yes' does not occur in columns 'y_true' or 'y_pred'/,
    );
    await usageError(
      ['three-labels.csv', ...base],
      /cannot tell the favourable label among cat, dog, bird: give --pos-label/,
    );
    await usageError(
      ['three-labels.csv', ...base, '--pos-label', 'cat'],
      /three-labels\.csv: must have no more than two distinct labels/,
    );
    await usageError(
      ['bad-weight.csv', ...base, '--sample-weight', 'w'],
      /bad-weight\.csv:3:7: sample weight 'heavy' in column 'w'/,
    );
    await usageError(['empty-value.csv', ...base], /empty-value\.csv:3:3: empty value in column 'y_pred'/);
    await usageError(
      ['fairlearn-docs.csv', ...base, '--privileged', 'group=z'],
      /'z' does not occur in column 'group'/,
    );
    await usageError(['fairlearn-docs.csv', '--y-true', 'y_true', '--y-pred', 'y_pred'], /--sensitive is required/);
    await usageError(['fairlearn-docs.csv', ...base, '--format', 'xml'], /--format must be one of text, json/);
    await usageError(['fairlearn-docs.csv', ...base, '--bootstrap', 'many'], /--bootstrap must be an integer/);
  });

  it('prints its usage with --help', async () => {
    let stdout = '';
    const code = await runCli(['fairness', '--help'], {
      cwd: process.cwd(),
      stdout: (text) => void (stdout += text),
      stderr: () => undefined,
    });
    assert.equal(code, EXIT_OK);
    assert.match(stdout, /^Usage: rml fairness <predictions\.csv>/m);
  });
});
