import * as tf from '@tensorflow/tfjs';
import { strict as assert } from 'node:assert';
import { createDefaultLoaders, packagedWasmDir } from '../../../src/engine/compute/loaders';
import { selectBackend } from '../../../src/engine/compute/selectBackend';
import { AdamTrainer } from '../../../src/engine/training/adam';
import { encodeSplit, fitPreprocessing } from '../../../src/engine/training/features/preprocessing';
import { NonFiniteLoss, TrainingCancelled, trainOneEpoch, type LabelledSplit } from '../../../src/engine/training/loop';
import { buildTabularClassifier } from '../../../src/engine/training/models/classifiers';
import type { ResolvedModelSpec } from '../../../src/engine/training/types';

const SPEC: ResolvedModelSpec = {
  kind: 'logistic-regression',
  hiddenUnits: 0,
  embeddingDim: 8,
  hashBuckets: 64,
  maxTokens: 8,
  wordBigrams: false,
  charNgrams: [],
  maxCategories: 10,
};
const COUNT = 640;

/** 640 rows whose class is the sign of x; batches of 10 make 64 batches an epoch. */
function split(
  values: (i: number) => string = (i) => String((i % 2 ? 1 : -1) * (1 + (i % 7))),
): LabelledSplit & { width: number } {
  const labels = Int32Array.from({ length: COUNT }, (_, i) => i % 2);
  const examples = {
    count: COUNT,
    labels: Array.from(labels, String),
    weights: new Float32Array(COUNT).fill(1),
    text: [],
    features: [Array.from({ length: COUNT }, (_, i) => values(i))],
    sensitive: {},
  };
  const preprocessing = fitPreprocessing(SPEC, { features: ['x'] }, examples, ['0', '1'], '1');
  if (preprocessing.kind !== 'tabular') throw new Error('tabular expected');
  return {
    encoded: encodeSplit(preprocessing, examples),
    labels,
    weights: examples.weights,
    width: preprocessing.encoding.width,
  };
}

const order = Int32Array.from({ length: COUNT }, (_, i) => i);

/** Counts calls of a Tensor method while `run` runs. */
async function counting<T>(method: 'data' | 'dataSync', run: () => Promise<T>): Promise<{ result: T; calls: number }> {
  const prototype = tf.Tensor.prototype as unknown as Record<string, (...args: unknown[]) => unknown>;
  const original = prototype[method]!;
  let calls = 0;
  prototype[method] = function (this: unknown, ...args: unknown[]) {
    calls++;
    return original.apply(this, args);
  };
  try {
    return { result: await run(), calls };
  } finally {
    prototype[method] = original;
  }
}

for (const backend of ['wasm', 'cpu'] as const) {
  describe(`training loop read-backs on ${backend}`, () => {
    before(async () => {
      assert.equal((await selectBackend(backend, createDefaultLoaders({ wasmDir: packagedWasmDir() }))).name, backend);
    });

    it('never reads the device synchronously, and reads the figures back once per 16 batches', async () => {
      const data = split();
      const model = buildTabularClassifier(SPEC, data.width, 2, 1);
      const optimizer = new AdamTrainer(0.05);
      await trainOneEpoch(model, optimizer, data, order, 10); // makes Adam's moments
      const before = tf.memory().numTensors;
      const sync = await counting('dataSync', () =>
        counting('data', () => trainOneEpoch(model, optimizer, data, order, 10)),
      );
      assert.equal(sync.calls, 0);
      assert.equal(sync.result.calls, 64 / 16);
      assert.ok(sync.result.result.loss > 0 && sync.result.result.accuracy > 0.5, JSON.stringify(sync.result.result));
      assert.equal(tf.memory().numTensors, before, 'the queued figures are all released');
      model.dispose();
      optimizer.dispose();
    });

    it('gives the same figures and weights whatever the read-back interval', async () => {
      const outcomes = [];
      for (const every of [1, 16, 1000]) {
        const model = buildTabularClassifier(SPEC, split().width, 2, 1);
        const optimizer = new AdamTrainer(0.05);
        const figures = [];
        for (let epoch = 0; epoch < 3; epoch++)
          figures.push(await trainOneEpoch(model, optimizer, split(), order, 10, undefined, every));
        outcomes.push({ figures, weights: model.getWeights().map((weight) => Array.from(weight.dataSync())) });
        model.dispose();
        optimizer.dispose();
      }
      assert.deepEqual(outcomes[1], outcomes[0]);
      assert.deepEqual(outcomes[2], outcomes[0]);
    });

    it('stops at the first read-back after the loss turns non-finite, naming the batch and the fix', async () => {
      const data = split();
      data.weights[3] = Infinity; // the weighted mean of batch 1 is ∞/∞
      const model = buildTabularClassifier(SPEC, data.width, 2, 1);
      const optimizer = new AdamTrainer(0.05);
      await assert.rejects(trainOneEpoch(model, optimizer, data, order, 10), (error: unknown) => {
        assert.ok(error instanceof NonFiniteLoss);
        assert.match(error.message, /became NaN by batch 16: lower the learning rate/);
        return true;
      });
      model.dispose();
      optimizer.dispose();
    });

    it('honours an abort that arrives while batches are queued, at the next read-back', async () => {
      const data = split();
      const model = buildTabularClassifier(SPEC, data.width, 2, 1);
      const optimizer = new AdamTrainer(0.05);
      const controller = new AbortController();
      setImmediate(() => controller.abort());
      await assert.rejects(trainOneEpoch(model, optimizer, data, order, 10, controller.signal), TrainingCancelled);
      model.dispose();
      optimizer.dispose();
    });
  });
}
