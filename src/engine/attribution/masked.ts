import * as tf from '@tensorflow/tfjs';
import { rowsPerPass, type AttributionProblem } from './problem';

/**
 * F for many on/off patterns of the problem's features: `keep` is [count × features] row-major (1 = as in the
 * input, 0 = switched off), evaluated in passes that fit the batch budget. Returns one output per pattern.
 */
export function evaluateMasks(problem: AttributionProblem, keep: Float32Array, count: number): Float64Array {
  const features = problem.features.length;
  const out = new Float64Array(count);
  const perPass = rowsPerPass(Math.max(problem.size, features), count);
  for (let start = 0; start < count; start += perPass) {
    const rows = Math.min(perPass, count - start);
    const slice = keep.subarray(start * features, (start + rows) * features);
    const values = tf.tidy(() =>
      (problem.forwardMasked
        ? problem.forwardMasked(slice, rows)
        : problem.forward(maskedInputs(problem, slice, rows))
      ).dataSync(),
    );
    out.set(values, start);
  }
  return out;
}

/** The default way to switch features off: their indices take the baseline's values. [rows, size]. */
function maskedInputs(problem: AttributionProblem, keep: Float32Array, rows: number): tf.Tensor2D {
  const { size, input, baseline, features } = problem;
  const values = new Float32Array(rows * size);
  for (let r = 0; r < rows; r++) {
    const row = values.subarray(r * size, (r + 1) * size);
    row.set(input);
    for (let f = 0; f < features.length; f++) {
      if (keep[r * features.length + f]! !== 0) continue;
      for (const index of features[f]!) row[index] = baseline[index]!;
    }
  }
  return tf.tensor2d(values, [rows, size]);
}

/** A [count × features] block of ones, to switch features off in. */
export function allKept(count: number, features: number): Float32Array {
  return new Float32Array(count * features).fill(1);
}
