import { strict as assert } from 'node:assert';
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FairnessOutput } from '../../../src/cli/commands/fairness';
import { trainCommand, type TrainSummary } from '../../../src/cli/commands/train';
import type { CliIo } from '../../../src/cli/io';
import { runCli } from '../../../src/cli/main';

const FIXTURES = path.join(__dirname, '../../fixtures/training');

function capture(cwd: string): CliIo & { out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, cwd, stdout: (text) => out.push(text), stderr: (text) => err.push(text) };
}

describe('rml train', () => {
  let cwd: string;
  beforeEach(() => {
    cwd = mkdtempSync(path.join(os.tmpdir(), 'rml-train-cli-'));
    cpSync(path.join(FIXTURES, 'reviews.csv'), path.join(cwd, 'reviews.csv'));
    cpSync(path.join(FIXTURES, 'loans.csv'), path.join(cwd, 'loans.csv'));
  });
  afterEach(() => rmSync(cwd, { recursive: true, force: true }));

  it('prints the run, the test metrics and the fairness report as JSON, with the run under .rml/runs', async () => {
    const io = capture(cwd);
    const args = [
      'reviews.csv',
      '--label',
      'label',
      '--text',
      'text',
      '--sensitive',
      'dialect',
      '--privileged',
      'dialect=A',
      '--epochs',
      '6',
      '--backend',
      'wasm',
      '--format',
      'json',
    ];
    assert.equal(await trainCommand(args, io), 0);
    const summary = JSON.parse(io.out.join('')) as TrainSummary;
    assert.ok(summary.runDir.startsWith(path.join(cwd, '.rml', 'runs')));
    assert.ok(existsSync(path.join(summary.runDir, 'model', 'model.json')));
    assert.equal(summary.backend.name, 'wasm');
    assert.equal(summary.epochs, 6);
    assert.ok(summary.test.accuracy >= 0.75, `accuracy ${summary.test.accuracy}`);
    for (const key of ['f1', 'macroF1', 'auc', 'logLoss', 'expectedCalibrationError'] as const)
      assert.equal(typeof summary.test[key], 'number', key);
    // The same keys as `rml fairness --format json`, with AIF360's metrics because a privileged group was named.
    const fairness = summary.fairness!;
    assert.deepEqual(Object.keys(fairness.byGroup).sort(), ['A', 'B']);
    assert.equal(typeof fairness.demographicParityDifference, 'number');
    assert.equal(typeof fairness.disparateImpact, 'number');
    assert.deepEqual(Object.keys(summary.fairnessByColumn!), ['dialect']);
    assert.ok(
      io.err.some((line) => line.startsWith('completed: test accuracy')),
      'progress goes to stderr',
    );
  });

  it('agrees with `rml fairness` run on the predictions it saved: same data, same numbers', async () => {
    const trainIo = capture(cwd);
    const args = [
      'reviews.csv',
      '--label',
      'label',
      '--text',
      'text',
      '--sensitive',
      'dialect',
      '--privileged',
      'dialect=A',
      '--epochs',
      '3',
      '--backend',
      'wasm',
      '--format',
      'json',
    ];
    assert.equal(await runCli(['train', ...args], trainIo), 0);
    const summary = JSON.parse(trainIo.out.join('')) as TrainSummary;
    const predictions = path.join(summary.runDir, 'predictions.csv');
    const fairnessIo = capture(cwd);
    const fairnessArgs = [
      'fairness',
      predictions,
      '--y-true',
      'y_true',
      '--y-pred',
      'y_pred',
      '--sensitive',
      'dialect',
      '--pos-label',
      'positive',
      '--privileged',
      'dialect=A',
      '--format',
      'json',
    ];
    assert.equal(await runCli(fairnessArgs, fairnessIo), 0, fairnessIo.err.join(''));
    const { verdicts, ...report } = JSON.parse(fairnessIo.out.join('')) as FairnessOutput;
    assert.deepEqual(report, summary.fairness);
    assert.deepEqual(verdicts, summary.verdicts);
  });

  it('writes to --out, and prints a readable summary by default', async () => {
    const io = capture(cwd);
    const args = [
      'loans.csv',
      '--label',
      'approved',
      '--features',
      'age,income,education',
      '--model',
      'mlp',
      '--epochs',
      '3',
      '--backend',
      'cpu',
      '--out',
      'runs',
    ];
    assert.equal(await trainCommand(args, io), 0);
    const text = io.out.join('');
    assert.match(text, new RegExp(`^run \\S+: ${path.join(cwd, 'runs').replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
    assert.match(text, /\ntest: accuracy 0\.\d{3}, F1 0\.\d{3}, ROC AUC 0\.\d{3}/);
  });

  it('rejects a command line that cannot describe a job', async () => {
    writeFileSync(path.join(cwd, 'unlabelled.csv'), 'a,b\n1,2\n3,4\n');
    await assert.rejects(
      trainCommand(['unlabelled.csv'], capture(cwd)),
      /no column of unlabelled\.csv is named like a label .*give --label COL \(columns: a, b\)/,
    );
    await assert.rejects(
      trainCommand(['loans.csv', '--text', 'x', '--features', 'age'], capture(cwd)),
      /give --text or --features, not both/,
    );
    await assert.rejects(
      trainCommand(['loans.csv', '--label', 'approved', '--features', 'age', '--backend', 'gpu'], capture(cwd)),
      /--backend must be one of auto, tensorflow, webgpu, wasm, cpu/,
    );
    await assert.rejects(
      trainCommand(['loans.csv', '--label', 'approved', '--features', 'age', '--epochs', '0'], capture(cwd)),
      /epochs must be at least 1/,
    );
    await assert.rejects(
      trainCommand(
        ['loans.csv', '--label', 'approved', '--features', 'age', '--early-stopping', 'maybe'],
        capture(cwd),
      ),
      /--early-stopping must be one of on, off/,
    );
  });

  it('fails before the first epoch, with exit 2, on a privileged value the data lacks', async () => {
    const io = capture(cwd);
    const args = [
      'train',
      'loans.csv',
      '--label',
      'approved',
      '--features',
      'age,income',
      '--sensitive',
      'sex',
      '--privileged',
      'sex=X',
      '--backend',
      'cpu',
    ];
    assert.equal(await runCli(args, io), 2);
    assert.match(io.err.join(''), /privileged value 'X' does not occur in column 'sex'/);
    assert.ok(!io.err.some((line) => /^epoch \d/.test(line)), 'no epoch was trained');
  });

  it('takes its settings from the nearest .rml.json above the dataset, and names a constant model in every output', async () => {
    mkdirSync(path.join(cwd, 'data'));
    // 3 % "yes", independent of the feature: the model says "no" to everyone.
    const rows = Array.from(
      { length: 300 },
      (_, i) => `${(i * 7919) % 101},${i % 2 ? 'F' : 'M'},${i % 33 === 0 ? 'Yes' : 'No'}`,
    );
    writeFileSync(path.join(cwd, 'data', 'hires.csv'), `score,sex,hired\n${rows.join('\n')}\n`);
    writeFileSync(
      path.join(cwd, '.rml.json'),
      JSON.stringify({
        dataset: { label: 'hired', favorable: 'yes', sensitive: ['sex'], privileged: { sex: 'M' }, minGroupSize: 5 },
      }),
    );
    const json = capture(path.join(cwd, 'data'));
    assert.equal(
      await trainCommand(
        [
          'hires.csv',
          '--features',
          'score',
          '--backend',
          'wasm',
          '--epochs',
          '15',
          '--learning-rate',
          '0.1',
          '--bootstrap',
          '50',
          '--format',
          'json',
          '--fail-on-disparity',
        ],
        json,
      ),
      0,
    );
    const summary = JSON.parse(json.out.join('')) as TrainSummary;
    assert.ok(summary.runDir.startsWith(path.join(cwd, 'data', '.rml', 'runs')));
    assert.ok(
      summary.warnings.some((warning) => warning.code === 'model/constant-prediction'),
      JSON.stringify(summary.warnings),
    );
    assert.equal(summary.fairness?.disparateImpact, 1, "privileged sex=M from .rml.json; 'yes' matched 'Yes'");
    assert.ok(summary.verdicts.length > 0 && summary.verdicts.every((verdict) => verdict.verdict === 'uninformative'));
    const text = capture(path.join(cwd, 'data'));
    assert.equal(
      await trainCommand(
        [
          'hires.csv',
          '--features',
          'score',
          '--backend',
          'wasm',
          '--epochs',
          '15',
          '--learning-rate',
          '0.1',
          '--bootstrap',
          '50',
        ],
        text,
      ),
      0,
    );
    const out = text.out.join('');
    assert.match(out, /^WARNING \(model\/constant-prediction\): the model predicts 'No' for 100 % of the examples/m);
    assert.match(out, /^fairness by sex \(50 bootstrap resamples, seed 42\) — UNINFORMATIVE/m);
    assert.match(out, /^demographic parity difference\s+0\.000\s+\[0\.000, 0\.000\]\s+within ±0\.100\s+uninformative/m);
  });

  it('leaves out .rml.json settings that belong to another dataset of the workspace, saying so', async () => {
    writeFileSync(
      path.join(cwd, '.rml.json'),
      JSON.stringify({ dataset: { label: 'hired', favorable: 'yes', sensitive: ['sex'] } }),
    );
    const io = capture(cwd);
    const args = [
      'reviews.csv',
      '--label',
      'label',
      '--text',
      'text',
      '--epochs',
      '2',
      '--backend',
      'wasm',
      '--bootstrap',
      '0',
    ];
    assert.equal(await trainCommand(args, io), 0, io.err.join(''));
    assert.ok(io.err.includes("note: .rml.json's sensitive 'sex' not in reviews.csv: left out\n"), io.err.join(''));
    assert.match(io.out.join(''), /^test: accuracy/m);
  });

  it('exits 1 with --fail-on-disparity when a disparity of the model is outside its threshold', async () => {
    // The label is the group: any model that learns it has a demographic parity difference near 1.
    const rows = Array.from(
      { length: 300 },
      (_, i) => `${i % 2 ? 'F' : 'M'},${(i % 2) + ((i * 13) % 7) / 10},${i % 2 ? 'yes' : 'no'}`,
    );
    writeFileSync(path.join(cwd, 'biased.csv'), `sex,signal,approved\n${rows.join('\n')}\n`);
    const args = [
      'biased.csv',
      '--label',
      'approved',
      '--features',
      'signal',
      '--sensitive',
      'sex',
      '--backend',
      'wasm',
      '--epochs',
      '20',
      '--learning-rate',
      '0.1',
      '--bootstrap',
      '0',
      '--format',
      'json',
    ];
    const io = capture(cwd);
    assert.equal(await trainCommand([...args, '--fail-on-disparity'], io), 1);
    const summary = JSON.parse(io.out.join('')) as TrainSummary;
    assert.equal(
      summary.verdicts.find((verdict) => verdict.figure === 'demographicParityDifference')?.verdict,
      'outside',
    );
    assert.equal(await trainCommand(args, capture(cwd)), 0, 'without the flag: exit 0');
  });

  it('says when features chosen by hand identify people by their header, and trains on them as asked', async () => {
    const lines = ['first_name,date_of_birth,score,hired'];
    for (let i = 0; i < 60; i++)
      lines.push(`P${i % 7},19${50 + (i % 40)}-01-0${1 + (i % 9)},${i % 9},${i % 3 ? 1 : 0}`);
    writeFileSync(path.join(cwd, 'people.csv'), `${lines.join('\n')}\n`);
    const io = capture(cwd);
    const args = ['people.csv', '--label', 'hired', '--features', 'first_name,date_of_birth,score'];
    assert.equal(await trainCommand([...args, '--backend', 'cpu', '--epochs', '1', '--format', 'json'], io), 0);
    const note = io.err.find((line) => line.startsWith('note: the features')) ?? io.err.join('');
    assert.match(note, /'first_name' \(names\), 'date_of_birth' \(dates of birth\) identify people by themselves/);
  });

  it('does not call the text column it trains on "left out"', async () => {
    cpSync(path.join(FIXTURES, 'reviews.csv'), path.join(cwd, 'reviews.csv'));
    const io = capture(cwd);
    assert.equal(await trainCommand(['reviews.csv', '--backend', 'cpu', '--epochs', '1', '--format', 'json'], io), 0);
    const note = io.err.find((line) => line.startsWith('note: columns as the editor')) ?? '';
    assert.match(note, /label 'label'; text 'text'; left out: id \(id\) \(/);
  });

  it('trains a dataset nobody here wrote with no options, on the columns the editor form suggests (UCI Adult)', async () => {
    cpSync(path.join(__dirname, '../../fixtures/bias/adult-uci-sample.csv'), path.join(cwd, 'adult.csv'));
    const io = capture(cwd);
    assert.equal(
      await trainCommand(['adult.csv', '--backend', 'cpu', '--epochs', '5', '--format', 'json'], io),
      0,
      io.err.join(''),
    );
    const note = io.err.find((line) => line.startsWith('note: columns as the editor'));
    assert.ok(note, io.err.join(''));
    // `class ` and `sex ` in the header: the names lose the space, so they are what a user types.
    assert.match(note, /label 'class'; features workclass, fnlwgt, education, education-num, occupation, /);
    assert.match(note, /sensitive age, marital-status, race, sex, native-country; left out: relationship \(proxy\)/);
    const summary = JSON.parse(io.out.join('')) as TrainSummary;
    // Groups as the audit names them: values trimmed (` Male`), ages in the audit's bands, not one group per age.
    assert.deepEqual(Object.keys(summary.fairnessByColumn!['sex']!.byGroup).sort(), ['Female', 'Male']);
    const ages = Object.keys(summary.fairnessByColumn!['age']!.byGroup);
    assert.ok(
      ages.every((group) => /^(\[\d+, \d+\)|<18|≥65)$/.test(group)),
      ages.join(' | '),
    );
  });
});
