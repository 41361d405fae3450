import { strict as assert } from 'node:assert';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { modelWarnings } from '../../../src/engine/evaluation/warnings';
import { readRun } from '../../../src/engine/runs/runDir';
import type { Preprocessing } from '../../../src/engine/training/features/preprocessing';
import { runTrainingJob, TrainingJobError } from '../../../src/engine/training/job';
import type { TrainingConfig } from '../../../src/engine/training/types';
import type { TrainingEvent } from '../../../src/shared/runs';
import { seededRandom } from '../../../src/engine/training/data/split';

const LOANS = path.join(__dirname, '../../fixtures/training/loans.csv');

const loans = (extra: Partial<TrainingConfig> = {}): TrainingConfig => ({
  dataset: LOANS,
  label: 'approved',
  features: ['age', 'income', 'hours', 'education'],
  sensitive: ['sex'],
  backend: 'wasm',
  bootstrapResamples: 0,
  ...extra,
});

/** A CSV of `rows` generated rows (seeded), header first. */
function csv(header: string[], rows: number, row: (i: number, random: () => number) => Array<string | number>): string {
  const random = seededRandom(3, 'fixture');
  return `${[header.join(','), ...Array.from({ length: rows }, (_, i) => row(i, random).join(','))].join('\n')}\n`;
}

describe('training jobs: checks before and after training', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'rml-job-checks-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('stops early on the validation loss and keeps the best epoch: the same model as training only that far', async () => {
    const stopped = await runTrainingJob(loans({ runsRoot: dir, patience: 3 }));
    assert.equal(stopped.stoppedEarly, true);
    const best = stopped.bestEpoch ?? 0;
    assert.ok(best >= 1 && best <= stopped.epochs.length - 3, `best ${best} of ${stopped.epochs.length}`);
    const losses = stopped.epochs.map((epoch) => epoch.validationLoss);
    assert.ok(
      losses.slice(best).every((loss) => loss > losses[best - 1]! - 1e-4),
      'no later epoch improved by minDelta',
    );
    const run = await readRun(stopped.runDir);
    assert.deepEqual(run.report?.training, {
      epochsRun: stopped.epochs.length,
      bestEpoch: best,
      stoppedEarly: true,
      bestValidationLoss: losses[best - 1],
    });
    assert.deepEqual(run.config?.training.earlyStopping, {
      monitor: 'validationLoss',
      patience: 3,
      minDelta: 1e-4,
      restoreBestWeights: true,
    });
    // Same seed, same backend: training to the best epoch without early stopping gives the very same weights.
    const direct = await runTrainingJob(loans({ runsRoot: dir, epochs: best, earlyStopping: false }));
    assert.deepEqual(direct.test, stopped.test);
    assert.equal((await readRun(direct.runDir)).config?.training.earlyStopping, undefined);
  });

  it('converges with the defaults on the example datasets before the epoch limit', async () => {
    const hiring = path.join(__dirname, '../../fixtures/example-workspace/data/hiring.csv');
    const reviews = path.join(__dirname, '../../fixtures/training/reviews.csv');
    const runs = [
      await runTrainingJob({
        dataset: hiring,
        label: 'hired',
        features: ['age', 'race', 'zip', 'years_experience', 'degree'],
        sensitive: ['sex'],
        backend: 'wasm',
        runsRoot: dir,
        bootstrapResamples: 0,
      }),
      await runTrainingJob({
        dataset: LOANS,
        label: 'approved',
        features: ['age', 'income', 'hours', 'education'],
        backend: 'wasm',
        runsRoot: dir,
        bootstrapResamples: 0,
      }),
      await runTrainingJob({
        dataset: reviews,
        label: 'label',
        text: 'text',
        backend: 'wasm',
        runsRoot: dir,
        bootstrapResamples: 0,
      }),
    ];
    for (const run of runs)
      assert.equal(run.stoppedEarly, true, `${run.runDir}: ${run.epochs.length} epochs without converging`);
  });

  it('trains with two sensitive columns and no privileged group (the intersection has Fairlearn figures only)', async () => {
    const data = path.join(dir, 'two.csv');
    writeFileSync(
      data,
      csv(['x', 'sex', 'race', 'y'], 240, (i, r) => [
        r().toFixed(3),
        i % 2 ? 'F' : 'M',
        i % 3 ? 'a' : 'b',
        r() < 0.5 ? 'yes' : 'no',
      ]),
    );
    const result = await runTrainingJob({
      dataset: data,
      label: 'y',
      features: ['x'],
      sensitive: ['sex', 'race'],
      epochs: 2,
      backend: 'cpu',
      runsRoot: dir,
      bootstrapResamples: 0,
    });
    assert.equal(result.state, 'completed');
    assert.deepEqual(Object.keys(result.test!.fairness!.intersection!.report.byGroup), ['F,a', 'F,b', 'M,a', 'M,b']);
    assert.equal(result.test!.fairness!.intersection!.report.disparateImpact, undefined);
  });

  it('refuses before the first epoch what the evaluation would refuse after the last', async () => {
    const events: TrainingEvent[] = [];
    const failure = await runTrainingJob(loans({ runsRoot: dir, privileged: [{ column: 'sex', value: 'X' }] }), {
      onEvent: (event) => events.push(event),
    }).then(
      () => assert.fail('expected a failure'),
      (error: unknown) => error,
    );
    assert.ok(failure instanceof TrainingJobError);
    assert.match(failure.message, /nothing was trained: privileged value 'X' does not occur in column 'sex'/);
    assert.equal(events.filter((event) => event.kind === 'epoch').length, 0);
    assert.equal((await readRun(failure.runDir)).status.epochsCompleted, 0);
  });

  it('warns, in the run and its report, when the model predicts one class for everyone', async () => {
    // The label is 3 % "yes", independent of the only feature: the model learns to say "no".
    const data = path.join(dir, 'constant.csv');
    writeFileSync(
      data,
      csv(['x', 'group', 'y'], 400, (i, r) => [r().toFixed(3), i % 2 ? 'A' : 'B', r() < 0.03 ? 'yes' : 'no']),
    );
    const result = await runTrainingJob({
      dataset: data,
      label: 'y',
      features: ['x'],
      sensitive: ['group'],
      backend: 'cpu',
      runsRoot: dir,
      bootstrapResamples: 0,
    });
    const codes = (result.warnings ?? []).map((warning) => warning.code);
    assert.ok(codes.includes('model/constant-prediction'), codes.join(', '));
    assert.match(result.warnings![0]!.message, /predicts 'no' for 100 % of the examples/);
    const run = await readRun(result.runDir);
    assert.deepEqual(run.report?.warnings, result.warnings);
    assert.deepEqual(run.report?.test.warnings, result.warnings);
  });

  it("reports bootstrap intervals by default (1,000 resamples), so the panel's Interval column is filled", async () => {
    const { bootstrapResamples: _none, ...config } = loans({ runsRoot: dir, epochs: 1 });
    const result = await runTrainingJob(config);
    assert.equal(result.test!.intervals?.resamples, 1000);
    const intervals = result.test!.fairness!.byColumn.sex!.report.intervals;
    assert.equal(intervals?.resamples, 1000);
    assert.ok(intervals?.disparities.demographicParityDifference, 'an interval per disparity');
  });

  it('finds a weight column by its name: weights, never a feature, and the run config says so', async () => {
    const result = await runTrainingJob(loans({ runsRoot: dir, epochs: 1 }));
    const config = (await readRun(result.runDir)).config!;
    assert.equal(config.columns.weight, 'weight');
    assert.equal(config.columns.weightSource, 'column-name');
    assert.deepEqual(config.columns.features, ['age', 'income', 'hours', 'education']);
    assert.match(readFileSync(path.join(result.runDir, 'predictions.csv'), 'utf8').split('\n')[0]!, /,weight$/);
    const off = await runTrainingJob(loans({ runsRoot: dir, epochs: 1, weight: false }));
    assert.equal((await readRun(off.runDir)).config!.columns.weight, undefined);
    await assert.rejects(
      runTrainingJob(loans({ runsRoot: dir, epochs: 1, features: ['age', 'weight'] })),
      /column 'weight' holds instance weights \(found by its name\).*--weight none/,
    );
    const asFeature = await runTrainingJob(
      loans({ runsRoot: dir, epochs: 1, features: ['age', 'weight'], weight: false }),
    );
    assert.deepEqual((await readRun(asFeature.runDir)).config!.columns.features, ['age', 'weight']);
  });

  it('names the line, column and value of a number that breaks a numeric column, before training', async () => {
    const rows = (bad: string) =>
      csv(['age', 'income', 'y'], 100, (i, r) => [
        20 + (i % 40),
        i === 57 ? bad : (r() * 100).toFixed(1),
        i % 2 ? 'yes' : 'no',
      ]);
    for (const [bad, expected] of [
      ['Infinity', /is not a finite number/],
      ['1e999', /is not a finite number/],
      ['lots', /whose other values are numbers \(99 %\)/],
    ] as const) {
      const data = path.join(dir, `bad-${bad}.csv`);
      writeFileSync(data, rows(bad));
      const events: TrainingEvent[] = [];
      await assert.rejects(
        runTrainingJob(
          { dataset: data, label: 'y', features: ['age', 'income'], backend: 'cpu', runsRoot: dir },
          { onEvent: (event) => events.push(event) },
        ),
        (error: Error) =>
          error.message.startsWith(`${data}:59:4: '${bad}' in `) &&
          expected.test(error.message) &&
          error.message.includes("column 'income'"),
      );
      assert.equal(events.filter((event) => event.kind === 'epoch').length, 0, bad);
    }
  });

  it('standardises extreme numbers without overflowing, and encodes numeric codes such as zip codes as categories', async () => {
    const data = path.join(dir, 'extreme.csv');
    writeFileSync(
      data,
      csv(['huge', 'zip', 'y'], 200, (i, r) => [
        i === 5 ? '5e307' : i === 6 ? '-5e307' : (r() * 10).toFixed(2),
        ['10001', '10451', '60601'][i % 3]!,
        i % 3 === 0 ? 'yes' : 'no',
      ]),
    );
    const result = await runTrainingJob({
      dataset: data,
      label: 'y',
      features: ['huge', 'zip'],
      epochs: 3,
      backend: 'cpu',
      runsRoot: dir,
      bootstrapResamples: 0,
    });
    assert.ok(
      result.epochs.every((epoch) => Number.isFinite(epoch.trainLoss) && Number.isFinite(epoch.validationLoss)),
    );
    const preprocessing = JSON.parse(
      readFileSync(path.join(result.runDir, 'model', 'preprocessing.json'), 'utf8'),
    ) as Preprocessing;
    assert.ok(preprocessing.kind === 'tabular');
    assert.deepEqual(
      preprocessing.encoding.columns.map((column) => [column.column, column.kind]),
      [
        ['huge', 'numeric'],
        ['zip', 'categorical'],
      ],
    );
    assert.ok(result.test!.accuracy > 0.95, 'the zip code alone decides the label');
  });
});

describe('evaluation warnings', () => {
  it('flags one class for ≥ 99 % of the examples, and an AUC at chance level', () => {
    const classes = ['no', 'yes'];
    assert.deepEqual(
      modelWarnings({ predicted: new Array(100).fill(0), classes, rocAuc: 0.8 }).map((w) => w.code),
      ['model/constant-prediction'],
    );
    assert.deepEqual(
      modelWarnings({ predicted: [...new Array(99).fill(0), 1], classes, rocAuc: 0.8 }).map((w) => w.code),
      ['model/constant-prediction'],
    );
    assert.deepEqual(modelWarnings({ predicted: [...new Array(98).fill(0), 1, 1], classes, rocAuc: 0.8 }), []);
    assert.deepEqual(
      modelWarnings({ predicted: [0, 1, 0, 1], classes, rocAuc: 0.55 }).map((w) => w.code),
      ['model/chance-level'],
    );
    assert.deepEqual(modelWarnings({ predicted: [0, 1, 0, 1], classes, rocAuc: null }), []);
  });
});
