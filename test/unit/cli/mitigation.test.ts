import { strict as assert } from 'node:assert';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { EXIT_ERROR, EXIT_OK } from '../../../src/cli/io';
import { runCli } from '../../../src/cli/main';
import { applyRunThresholds } from '../../../src/engine/mitigation/runThresholds';
import { readRun } from '../../../src/engine/runs';
import { runTrainingJob } from '../../../src/engine/training/job';
import { robustnessRows } from '../../../webviews/training/model/robustness';
import { describeRule, thresholdRows } from '../../../webviews/training/model/thresholds';
import { fakeIo } from './fakeIo';

const REVIEWS = path.resolve(__dirname, '../../fixtures/training/reviews.csv');

async function rml(cwd: string, ...args: string[]) {
  const io = fakeIo(cwd);
  const code = await runCli(args, io);
  return { code, out: io.out, err: io.err, json: () => JSON.parse(io.out) as Record<string, any> };
}

describe('rml thresholds, rml privacy, rml robustness', function () {
  this.timeout(120_000);
  let dir: string;
  let runDir: string;

  before(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'rml-mitigation-'));
    const result = await runTrainingJob({
      dataset: REVIEWS,
      label: 'label',
      text: 'text',
      sensitive: ['dialect'],
      epochs: 8,
      backend: 'wasm',
      runsRoot: dir,
    });
    runDir = result.runDir;
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('--help lists every option with its default and an example', async () => {
    for (const command of ['thresholds', 'privacy', 'robustness']) {
      const help = await rml(dir, command, '--help');
      assert.equal(help.code, EXIT_OK);
      assert.match(help.out, /^Examples:\n  rml /m);
      assert.match(help.out, /--format json\|text\s+output format \(default: text\)/);
    }
    assert.match((await rml(dir, 'thresholds', '--help')).out, /--grid-size N .*\(default: 1000\)/);
    assert.match((await rml(dir, '--help')).out, /thresholds +group thresholds/);
  });

  it("removes the run's demographic-parity difference and writes the adjusted rows", async () => {
    const run = await rml(dir, 'thresholds', '--run', runDir, '--out', 'adjusted.csv', '--format', 'json');
    assert.equal(run.code, EXIT_OK, run.err);
    const report = run.json();
    assert.deepEqual(Object.keys(report).slice(0, 7), [
      'constraint',
      'objective',
      'gridSize',
      'flip',
      'positiveLabel',
      'rows',
      'groups',
    ]);
    assert.deepEqual(Object.keys(report.groups), ['A', 'B']);
    assert.deepEqual(Object.keys(report.groups.A), [
      'p0',
      'operation0',
      'threshold0',
      'p1',
      'operation1',
      'threshold1',
    ]);
    assert.ok(report.before.demographicParityDifference > 0.05, `before ${report.before.demographicParityDifference}`);
    assert.ok(report.after.demographicParityDifference < 1e-9, `after ${report.after.demographicParityDifference}`);
    const lines = readFileSync(path.join(dir, 'adjusted.csv'), 'utf8').trim().split('\n');
    assert.equal(lines.length, 1 + report.rows);
    assert.match(lines[0]!, /,thresholded_p_positive,thresholded_y_pred$/);
    assert.match(lines[1]!, /,(positive|negative)$/);
    // rml fairness on the draw: the drawn predictions' disparity is small too (a draw, not the expectation).
    const fairness = await rml(
      dir,
      'fairness',
      'adjusted.csv',
      '--y-true',
      'y_true',
      '--y-pred',
      'thresholded_y_pred',
      '--sensitive',
      'dialect',
      '--pos-label',
      'positive',
      '--format',
      'json',
    );
    assert.equal(fairness.code, EXIT_OK, fairness.err);
  });

  it('fits thresholds to a run on its validation split and measures them on the held-out test split', async () => {
    const result = await applyRunThresholds(runDir, { constraint: 'demographic_parity' });
    assert.ok(result.validation.after.demographicParityDifference < 1e-9, 'exact parity where fitted');
    assert.ok(
      Number.isFinite(result.test.after.demographicParityDifference) && Number.isFinite(result.test.after.accuracy),
    );
    assert.deepEqual(Object.keys(result.groups), ['A', 'B']);
    const run = await readRun(runDir);
    assert.deepEqual(run.thresholds, result);
    const rows = thresholdRows(run.thresholds!);
    assert.equal(rows.tradeOff.length, 4);
    assert.match(
      describeRule({ p0: 0.25, operation0: '>', threshold0: 0.5, p1: 0.75, operation1: '>', threshold1: '-Infinity' }),
      /^0\.250 · \[score > 0\.5000\] \+ 0\.750 · \[score > −∞\]$/,
    );
  });

  it('evaluates on a held-out file and reports input errors with their place', async () => {
    writeFileSync(path.join(dir, 'preds.csv'), 'y,score,g\n1,0.9,a\n0,0.2,a\n1,0.7,b\n0,0.6,b\n1,0.8,b\n');
    writeFileSync(path.join(dir, 'holdout.csv'), 'y,score,g\n1,0.95,a\n0,0.1,a\n1,0.65,b\n0,0.55,b\n');
    const run = await rml(
      dir,
      'thresholds',
      'preds.csv',
      '--y-true',
      'y',
      '--score',
      'score',
      '--sensitive',
      'g',
      '--holdout',
      'holdout.csv',
      '--format',
      'json',
    );
    assert.equal(run.code, EXIT_OK, run.err);
    assert.equal(run.json().holdout.rows, 4);
    writeFileSync(path.join(dir, 'bad.csv'), 'y,score,g\n1,0.9,a\n0,high,a\n');
    const bad = await rml(dir, 'thresholds', 'bad.csv', '--y-true', 'y', '--score', 'score', '--sensitive', 'g');
    assert.equal(bad.code, EXIT_ERROR);
    assert.match(bad.err, /bad\.csv:3: column 'score': 'high' is not a number/);
    writeFileSync(path.join(dir, 'degenerate.csv'), 'y,score,g\n1,0.9,a\n0,0.2,a\n1,0.7,b\n1,0.6,b\n');
    const degenerate = await rml(
      dir,
      'thresholds',
      'degenerate.csv',
      '--y-true',
      'y',
      '--score',
      'score',
      '--sensitive',
      'g',
    );
    assert.equal(degenerate.code, EXIT_ERROR);
    assert.match(degenerate.err, /Degenerate labels for sensitive feature value b.*\. Merge that group with another/);
    writeFileSync(
      path.join(dir, 'crossed.csv'),
      'y,score,g,h\n1,0.9,a,x\n0,0.2,a,x\n1,0.7,b,y\n0,0.3,b,y\n1,0.6,a,y\n',
    );
    const crossed = await rml(
      dir,
      'thresholds',
      'crossed.csv',
      '--y-true',
      'y',
      '--score',
      'score',
      '--sensitive',
      'g,h',
    );
    assert.equal(crossed.code, EXIT_ERROR);
    assert.match(crossed.err, /value a,y: .*intersections of g, h: fit on fewer columns \(e\.g\. --sensitive g\)/);
    const objective = await rml(
      dir,
      'thresholds',
      'preds.csv',
      '--y-true',
      'y',
      '--score',
      'score',
      '--sensitive',
      'g',
      '--constraint',
      'equalized_odds',
      '--objective',
      'selection_rate',
    );
    assert.match(objective.err, /For equalized_odds only the following objectives are supported/);
  });

  it('takes the latest completed run of the workspace, or one by id, when no file is given', async () => {
    const workspace = mkdtempSync(path.join(os.tmpdir(), 'rml-latest-run-'));
    try {
      writeFileSync(path.join(workspace, '.rml.json'), '{}\n');
      const id = path.basename(runDir);
      cpSync(runDir, path.join(workspace, '.rml', 'runs', id), { recursive: true });
      const latest = await rml(workspace, 'thresholds', '--format', 'json');
      assert.equal(latest.code, EXIT_OK, latest.err);
      assert.match(latest.err, new RegExp(`note: the latest completed run, ${id}`));
      assert.deepEqual(Object.keys(latest.json().groups), ['A', 'B']);
      const byId = await rml(workspace, 'thresholds', '--run', id, '--format', 'json');
      assert.equal(byId.code, EXIT_OK, byId.err);
      const membership = await rml(workspace, 'privacy', 'membership', '--backend', 'wasm', '--format', 'json');
      assert.equal(membership.code, EXIT_OK, membership.err);
      assert.deepEqual([membership.json().members, membership.json().nonMembers], [420, 90]);
    } finally {
      rmSync(workspace, { recursive: true, force: true });
    }
  });

  it('reports ε with its conversion, and the noise for a target ε', async () => {
    const spent = await rml(
      dir,
      'privacy',
      '--noise',
      '1.5',
      '--sample-rate',
      '0.04',
      '--steps',
      '2250',
      '--delta',
      '1e-5',
      '--format',
      'json',
    );
    assert.equal(spent.code, EXIT_OK, spent.err);
    const report = spent.json();
    assert.ok(Math.abs(report.epsilon - 7.32911117143) < 5e-8); // Opacus accountants_test.py
    assert.equal(report.conversion, 'improved');
    assert.equal(
      (
        await rml(
          dir,
          'privacy',
          '--noise',
          '1.5',
          '--sample-rate',
          '0.04',
          '--epochs',
          '90',
          '--delta',
          '1e-5',
          '--conversion',
          'classic',
          '--format',
          'json',
        )
      ).json().conversion,
      'classic',
    );
    const noise = (
      await rml(
        dir,
        'privacy',
        '--target-epsilon',
        '7.32911117143',
        '--sample-rate',
        '0.04',
        '--epochs',
        '90',
        '--delta',
        '1e-5',
        '--format',
        'json',
      )
    ).json();
    assert.equal(noise.steps, 2250);
    assert.ok(noise.noise >= 1.5 && noise.epsilon <= 7.32911117143);
    const missing = await rml(dir, 'privacy', '--noise', '1', '--sample-rate', '0.1', '--delta', '1e-5');
    assert.equal(missing.code, EXIT_ERROR);
    assert.match(missing.err, /exactly one of --steps or --epochs/);
  });

  it('runs the membership attack on a run, and on loss files', async () => {
    const run = await rml(dir, 'privacy', 'membership', '--run', runDir, '--backend', 'wasm', '--format', 'json');
    assert.equal(run.code, EXIT_OK, run.err);
    const report = run.json();
    assert.deepEqual([report.members, report.nonMembers], [420, 90]);
    assert.ok(report.auc > 0.5 && report.auc < 1, `AUC ${report.auc}`); // an overfit model leaks a little
    writeFileSync(path.join(dir, 'members.txt'), '0.1\n0.4\n0.4\n');
    writeFileSync(path.join(dir, 'others.txt'), '0.4\n\n0.9\n');
    const files = (
      await rml(
        dir,
        'privacy',
        'membership',
        '--member-losses',
        'members.txt',
        '--nonmember-losses',
        'others.txt',
        '--format',
        'json',
      )
    ).json();
    assert.equal(files.auc, 5 / 6); // Mann–Whitney with ties ½, by hand in membership.test.ts
    writeFileSync(path.join(dir, 'broken.txt'), '0.1\nabc\n');
    const broken = await rml(
      dir,
      'privacy',
      'membership',
      '--member-losses',
      'broken.txt',
      '--nonmember-losses',
      'others.txt',
    );
    assert.match(broken.err, /broken\.txt:2:1: 'abc' is not a number/);
  });

  it('measures the run under every perturbation and attacks it with HotFlip', async () => {
    const run = await rml(
      dir,
      'robustness',
      '--run',
      runDir,
      '--attack',
      'hotflip',
      '--budget',
      '2',
      '--attack-limit',
      '30',
      '--backend',
      'wasm',
      '--save',
      '--format',
      'json',
    );
    assert.equal(run.code, EXIT_OK, run.err);
    const report = run.json();
    assert.equal(report.rows, 90);
    assert.deepEqual(
      report.perturbations.map((p: { name: string }) => p.name),
      ['typos', 'casing', 'whitespace', 'synonyms', 'identity', 'invisible'],
    );
    const casing = report.perturbations.find((p: { name: string }) => p.name === 'casing');
    assert.equal(casing.drop, 0); // the model lower-cases its input: casing cannot hurt it
    assert.deepEqual(Object.keys(casing.byGroup), ['A', 'B']);
    assert.equal(report.attack.method, 'hotflip');
    assert.ok(report.attack.attacked > 0 && report.attack.successRate > 0, `success ${report.attack.successRate}`);
    assert.ok(report.attack.examples.every((example: { edits: number }) => example.edits <= 2));
    // --save: the run now carries robustness.json, which the panel shows.
    const saved = (await readRun(runDir)).robustness!;
    assert.equal(saved.perturbations.length, 6);
    assert.equal(saved.attack!.successRate, report.attack.successRate);
    const rows = robustnessRows(saved);
    assert.deepEqual(
      rows.rows.map((row) => row.name),
      ['typos', 'casing', 'whitespace', 'synonyms', 'identity', 'invisible'],
    );
    assert.match(rows.attack!, /^HotFlip, at most 2 words changed: \d+ of \d+ correct predictions flipped/);
  });
});
