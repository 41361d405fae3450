import * as tf from '@tensorflow/tfjs';
import type { AdamTrainer } from './adam';
import type { EncodedSplit } from './features/preprocessing';
import { probabilityRows } from './models/classifiers';

/** Keras' epsilon: probabilities are clipped to [ε, 1 − ε] before the logarithm. */
const EPSILON = 1e-7;

/** A split ready to train or evaluate on: encoded inputs, class indices, and the weight of each example's loss. */
export interface LabelledSplit {
  encoded: EncodedSplit;
  labels: Int32Array;
  /** Instance weight × class weight; the loss is Σ w·loss / Σ w. */
  weights: Float32Array;
}

/** Raised between batches when the job's AbortSignal fires. */
export class TrainingCancelled extends Error {
  override readonly name = 'TrainingCancelled';
  constructor() {
    super('training cancelled');
  }
}

export interface SplitFigures {
  /** Weighted mean cross-entropy. */
  loss: number;
  /** Weighted share of examples whose most probable class is the true one. */
  accuracy: number;
}

/**
 * One pass over `order` in batches: forward, weighted cross-entropy, Adam step. Yields to the event loop after
 * every batch so a cancel message can arrive, and stops there when `signal` is aborted.
 */
export async function trainOneEpoch(
  model: tf.LayersModel,
  optimizer: AdamTrainer,
  split: LabelledSplit,
  order: Int32Array,
  batchSize: number,
  signal?: AbortSignal,
): Promise<SplitFigures> {
  const binary = model.outputs[0]?.shape[1] === 1;
  const variables = model.trainableWeights.map((weight) => weight.read() as tf.Variable);
  let lossSum = 0;
  let correctSum = 0;
  let weightSum = 0;
  for (let start = 0; start < order.length; start += batchSize) {
    if (signal?.aborted) throw new TrainingCancelled();
    const rows = order.subarray(start, start + batchSize);
    const batchWeight = sumAt(split.weights, rows);
    if (batchWeight === 0) continue;
    const [loss, correct] = trainOnBatch(model, optimizer, variables, split, rows, binary);
    lossSum += loss * batchWeight;
    correctSum += correct;
    weightSum += batchWeight;
    await new Promise((resolve) => setImmediate(resolve));
  }
  if (signal?.aborted) throw new TrainingCancelled();
  if (weightSum === 0) throw new Error('every training example has weight 0: nothing to learn from');
  return { loss: lossSum / weightSum, accuracy: correctSum / weightSum };
}

/** One optimiser step; returns the batch's weighted mean loss and its weighted count of correct predictions. */
function trainOnBatch(
  model: tf.LayersModel,
  optimizer: AdamTrainer,
  variables: tf.Variable[],
  split: LabelledSplit,
  rows: Int32Array,
  binary: boolean,
): [number, number] {
  const input = split.encoded.batch(rows);
  const labels = tf.tensor1d(
    Int32Array.from(rows, (row) => split.labels[row]!),
    'int32',
  );
  const weights = tf.tensor1d(Float32Array.from(rows, (row) => split.weights[row]!));
  let correct: tf.Scalar | undefined;
  try {
    const loss = optimizer.minimize(() => {
      const output = model.apply(input, { training: true }) as tf.Tensor2D; // [batch, 1] or [batch, classes]
      correct = tf.keep(weightedCorrect(output, labels, weights));
      return tf.div(tf.sum(tf.mul(crossEntropy(output, labels, binary), weights)), tf.sum(weights)) as tf.Scalar;
    }, variables);
    const values = [loss.dataSync()[0] ?? NaN, correct?.dataSync()[0] ?? NaN] as [number, number];
    loss.dispose();
    return values;
  } finally {
    tf.dispose(
      [input, labels, weights, correct as tf.Tensor | undefined].filter((t): t is tf.Tensor => t !== undefined),
    );
  }
}

/**
 * Per-example cross-entropy [batch] of model output `output` ([batch, 1] sigmoid or [batch, classes] softmax)
 * against class indices `labels` [batch].
 */
export function crossEntropy(output: tf.Tensor2D, labels: tf.Tensor1D, binary: boolean): tf.Tensor1D {
  return tf.tidy(() => {
    const clipped = tf.clipByValue(output, EPSILON, 1 - EPSILON);
    if (binary) {
      const y = tf.expandDims(tf.cast(labels, 'float32'), 1);
      const perExample = tf.add(tf.mul(y, tf.log(clipped)), tf.mul(tf.sub(1, y), tf.log(tf.sub(1, clipped))));
      return tf.neg(tf.squeeze(perExample, [1])) as tf.Tensor1D;
    }
    const oneHot = tf.oneHot(labels, output.shape[1]);
    return tf.neg(tf.sum(tf.mul(oneHot, tf.log(clipped)), 1)) as tf.Tensor1D;
  });
}

function weightedCorrect(output: tf.Tensor2D, labels: tf.Tensor1D, weights: tf.Tensor1D): tf.Scalar {
  return tf.tidy(() => {
    const predicted =
      output.shape[1] === 1 ? tf.cast(tf.greater(tf.squeeze(output, [1]), 0.5), 'int32') : tf.argMax(output, 1);
    return tf.sum(tf.mul(tf.cast(tf.equal(predicted, labels), 'float32'), weights)) as tf.Scalar;
  });
}

/** Class probabilities of every example of a split, row-major [count, classes], predicted in batches. */
export async function predictProbabilities(
  model: tf.LayersModel,
  encoded: EncodedSplit,
  classes: number,
  batchSize: number,
): Promise<Float32Array> {
  const out = new Float32Array(encoded.count * classes);
  for (let start = 0; start < encoded.count; start += batchSize) {
    const rows = Int32Array.from({ length: Math.min(batchSize, encoded.count - start) }, (_, i) => start + i);
    const values = tf.tidy(() => {
      const input = encoded.batch(rows);
      return probabilityRows(model.predict(input) as tf.Tensor2D);
    });
    out.set(await values.data(), start * classes);
    values.dispose();
    await new Promise((resolve) => setImmediate(resolve));
  }
  return out;
}

/** Weighted loss and accuracy of predicted probabilities (row-major [n, classes]) against class indices. */
export function splitFigures(
  probabilities: Float32Array,
  labels: Int32Array,
  weights: Float32Array,
  classes: number,
): SplitFigures {
  let loss = 0;
  let correct = 0;
  let total = 0;
  for (let i = 0; i < labels.length; i++) {
    const row = probabilities.subarray(i * classes, (i + 1) * classes);
    const label = labels[i]!;
    const weight = weights[i]!;
    loss -= weight * Math.log(Math.min(1 - EPSILON, Math.max(EPSILON, row[label]!)));
    if (argMax(row) === label) correct += weight;
    total += weight;
  }
  return { loss: loss / total, accuracy: correct / total };
}

/** Index of the largest value, the first on ties (as numpy and the evaluation module). */
export function argMax(row: ArrayLike<number>): number {
  let best = 0;
  for (let j = 1; j < row.length; j++) if (row[j]! > row[best]!) best = j;
  return best;
}

function sumAt(values: Float32Array, rows: Int32Array): number {
  let sum = 0;
  for (const row of rows) sum += values[row]!;
  return sum;
}
