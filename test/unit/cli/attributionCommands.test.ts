import { strict as assert } from 'node:assert';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { CliIo } from '../../../src/cli/io';
import { runCli } from '../../../src/cli/main';
import type { ExplainJson } from '../../../src/cli/commands/explain';
import { LineIndex } from '../../../src/engine/parse';
import { runTrainingJob } from '../../../src/engine/training/job';

const FIXTURES = path.join(__dirname, '../../fixtures');

function capture(cwd: string): CliIo & { out: string[]; err: string[]; json<T>(): T } {
  const out: string[] = [];
  const err: string[] = [];
  return {
    out,
    err,
    cwd,
    stdout: (text) => out.push(text),
    stderr: (text) => err.push(text),
    json: <T>() => JSON.parse(out.join('')) as T,
  };
}

describe('rml explain, rml counterfactual, rml labels', function () {
  this.timeout(120_000);
  let cwd: string;
  let textRun: string;
  let tabularRun: string;
  const rml = async (...args: string[]) => {
    const io = capture(cwd);
    const code = await runCli(args, io);
    return { code, io };
  };

  before(async () => {
    cwd = mkdtempSync(path.join(os.tmpdir(), 'rml-explain-cli-'));
    cpSync(path.join(FIXTURES, 'training/reviews.csv'), path.join(cwd, 'reviews.csv'));
    cpSync(path.join(FIXTURES, 'training/loans.csv'), path.join(cwd, 'loans.csv'));
    cpSync(path.join(FIXTURES, 'counterfactual/biased.csv'), path.join(cwd, 'biased.csv'));
    const runsRoot = path.join(cwd, 'runs');
    textRun = (
      await runTrainingJob({
        dataset: path.join(cwd, 'biased.csv'),
        label: 'label',
        text: 'text',
        epochs: 12,
        backend: 'wasm',
        runsRoot,
      })
    ).runDir;
    tabularRun = (
      await runTrainingJob({
        dataset: path.join(cwd, 'loans.csv'),
        label: 'approved',
        features: ['age', 'income', 'education'],
        epochs: 4,
        backend: 'wasm',
        runsRoot,
      })
    ).runDir;
  });
  after(() => rmSync(cwd, { recursive: true, force: true }));

  it('explain --text: the documented keys, words with offsets, complete within the delta', async () => {
    const text = 'She said the diner was great and friendly.';
    const { code, io } = await rml(
      'explain',
      '--run',
      textRun,
      '--text',
      text,
      '--format',
      'json',
      '--backend',
      'wasm',
    );
    assert.equal(code, 0, io.err.join(''));
    const result = io.json<ExplainJson>();
    assert.deepEqual(Object.keys(result), [
      'prediction',
      'probabilities',
      'target',
      'method',
      'baseline',
      'tokens',
      'delta',
      'output',
      'baselineOutput',
      'integration',
    ]);
    assert.deepEqual(Object.keys(result.probabilities), ['neg', 'pos']);
    assert.equal(result.target, result.prediction);
    assert.deepEqual(
      result.tokens!.map((token) => text.slice(token.start, token.end)),
      result.tokens!.map((token) => token.text),
    );
    const total = result.tokens!.reduce((sum, token) => sum + token.score, 0);
    assert.ok(Math.abs(total - (result.output - result.baselineOutput) - result.delta!) < 1e-6);
    assert.ok(Math.abs(result.delta!) < 1e-3, `delta ${result.delta}`);
    assert.deepEqual(result.integration, { method: 'gausslegendre', steps: 50 });
  });

  it('explain: backends it cannot use are notes in terminal wording, never the bare editor command', async () => {
    const { code, io } = await rml('explain', '--run', textRun, '--text', 'The diner was great.');
    assert.equal(code, 0, io.err.join(''));
    const notes = io.err
      .join('')
      .split('\n')
      .filter((line) => line.includes('backend unavailable'));
    for (const note of notes) {
      assert.match(note, /^note: /);
      if (note.includes('Enable GPU Acceleration'))
        assert.match(note, /in VS Code, run the command .*; from a terminal/);
    }
  });

  it('explain --row: reads the row at the line, and every token range lands on its characters in the file', async () => {
    writeFileSync(
      path.join(cwd, 'quoted.csv'),
      'text,label\n"He said ""the staff"" was rude, and\nthe food cold",neg\n',
    );
    const { code, io } = await rml(
      'explain',
      '--run',
      textRun,
      '--row',
      'quoted.csv:2',
      '--method',
      'occlusion',
      '--format',
      'json',
    );
    assert.equal(code, 0, io.err.join(''));
    const result = io.json<ExplainJson>();
    assert.deepEqual(result.row, { file: 'quoted.csv', line: 2, index: 0 });
    const lines = new LineIndex(readFileSync(path.join(cwd, 'quoted.csv'), 'utf8'));
    const source = readFileSync(path.join(cwd, 'quoted.csv'), 'utf8');
    for (const token of result.tokens!) {
      const { start, end } = token.range!;
      assert.equal(source.slice(lines.offsetAt(start), lines.offsetAt(end)), token.text);
    }
    assert.deepEqual(
      result.tokens!.map((token) => token.text),
      ['He', 'said', 'the', 'staff', 'was', 'rude', 'and', 'the', 'food', 'cold'],
    );
    assert.equal(result.tokens!.at(-1)!.range!.start.line, 2, 'a word after the quoted line break');
    assert.equal(result.delta, null);
  });

  it('explain on a tabular run: one score per original column, placed on its cell', async () => {
    const { code, io } = await rml(
      'explain',
      '--run',
      tabularRun,
      '--row',
      'loans.csv:3',
      '--method',
      'kernelshap',
      '--samples',
      '200',
      '--format',
      'json',
    );
    assert.equal(code, 0, io.err.join(''));
    const result = io.json<ExplainJson>();
    assert.deepEqual(
      result.features!.map((feature) => [feature.column, feature.text]),
      [
        ['age', '57'],
        ['income', '89'],
        ['education', 'master'],
      ],
    );
    assert.deepEqual(
      result.features!.map((feature) => [feature.start, feature.end]),
      [
        [0, 2],
        [3, 5],
        [9, 15],
      ],
    );
    assert.equal(result.baseline, 'zero');
    const text = await rml('explain', '--run', tabularRun, '--row', 'loans.csv:3');
    assert.match(text.io.out.join(''), /^prediction: (yes|no) \(p = 0\.\d{3}\)\nexplaining P\(/);
    assert.match(text.io.out.join(''), /\n {2}education=master +[+-]0\.\d{4}\n/);
  });

  it('explain: clear errors with exit 2', async () => {
    const cases: Array<[string[], RegExp]> = [
      [['--run', textRun, '--row', 'biased.csv:1'], /biased\.csv:1: line 1 is the header row/],
      [['--run', textRun, '--row', 'biased.csv:9999'], /biased\.csv:9999: no data row on line 9999/],
      [
        ['--run', tabularRun, '--text', 'hello'],
        /this model explains table rows: .*\(--row FILE:LINE: a row of a file with its columns\)/,
      ],
      [
        ['--run', textRun, '--text', 'hi', '--method', 'lime'],
        /--method must be one of ig, gradxinput, saliency, occlusion, ablation, kernelshap/,
      ],
      [
        ['--run', textRun, '--text', 'hi', '--target', 'maybe'],
        /target class 'maybe' is not one of the model's classes \(neg, pos\)/,
      ],
      [
        ['--run', tabularRun, '--row', 'loans.csv:2', '--baseline', 'pad'],
        /baseline 'pad' does not apply to this tabular model/,
      ],
      [['--run', path.join(cwd, 'nowhere'), '--text', 'hi'], /nowhere: not a run folder or the id of a run/],
    ];
    for (const [args, message] of cases) {
      const { code, io } = await rml('explain', ...args);
      assert.equal(code, 2, args.join(' '));
      assert.match(io.err.join(''), message);
    }
    const help = await rml('explain', '--help');
    assert.match(
      help.io.out.join('').replace(/\s+/g, ' '),
      /--steps N integrated gradients: path steps \(default: 50\)/,
    );
    assert.match(help.io.out.join(''), /^Examples:\n {2}rml explain --run /m);
  });

  it('counterfactual: the gap, its pairs and a finding on the planted bias; --fail-on-gap exits 1', async () => {
    const { code, io } = await rml(
      'counterfactual',
      '--run',
      textRun,
      'biased.csv',
      '--format',
      'json',
      '--fail-on-gap',
    );
    assert.equal(code, 1, io.err.join(''));
    const result = io.json<{
      gap: number;
      examples: number;
      pairs: Array<{ line: number; original: string; counterfactual: string; delta: number }>;
      findings: Array<{ code: string; range: unknown }>;
    }>();
    assert.ok(result.gap > 0.05, `gap ${result.gap}`);
    assert.equal(result.examples, 800);
    assert.deepEqual(Object.keys(result.pairs[0]!), ['line', 'row', 'original', 'counterfactual', 'swapped', 'delta']);
    assert.equal(result.pairs[0]!.line, 2);
    assert.equal(result.findings[0]!.code, 'bias/counterfactual-gap');
    assert.deepEqual(
      result.findings[0]!.range,
      { start: { line: 0, character: 0 }, end: { line: 0, character: 4 } },
      'on the text header',
    );
    const lenient = await rml('counterfactual', '--run', textRun, 'biased.csv', '--threshold', '0.9');
    assert.equal(lenient.code, 0);
    assert.match(lenient.io.out.join(''), /^counterfactual token fairness gap: 0\.\d{4} \(threshold 0\.9\)/);
    const tabular = await rml('counterfactual', '--run', tabularRun, 'loans.csv');
    assert.equal(tabular.code, 2);
    assert.match(tabular.io.err.join(''), /needs a text model/);
  });

  it("train: records the run's attribution.json, as the editor does after training", async () => {
    const { code, io } = await rml(
      'train',
      'reviews.csv',
      '--label',
      'label',
      '--text',
      'text',
      '--sensitive',
      'dialect',
      '--epochs',
      '2',
      '--backend',
      'wasm',
      '--out',
      'cli-runs',
      '--format',
      'json',
    );
    assert.equal(code, 0, io.err.join(''));
    const { runDir } = io.json<{ runDir: string }>();
    const attribution = JSON.parse(readFileSync(path.join(runDir, 'attribution.json'), 'utf8')) as {
      globalImportance: { byGroup: Record<string, unknown> };
    };
    assert.deepEqual(Object.keys(attribution.globalImportance.byGroup), ['dialect']);
    assert.ok(
      io.err.some((line) => line.startsWith('attribution: global importance on 90 test examples')),
      io.err.join(''),
    );
  });

  it("labels: k-fold on features and the user's probabilities give the documented keys; errors exit 2", async () => {
    const { code, io } = await rml(
      'labels',
      'loans.csv',
      '--label',
      'approved',
      '--features',
      'age,income,hours,education',
      '--folds',
      '3',
      '--rank',
      'self_confidence',
      '--format',
      'json',
    );
    assert.equal(code, 0, io.err.join(''));
    const report = io.json<{
      issues: Array<Record<string, unknown>>;
      thresholds: number[];
      confidentJoint: number[][];
      classes: string[];
    }>();
    assert.deepEqual(Object.keys(report).slice(0, 4), ['classes', 'rows', 'filter', 'rank']);
    assert.deepEqual(report.classes, ['no', 'yes']);
    assert.equal(report.thresholds.length, 2);
    assert.ok(report.issues.length > 0);
    assert.deepEqual(Object.keys(report.issues[0]!), ['line', 'row', 'given', 'suggested', 'score']);
    assert.ok(
      io.err.some((line) => line.startsWith('fold 3/3')),
      'progress on stderr',
    );
    writeFileSync(path.join(cwd, 'small.csv'), 'label\nyes\nyes\nno\nno\n');
    writeFileSync(path.join(cwd, 'probs.csv'), 'yes,no\n0.9,0.1\n0.2,0.8\n0.1,0.9\n0.3,0.7\n');
    const own = await rml('labels', 'small.csv', '--label', 'label', '--pred-probs', 'probs.csv', '--fail-on-issues');
    assert.equal(own.code, 1);
    assert.match(
      own.io.out.join(''),
      /^1 of 4 rows look mislabelled \(prune_by_noise_rate, probabilities from probs\.csv\)\n {2}line 3: 'yes' → 'no'/,
    );
    for (const [args, message] of [
      [
        ['small.csv', '--label', 'label', '--text', 'text', '--features', 'x'],
        /give one of --text, --features or --pred-probs/,
      ],
      [
        ['small.csv', '--label', 'label'],
        /no column of small\.csv is left to train on besides the label and sensitive columns: give --features or --text/,
      ],
      [
        ['small.csv', '--label', 'label', '--pred-probs', 'probs.csv', '--filter', 'fast'],
        /--filter must be one of prune_by_noise_rate/,
      ],
      [['small.csv', '--label', 'nope', '--features', 'label'], /no column 'nope'/],
    ] as Array<[string[], RegExp]>) {
      const result = await rml('labels', ...args);
      assert.equal(result.code, 2, args.join(' '));
      assert.match(result.io.err.join(''), message);
    }
  });
});
