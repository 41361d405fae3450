import * as tf from '@tensorflow/tfjs';
import { endpoints, sum, type GradientAttribution } from './gradients';
import { rowsPerPass, type AttributionProblem } from './problem';
import { quadratureRule, type IntegrationMethod } from './quadrature';

export interface IntegratedGradientsOptions {
  /** Default `gausslegendre`, as Captum. */
  method?: IntegrationMethod;
  /** Default 50, as Captum. */
  steps?: number;
  /** Path points per forward/backward pass (Captum's `internal_batch_size`); default: all that fit the budget. */
  internalBatchSize?: number;
}

export interface IntegratedGradientsResult extends GradientAttribution {
  /** Captum's convergence delta: Σ attributions − (F(input) − F(baseline)); 0 for an exact integral. */
  delta: number;
}

/**
 * Integrated gradients (Sundararajan et al. 2017) as Captum computes it:
 * IG_i = (x_i − x'_i) · Σ_k w_k ∂F/∂x_i(x' + α_k (x − x')), with the (α_k, w_k) of the chosen rule, and the
 * convergence delta of the completeness axiom. Gradients come from tfjs autodiff; ReLU's gradient at exactly 0 is 0,
 * as in PyTorch.
 */
export function integratedGradients(
  problem: AttributionProblem,
  options: IntegratedGradientsOptions = {},
): IntegratedGradientsResult {
  const method = options.method ?? 'gausslegendre';
  const steps = options.steps ?? 50;
  const { alphas, stepSizes } = quadratureRule(method, steps);
  const perPass = options.internalBatchSize ?? rowsPerPass(problem.size, steps);
  if (!Number.isInteger(perPass) || perPass < 1)
    throw new RangeError(`internalBatchSize must be a positive integer (got ${perPass})`);
  const total = new Float64Array(problem.size);
  for (let start = 0; start < steps; start += perPass) {
    const chunk = alphas.subarray(start, Math.min(steps, start + perPass));
    const grads = pathGradients(problem, chunk);
    for (let k = 0; k < chunk.length; k++) {
      const weight = stepSizes[start + k]!;
      const offset = k * problem.size;
      for (let i = 0; i < problem.size; i++) total[i]! += weight * grads[offset + i]!;
    }
  }
  const attributions = new Float64Array(problem.size);
  for (let i = 0; i < problem.size; i++) attributions[i] = total[i]! * (problem.input[i]! - problem.baseline[i]!);
  const [output, baselineOutput] = endpoints(problem);
  return { attributions, output, baselineOutput, delta: sum(attributions) - (output - baselineOutput) };
}

/** ∂F/∂x at x' + α (x − x') for each α: [alphas.length × size] row-major. */
function pathGradients(problem: AttributionProblem, alphas: Float64Array): Float32Array {
  return tf.tidy(() => {
    const input = tf.tensor2d(problem.input, [1, problem.size]);
    const baseline = tf.tensor2d(problem.baseline, [1, problem.size]);
    const scale = tf.tensor2d(Float32Array.from(alphas), [alphas.length, 1]);
    const points = tf.add(baseline, tf.mul(scale, tf.sub(input, baseline))) as tf.Tensor2D; // [chunk, size]
    // Each row's output depends on its own row only, so the gradient of the sum is every row's gradient.
    const gradient = tf.grad((x: tf.Tensor) => tf.sum(problem.forward(x as tf.Tensor2D)))(points);
    return gradient.dataSync() as Float32Array;
  });
}
