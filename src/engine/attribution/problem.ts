import type * as tf from '@tensorflow/tfjs';

/**
 * One example as every attribution method sees it, whatever the model: a flat float input of `size` scalars
 * (text: the token embeddings [tokens × dim] row by row; tabular: the encoded feature vector), a baseline of the
 * same size, and F, the model's output for the explained class.
 */
export interface AttributionProblem {
  size: number;
  /** [size] */
  input: Float32Array;
  /** [size] */
  baseline: Float32Array;
  /** F for a batch: x [batch, size] → [batch]. Differentiable: tfjs ops only, no reads back to JavaScript. */
  forward(x: tf.Tensor2D): tf.Tensor1D;
  /**
   * The interpretable features perturbation methods switch off (text: words; tabular: columns), each the indices
   * of `input` it covers. An index covered by several features (a word bigram) is off when any of them is.
   */
  features: Int32Array[];
  /**
   * F with features switched off: `keep` is [rows × features] row-major, 1 (as in the input) or 0 (replaced by the
   * baseline) → [rows]. Optional: by default the covered indices take the baseline's values; a model can do better
   * (the embedding bag drops a padded token from its mean instead of averaging a pad vector in). Called in a tidy.
   */
  forwardMasked?(keep: Float32Array, rows: number): tf.Tensor1D;
}

/** Largest number of input scalars one forward/backward pass holds by default (batch × size). */
export const DEFAULT_BATCH_SCALARS = 4_000_000;

/** Rows per pass so that rows × size stays under the budget, at least 1 and at most `wanted`. */
export function rowsPerPass(size: number, wanted: number, budget: number = DEFAULT_BATCH_SCALARS): number {
  return Math.max(1, Math.min(wanted, Math.floor(budget / Math.max(1, size))));
}
