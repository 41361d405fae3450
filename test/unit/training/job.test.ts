import * as tf from '@tensorflow/tfjs';
import { strict as assert } from 'node:assert';
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { readRun } from '../../../src/engine/runs/runDir';
import type { EpochMetrics } from '../../../src/shared/runs';
import { runTrainingJob, TrainingJobError } from '../../../src/engine/training/job';
import { loadTrainedModel, predictRecords } from '../../../src/engine/training/modelStore';
import type { TrainingConfig } from '../../../src/engine/training/types';

const FIXTURES = path.join(__dirname, '../../fixtures/training');
const REVIEWS = path.join(FIXTURES, 'reviews.csv');
const LOANS = path.join(FIXTURES, 'loans.csv');
const TOPICS = path.join(FIXTURES, 'topics.jsonl');

const text = (extra: Partial<TrainingConfig> = {}): TrainingConfig => ({
  dataset: REVIEWS,
  label: 'label',
  text: 'text',
  sensitive: ['dialect'],
  epochs: 8,
  ...extra,
});
const loans = (extra: Partial<TrainingConfig> = {}): TrainingConfig => ({
  dataset: LOANS,
  label: 'approved',
  features: ['age', 'income', 'hours', 'education', 'sex'],
  sensitive: ['sex'],
  epochs: 8,
  ...extra,
});

/** Epoch figures without their timings, which differ from run to run. */
const figures = (epochs: EpochMetrics[]) => epochs.map(({ seconds: _s, examplesPerSecond: _e, ...rest }) => rest);
const sha256 = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

describe('training jobs', () => {
  let runsRoot: string;
  beforeEach(() => {
    runsRoot = mkdtempSync(path.join(os.tmpdir(), 'rml-job-'));
  });
  afterEach(() => rmSync(runsRoot, { recursive: true, force: true }));

  for (const backend of ['wasm', 'cpu'] as const) {
    it(`trains the text model on ${backend} to a test accuracy of at least 0.75, and writes the whole run`, async () => {
      const epochs: EpochMetrics[] = [];
      const result = await runTrainingJob(text({ backend, runsRoot }), {
        onEvent: (event) => event.kind === 'epoch' && epochs.push(event.metrics),
      });
      assert.equal(result.state, 'completed');
      assert.equal(result.backend.name, backend);
      assert.ok(result.test!.accuracy >= 0.75, `accuracy ${result.test!.accuracy}`);
      assert.deepEqual(result.splits, { train: 420, validation: 90, test: 90 });
      assert.equal(epochs.length, 8);
      assert.deepEqual(
        epochs.at(-1)!.groups!.dialect!.map((group) => group.group),
        ['A', 'B'],
      );
      const run = await readRun(result.runDir);
      assert.equal(run.status.state, 'completed');
      assert.deepEqual(run.metrics, epochs);
      assert.equal(run.config!.dataset.sha256, sha256(REVIEWS));
      assert.equal(run.config!.backend.name, backend);
      assert.deepEqual(run.config!.classes, ['negative', 'positive']);
      assert.deepEqual(Object.keys(run.report!.test.fairness!.byColumn), ['dialect']);
      assert.equal(run.hasModel, true);
      assert.deepEqual(readdirSync(path.join(result.runDir, 'model')).sort(), [
        'model.json',
        'preprocessing.json',
        'weights.bin',
      ]);
      assert.deepEqual(readdirSync(result.runDir).sort(), [
        'config.json',
        'metrics.jsonl',
        'model',
        'predictions.csv',
        'report.json',
        'status.json',
      ]);
    });

    it(`trains logistic regression and an MLP on tabular data on ${backend} to at least 0.78`, async () => {
      for (const kind of ['logistic-regression', 'mlp'] as const) {
        const result = await runTrainingJob(loans({ backend, runsRoot, model: { kind } }));
        assert.ok(result.test!.accuracy >= 0.78, `${kind}: accuracy ${result.test!.accuracy}`);
      }
    });
  }

  it('trains a three-class text model from JSONL to at least 0.9', async () => {
    const result = await runTrainingJob({
      dataset: TOPICS,
      label: 'topic',
      text: 'text',
      epochs: 8,
      backend: 'wasm',
      runsRoot,
    });
    assert.deepEqual(result.test!.classes, ['food', 'sport', 'tech']);
    assert.ok(result.test!.accuracy >= 0.9, `accuracy ${result.test!.accuracy}`);
  });

  it('reproduces every figure with the same seed on a backend, and not with another seed', async () => {
    const first = await runTrainingJob(text({ backend: 'wasm', runsRoot, epochs: 3, seed: 7 }));
    const again = await runTrainingJob(text({ backend: 'wasm', runsRoot, epochs: 3, seed: 7 }));
    const other = await runTrainingJob(text({ backend: 'wasm', runsRoot, epochs: 3, seed: 8 }));
    assert.deepEqual(figures(again.epochs), figures(first.epochs));
    assert.deepEqual(again.test, first.test);
    assert.notDeepEqual(figures(other.epochs), figures(first.epochs));
  });

  it('cancels between batches: the run is marked cancelled, nothing is half-written, the dataset is untouched', async () => {
    const before = readFileSync(REVIEWS);
    const controller = new AbortController();
    const result = await runTrainingJob(text({ backend: 'wasm', runsRoot }), {
      signal: controller.signal,
      onEvent: (event) => event.kind === 'epoch' && controller.abort(),
    });
    assert.equal(result.state, 'cancelled');
    assert.equal(result.epochs.length, 1);
    const run = await readRun(result.runDir);
    assert.equal(run.status.state, 'cancelled');
    assert.equal(run.metrics.length, 1);
    assert.equal(run.report, undefined);
    assert.equal(run.hasModel, false);
    assert.deepEqual(readdirSync(result.runDir).sort(), ['config.json', 'metrics.jsonl', 'status.json']);
    assert.ok(readFileSync(REVIEWS).equals(before));
  });

  it('releases every tensor it made', async () => {
    await runTrainingJob(loans({ backend: 'cpu', runsRoot, epochs: 2 }));
    const before = tf.memory().numTensors;
    await runTrainingJob(text({ backend: 'cpu', runsRoot, epochs: 2 }));
    await runTrainingJob(loans({ backend: 'cpu', runsRoot, epochs: 2, model: { kind: 'mlp' } }));
    assert.equal(tf.memory().numTensors, before);
  });

  it('changes the loss with instance weights and with balanced class weights', async () => {
    const plain = await runTrainingJob(loans({ backend: 'wasm', runsRoot, epochs: 1, weight: false }));
    const weighted = await runTrainingJob(loans({ backend: 'wasm', runsRoot, epochs: 1, weight: 'weight' }));
    const balanced = await runTrainingJob(loans({ backend: 'wasm', runsRoot, epochs: 1, classWeight: 'balanced' }));
    assert.notEqual(weighted.epochs[0]!.trainLoss, plain.epochs[0]!.trainLoss);
    assert.notEqual(balanced.epochs[0]!.trainLoss, plain.epochs[0]!.trainLoss);
  });

  it('saves a model that loads again and predicts from raw records', async () => {
    const result = await runTrainingJob(text({ backend: 'wasm', runsRoot }));
    const trained = await loadTrainedModel(path.join(result.runDir, 'model'));
    const records = readFileSync(REVIEWS, 'utf8')
      .trim()
      .split('\n')
      .slice(1, 201)
      .map((line) => {
        const cells = line.split(',');
        return { text: cells.slice(1, -2).join(','), label: cells.at(-1)! };
      });
    const probabilities = predictRecords(trained, records);
    assert.ok(probabilities.every((row) => row.length === 2 && Math.abs(row[0]! + row[1]! - 1) < 1e-5));
    const correct = probabilities.filter(
      (row, i) => (row[1]! > 0.5 ? 'positive' : 'negative') === records[i]!.label,
    ).length;
    assert.ok(correct / records.length >= 0.75, `accuracy of the reloaded model ${correct / records.length}`);
    trained.model.dispose();
  });

  it('trains on split files, recording each file and its hash', async () => {
    const lines = readFileSync(LOANS, 'utf8').trim().split('\n');
    const testFile = path.join(runsRoot, 'loans-test.csv');
    writeFileSync(testFile, `${[lines[0], ...lines.slice(501)].join('\n')}\n`);
    const trainFile = path.join(runsRoot, 'loans-train.csv');
    writeFileSync(trainFile, `${lines.slice(0, 501).join('\n')}\n`);
    const result = await runTrainingJob(
      loans({ dataset: trainFile, backend: 'wasm', runsRoot, epochs: 3, split: { kind: 'files', test: testFile } }),
    );
    assert.deepEqual(result.splits, { train: 425, validation: 75, test: 100 });
    const split = (await readRun(result.runDir)).config!.split;
    assert.equal(split.kind === 'files' && split.test.sha256, sha256(testFile));
  });

  it('fails with the file, line and column of a bad value, and marks the run failed', async () => {
    const bad = path.join(runsRoot, 'bad.csv');
    writeFileSync(
      bad,
      'age,income,hours,education,sex,weight,approved\n30,50,40,college,F,1,yes\n31,52,41,college,M,heavy,no\n',
    );
    const failure = await runTrainingJob(loans({ dataset: bad, weight: 'weight', backend: 'cpu', runsRoot })).then(
      () => assert.fail('expected a failure'),
      (error: unknown) => error,
    );
    assert.ok(failure instanceof TrainingJobError);
    assert.equal(failure.message, `${bad}:3:20: weight 'heavy' in column 'weight' is not a non-negative number`);
    const run = await readRun(failure.runDir);
    assert.equal(run.status.state, 'failed');
    assert.equal(run.status.error, failure.message);
  });

  it('names the columns a dataset has when a requested one is missing, and rejects bad configurations early', async () => {
    await assert.rejects(
      runTrainingJob(loans({ features: ['age', 'salary'], backend: 'cpu', runsRoot })),
      /no column 'salary' \(columns: age, income, hours, education, sex, weight, approved\)/,
    );
    await assert.rejects(
      runTrainingJob({ dataset: LOANS, label: 'approved', runsRoot }),
      /either a text column or feature columns/,
    );
    await assert.rejects(
      runTrainingJob(loans({ privileged: [{ column: 'age', value: '30' }], runsRoot })),
      /privileged column 'age' is not a sensitive column/,
    );
    await assert.rejects(
      runTrainingJob(loans({ dataset: path.join(runsRoot, 'absent.csv'), runsRoot })),
      /dataset not found/,
    );
  });
});
