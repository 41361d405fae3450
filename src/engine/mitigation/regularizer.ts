/**
 * In-processing by regularisation: the training loss plus λ times a differentiable fairness penalty computed on each
 * batch from the model's soft predictions — the cheaper alternative to reductions used in the anti-bias
 * regularisation literature (Kamishima et al. 2012's prejudice remover; the demographic-parity and equalized-odds
 * gap penalties of Zafar et al. 2017 and of Fairlearn's adversarial/regularised examples).
 *   demographic_parity: mean over groups of (E[p | g] − E[p])²
 *   equalized_odds:     the same within y = 0 and within y = 1, summed
 * p is the probability of the positive class. Groups absent from a batch do not count.
 */
import * as tf from '@tensorflow/tfjs';
import { type AdamTrainer, crossEntropy, TrainingCancelled, type LabelledSplit, type SplitFigures } from '../training';

export type PenaltyKind = 'demographic_parity' | 'equalized_odds';

/** Σ_g present (mean_g(p) − mean(p))² / #present over rows selected by `mask` [B] (1 = in the event). */
function parityGap(p: tf.Tensor1D, groups: tf.Tensor2D, mask: tf.Tensor1D): tf.Scalar {
  return tf.tidy(() => {
    const masked = tf.mul(p, mask);
    const inEvent = tf.mul(groups, tf.expandDims(mask, 1)); // [B, k]
    const counts = tf.sum(inEvent, 0); // [k]
    const sums = tf.squeeze(tf.matMul(inEvent, tf.expandDims(masked, 1), true, false), [1]); // [k]
    const total = tf.maximum(tf.sum(mask), 1);
    const mean = tf.div(tf.sum(masked), total);
    const present = tf.cast(tf.greater(counts, 0), 'float32');
    const groupMeans = tf.div(sums, tf.maximum(counts, 1));
    const squared = tf.mul(tf.square(tf.sub(groupMeans, mean)), present);
    return tf.div(tf.sum(squared), tf.maximum(tf.sum(present), 1)) as tf.Scalar;
  });
}

/**
 * The penalty of a batch. p: P(positive) [B]; positive: 1 where the label is the positive class [B];
 * groups: one-hot group membership [B, k].
 */
export function fairnessPenalty(
  kind: PenaltyKind,
  p: tf.Tensor1D,
  positive: tf.Tensor1D,
  groups: tf.Tensor2D,
): tf.Scalar {
  return tf.tidy(() => {
    if (kind === 'demographic_parity') return parityGap(p, groups, tf.ones([p.shape[0]]) as tf.Tensor1D); // not onesLike(p): no gradient path
    return tf.add(parityGap(p, groups, positive), parityGap(p, groups, tf.sub(1, positive))) as tf.Scalar;
  });
}

export interface PenaltySettings {
  kind: PenaltyKind;
  /** λ ≥ 0. */
  weight: number;
  /** Group index of each training example (0 … groupCount − 1). */
  groups: Int32Array;
  groupCount: number;
  positiveClass: number;
}

/** P(positive class) [B] from a model output ([B, 1] sigmoid of class 1, or [B, classes] softmax). */
export function positiveProbability(output: tf.Tensor2D, positiveClass: number): tf.Tensor1D {
  return tf.tidy(() => {
    if (output.shape[1] === 1) {
      const p1 = tf.squeeze(output, [1]) as tf.Tensor1D;
      return positiveClass === 1 ? p1 : (tf.sub(1, p1) as tf.Tensor1D);
    }
    return tf.squeeze(tf.slice(output, [0, positiveClass], [-1, 1]), [1]) as tf.Tensor1D;
  });
}

/** One epoch of weighted cross-entropy + λ·penalty with Adam, as `trainOneEpoch` otherwise. */
export async function trainOneEpochWithPenalty(
  model: tf.LayersModel,
  optimizer: AdamTrainer,
  split: LabelledSplit,
  order: Int32Array,
  batchSize: number,
  penalty: PenaltySettings,
  signal?: AbortSignal,
): Promise<SplitFigures & { penalty: number }> {
  const binary = model.outputs[0]?.shape[1] === 1;
  const variables = model.trainableWeights.map((weight) => weight.read() as tf.Variable);
  let lossSum = 0;
  let correctSum = 0;
  let penaltySum = 0;
  let batches = 0;
  let weightSum = 0;
  for (let start = 0; start < order.length; start += batchSize) {
    if (signal?.aborted) throw new TrainingCancelled();
    const rows = order.subarray(start, start + batchSize);
    const tensors = batchTensors(split, rows, penalty);
    let penaltyValue: tf.Scalar | undefined;
    let correct: tf.Scalar | undefined;
    try {
      const loss = optimizer.minimize(() => {
        const output = model.apply(tensors.input, { training: true }) as tf.Tensor2D;
        const ce = tf.div(
          tf.sum(tf.mul(crossEntropy(output, tensors.labels, binary), tensors.weights)),
          tf.maximum(tf.sum(tensors.weights), 1e-12),
        );
        const gap = fairnessPenalty(
          penalty.kind,
          positiveProbability(output, penalty.positiveClass),
          tensors.positive,
          tensors.groups,
        );
        penaltyValue = tf.keep(gap);
        correct = tf.keep(weightedCorrect(output, tensors.labels, tensors.weights));
        return tf.add(ce, tf.mul(gap, penalty.weight)) as tf.Scalar;
      }, variables);
      const batchWeight = rows.reduce((sum, row) => sum + split.weights[row]!, 0);
      lossSum += (loss.dataSync()[0] ?? NaN) * batchWeight;
      penaltySum += penaltyValue?.dataSync()[0] ?? 0;
      correctSum += correct?.dataSync()[0] ?? 0;
      weightSum += batchWeight;
      batches += 1;
      loss.dispose();
    } finally {
      tf.dispose([...Object.values(tensors), ...(penaltyValue ? [penaltyValue] : []), ...(correct ? [correct] : [])]);
    }
    await new Promise((resolve) => setImmediate(resolve));
  }
  return {
    loss: lossSum / Math.max(weightSum, 1e-12),
    accuracy: correctSum / Math.max(weightSum, 1e-12),
    penalty: penaltySum / Math.max(batches, 1),
  };
}

/** Σ w·1{argmax = label} of a batch. */
function weightedCorrect(output: tf.Tensor2D, labels: tf.Tensor1D, weights: tf.Tensor1D): tf.Scalar {
  return tf.tidy(() => {
    const predicted =
      output.shape[1] === 1 ? tf.cast(tf.greater(tf.squeeze(output, [1]), 0.5), 'int32') : tf.argMax(output, 1);
    return tf.sum(tf.mul(tf.cast(tf.equal(predicted, labels), 'float32'), weights)) as tf.Scalar;
  });
}

function batchTensors(split: LabelledSplit, rows: Int32Array, penalty: PenaltySettings) {
  const groups = new Float32Array(rows.length * penalty.groupCount);
  rows.forEach((row, i) => (groups[i * penalty.groupCount + penalty.groups[row]!] = 1));
  return {
    input: split.encoded.batch(rows),
    labels: tf.tensor1d(
      Int32Array.from(rows, (row) => split.labels[row]!),
      'int32',
    ),
    weights: tf.tensor1d(Float32Array.from(rows, (row) => split.weights[row]!)),
    positive: tf.tensor1d(Float32Array.from(rows, (row) => (split.labels[row] === penalty.positiveClass ? 1 : 0))),
    groups: tf.tensor2d(groups, [rows.length, penalty.groupCount]),
  };
}
