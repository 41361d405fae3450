import { allKept, evaluateMasks } from './masked';
import type { AttributionProblem } from './problem';

/** Scores per interpretable feature, with F at the input and with every feature off. */
export interface FeatureAttribution {
  /** [features] */
  scores: Float64Array;
  output: number;
  baselineOutput: number;
}

export interface OcclusionOptions {
  /** Features per window (Captum's `sliding_window_shapes`), default 1; clamped to the number of features. */
  window?: number;
  /** Features the window moves by (Captum's `strides`), default 1; at most the window. */
  stride?: number;
}

/**
 * Captum `Occlusion` over the features in order (words of a text, columns of a row): each window position
 * switches its features off, and every feature it covers is credited F(x) − F(x without the window); a feature's
 * score is the mean over the windows that covered it. Windows start at 0, s, 2s, … with ⌈(n − w)/s⌉ + 1 of them;
 * a last window that would run past the end is cut short, as Captum's padding does.
 */
export function occlusion(problem: AttributionProblem, options: OcclusionOptions = {}): FeatureAttribution {
  const count = problem.features.length;
  const window = Math.max(1, Math.min(count, options.window ?? 1));
  const stride = options.stride ?? 1;
  if (!Number.isInteger(window) || !Number.isInteger(stride) || stride < 1 || (stride > window && window < count)) {
    throw new RangeError(
      `occlusion needs integer window ≥ 1 and 1 ≤ stride ≤ window (got window ${window}, stride ${stride})`,
    );
  }
  const starts =
    count === 0 ? [] : Array.from({ length: Math.ceil((count - window) / stride) + 1 }, (_, k) => k * stride);
  const keep = allKept(starts.length + 2, count);
  starts.forEach((start, k) =>
    keep.fill(0, (k + 2) * count + start, (k + 2) * count + Math.min(count, start + window)),
  );
  keep.fill(0, count, 2 * count); // row 1: every feature off
  const outputs = evaluateMasks(problem, keep, starts.length + 2);
  const total = new Float64Array(count);
  const covered = new Float64Array(count);
  starts.forEach((start, k) => {
    const difference = outputs[0]! - outputs[k + 2]!;
    for (let f = start; f < Math.min(count, start + window); f++) {
      total[f]! += difference;
      covered[f]! += 1;
    }
  });
  const scores = total.map((value, f) => (covered[f]! > 0 ? value / covered[f]! : 0));
  return { scores, output: outputs[0]!, baselineOutput: outputs[1]! };
}

/** Captum `FeatureAblation` with one group per feature: F(x) − F(x with that feature off). */
export function featureAblation(problem: AttributionProblem): FeatureAttribution {
  return occlusion(problem, { window: 1, stride: 1 });
}
