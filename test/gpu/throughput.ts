/**
 * Training throughput of each model on the active tfjs backend, the way the training loop runs: batches of 256
 * already on the device, one Adam step each, the loss read back asynchronously once per 16 batches. Shared by
 * `npm run gpu:check` and the webgpu bench. Inputs are generated tensors, so the figure is the device's, not the
 * CSV parser's.
 */
import * as tf from '@tensorflow/tfjs';
import { AdamTrainer, buildTabularClassifier, buildTextClassifier, crossEntropy } from '../../src/engine/training';
import type { ResolvedModelSpec } from '../../src/shared/training';

export const BATCH = 256;
/** Loss read-backs: one per this many batches, as the training loop does. */
const READ_EVERY = 16;

export interface ThroughputModel {
  name: string;
  build(): tf.LayersModel;
  /** One batch: [BATCH, width] float32 or [BATCH, length] int32 token ids. */
  batch(seed: number): tf.Tensor;
  classes: number;
  /** Work per batch relative to the tabular models, roughly: callers time `batches / cost` batches of it. */
  cost: number;
}

const BASE: ResolvedModelSpec = {
  kind: 'logistic-regression',
  hiddenUnits: 0,
  embeddingDim: 16,
  hashBuckets: 16_384,
  maxTokens: 64,
  wordBigrams: true,
  charNgrams: [3],
  maxCategories: 50,
};
const WIDTH = 32;
/** The transformer's defaults (`rml train --model transformer`). */
const TRANSFORMER = { layers: 2, heads: 4, width: 64, feedForward: 256 };

/** Deterministic ids for a batch: 8–64 tokens per row from the whole vocabulary, then padding. */
function tokenBatch(seed: number, vocabulary: number, length: number): tf.Tensor2D {
  let state = (seed * 2_654_435_761) >>> 0;
  const next = () => (state = (state * 1_664_525 + 1_013_904_223) >>> 0) / 2 ** 32;
  const ids = new Int32Array(BATCH * length);
  for (let row = 0; row < BATCH; row++) {
    const used = 8 + Math.floor(next() * (length - 8));
    for (let position = 0; position < used; position++)
      ids[row * length + position] = 1 + Math.floor(next() * (vocabulary - 1));
  }
  return tf.tensor2d(ids, [BATCH, length], 'int32');
}

export const MODELS: ThroughputModel[] = [
  {
    name: 'logistic regression (32 features)',
    build: () => buildTabularClassifier(BASE, WIDTH, 2, 1),
    batch: (seed) => tf.randomNormal([BATCH, WIDTH], 0, 1, 'float32', seed),
    classes: 2,
    cost: 1,
  },
  {
    name: 'MLP (32 features, 32 hidden)',
    build: () => buildTabularClassifier({ ...BASE, kind: 'mlp', hiddenUnits: 32 }, WIDTH, 2, 1),
    batch: (seed) => tf.randomNormal([BATCH, WIDTH], 0, 1, 'float32', seed),
    classes: 2,
    cost: 1,
  },
  {
    name: 'embedding bag (16,384 × 16, 64 tokens)',
    build: () => buildTextClassifier({ ...BASE, kind: 'text-embedding-bag' }, 2, 1),
    batch: (seed) => tokenBatch(seed, BASE.hashBuckets, BASE.maxTokens),
    classes: 2,
    cost: 1,
  },
  {
    name: 'transformer (2 layers, 4 heads, width 64, 64 tokens)',
    build: () => buildTextClassifier({ ...BASE, kind: 'transformer', transformer: TRANSFORMER }, 2, 1),
    batch: (seed) => tokenBatch(seed, BASE.hashBuckets, BASE.maxTokens),
    classes: 2,
    // 18 examples/s on llvmpipe, 61 on wasm (2 cores): thousands of times a logistic regression's step.
    cost: 8,
  },
];

/**
 * Examples per second of `model` on the active backend over `batches / model.cost` timed batches (at least one),
 * after `warmup` untimed ones (the first batches compile shaders on webgpu).
 */
export async function examplesPerSecond(model: ThroughputModel, budget: number, warmup = 2): Promise<number> {
  const batches = timedBatches(model, budget);
  const network = model.build();
  const optimizer = new AdamTrainer(0.01);
  const variables = network.trainableWeights.map((weight) => weight.read() as tf.Variable);
  const binary = model.classes === 2;
  const inputs = [model.batch(1), model.batch(2)];
  const labels = tf.tensor1d(
    Int32Array.from({ length: BATCH }, (_, i) => i % model.classes),
    'int32',
  );
  const pending: tf.Scalar[] = [];
  const step = () => {
    const input = inputs[pending.length % inputs.length]!;
    pending.push(
      optimizer.minimize(
        () =>
          tf.mean(crossEntropy(network.apply(input, { training: true }) as tf.Tensor2D, labels, binary)) as tf.Scalar,
        variables,
      ),
    );
  };
  const readBack = async () => {
    const scalars = pending.splice(0);
    const stacked = tf.stack(scalars);
    tf.dispose(scalars);
    const losses = await stacked.data();
    stacked.dispose();
    if (!losses.every(Number.isFinite)) throw new Error(`${model.name}: non-finite loss`);
  };
  try {
    for (let i = 0; i < warmup; i++) step();
    await readBack();
    const started = performance.now();
    for (let i = 1; i <= batches; i++) {
      step();
      if (i % READ_EVERY === 0 || i === batches) await readBack();
    }
    return (batches * BATCH) / ((performance.now() - started) / 1000);
  } finally {
    tf.dispose([...pending, ...inputs, labels]);
    optimizer.dispose();
    network.dispose();
  }
}

/** How many batches `examplesPerSecond` times for `model` out of a budget of `budget` tabular batches. */
export function timedBatches(model: ThroughputModel, budget: number): number {
  return Math.max(1, Math.round(budget / model.cost));
}
