import * as tf from '@tensorflow/tfjs';
import type { AttributionProblem } from './problem';

export interface GradientAttribution {
  /** [size]: one score per input scalar. */
  attributions: Float64Array;
  /** F(input) and F(baseline), the ends of the path. */
  output: number;
  baselineOutput: number;
}

/** F(input), F(baseline). */
export function endpoints(problem: AttributionProblem): [number, number] {
  const both = new Float32Array(2 * problem.size);
  both.set(problem.input);
  both.set(problem.baseline, problem.size);
  const values = tf.tidy(() => problem.forward(tf.tensor2d(both, [2, problem.size])).dataSync());
  return [values[0]!, values[1]!];
}

/** ∂F/∂x at the input, with F(input) and F(baseline): the one gradient saliency and gradient × input need. */
export function inputGradient(problem: AttributionProblem): {
  gradient: Float32Array;
  output: number;
  baselineOutput: number;
} {
  const gradient = tf.tidy(() => {
    const input = tf.tensor2d(problem.input, [1, problem.size]);
    return tf
      .grad((x: tf.Tensor) => tf.sum(problem.forward(x as tf.Tensor2D)))(input)
      .dataSync() as Float32Array;
  });
  const [output, baselineOutput] = endpoints(problem);
  return { gradient, output, baselineOutput };
}

/** Captum `Saliency` (abs=True by default): |∂F/∂x_i| at the input. */
export function saliency(problem: AttributionProblem): GradientAttribution {
  const { gradient, output, baselineOutput } = inputGradient(problem);
  return { attributions: Float64Array.from(gradient, Math.abs), output, baselineOutput };
}

/** Captum `InputXGradient`: x_i · ∂F/∂x_i at the input (the baseline plays no part). */
export function gradientTimesInput(problem: AttributionProblem): GradientAttribution {
  const { gradient, output, baselineOutput } = inputGradient(problem);
  return { attributions: Float64Array.from(gradient, (g, i) => g * problem.input[i]!), output, baselineOutput };
}

export function sum(values: ArrayLike<number>): number {
  let total = 0;
  for (let i = 0; i < values.length; i++) total += values[i]!;
  return total;
}
