import { seededRandom, type Random } from '../training';
import { weightedLinearRegression } from './leastSquares';
import { evaluateMasks } from './masked';
import type { FeatureAttribution } from './perturbation';
import type { AttributionProblem } from './problem';

export interface KernelShapOptions {
  /** Coalitions evaluated, the two end points included (Captum's `n_samples`); default 500. */
  samples?: number;
  /** Seeds the coalitions drawn: the same seed gives the same scores. Default 0. */
  seed?: number;
}

/** Captum's weight for the all-on and all-off coalitions, standing in for the Shapley kernel's infinite one. */
const END_POINT_WEIGHT = 1_000_000;

/**
 * KernelSHAP (Lundberg & Lee 2017) as Captum samples it: the first coalition keeps every feature, the second none
 * (both weighted 1e6, so the fit all but meets F(x) and F(baseline)); each further one draws its size k from
 * p(k) ∝ (M − 1) / (k (M − k)), k = 1 … M − 1, and then k features uniformly — sampling by the Shapley kernel, so
 * those coalitions weigh 1. A weighted linear regression of F on the coalitions gives the scores. Model-agnostic:
 * it only calls F, so it also explains models without gradients.
 */
export function kernelShap(problem: AttributionProblem, options: KernelShapOptions = {}): FeatureAttribution {
  const features = problem.features.length;
  const samples = options.samples ?? 500;
  if (!Number.isInteger(samples) || samples < 2)
    throw new RangeError(`KernelSHAP needs at least 2 samples (got ${samples})`);
  const random = seededRandom(options.seed ?? 0, 'kernel-shap');
  const coalitions = drawCoalitions(features, samples, random);
  const outputs = evaluateMasks(problem, coalitions, samples);
  if (features === 0) return { scores: new Float64Array(0), output: outputs[0]!, baselineOutput: outputs[1]! };
  const weights = new Float64Array(samples).fill(1);
  weights[0] = END_POINT_WEIGHT;
  weights[1] = END_POINT_WEIGHT;
  const { coefficients } = weightedLinearRegression(coalitions, outputs, weights, samples, features);
  return { scores: coefficients, output: outputs[0]!, baselineOutput: outputs[1]! };
}

/** [samples × features] of 0/1: all on, all off, then Shapley-kernel draws. */
export function drawCoalitions(features: number, samples: number, random: Random): Float32Array {
  const out = new Float32Array(samples * features);
  out.fill(1, 0, features);
  if (features < 2) return out;
  const cumulative = sizeDistribution(features);
  const order = Int32Array.from({ length: features }, (_, i) => i);
  for (let s = 2; s < samples; s++) {
    const k = drawSize(cumulative, random());
    // Partial Fisher–Yates: the first k of a shuffled order are a uniform k-subset.
    for (let i = 0; i < k; i++) {
      const j = i + Math.floor(random() * (features - i));
      [order[i], order[j]] = [order[j]!, order[i]!];
      out[s * features + order[i]!] = 1;
    }
  }
  return out;
}

/** Cumulative p(k) for k = 1 … M − 1. */
function sizeDistribution(features: number): Float64Array {
  const weights = Float64Array.from(
    { length: features - 1 },
    (_, i) => (features - 1) / ((i + 1) * (features - i - 1)),
  );
  const total = weights.reduce((sum, w) => sum + w, 0);
  let running = 0;
  return weights.map((w) => (running += w / total));
}

function drawSize(cumulative: Float64Array, u: number): number {
  for (let i = 0; i < cumulative.length; i++) if (u < cumulative[i]!) return i + 1;
  return cumulative.length;
}
