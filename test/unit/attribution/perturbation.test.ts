import * as tf from '@tensorflow/tfjs';
import { strict as assert } from 'node:assert';
import { kernelShap } from '../../../src/engine/attribution/kernelShap';
import { weightedLinearRegression } from '../../../src/engine/attribution/leastSquares';
import { featureAblation, occlusion } from '../../../src/engine/attribution/perturbation';
import type { AttributionProblem } from '../../../src/engine/attribution/problem';

function vectorProblem(
  input: number[],
  forward: (x: tf.Tensor2D) => tf.Tensor1D,
  features?: number[][],
): AttributionProblem {
  return {
    size: input.length,
    input: Float32Array.from(input),
    baseline: new Float32Array(input.length),
    forward,
    features: (features ?? input.map((_, i) => [i])).map((indices) => Int32Array.from(indices)),
  };
}

const weights = [1, 2, 3, 4];
/** F(x) = Σ w_i x_i: switching feature i off (to 0) lowers F by exactly w_i x_i. */
const linear = (x: tf.Tensor2D) => tf.reshape(tf.matMul(x, tf.tensor2d(weights, [4, 1])), [-1]) as tf.Tensor1D;
/** F(x) = x0·x1 + x2: an interaction whose Shapley values are known. */
const interaction = (x: tf.Tensor2D) => {
  const column = (i: number) => tf.reshape(tf.slice(x, [0, i], [-1, 1]), [-1]);
  return tf.add(tf.mul(column(0), column(1)), column(2)) as tf.Tensor1D;
};

describe('occlusion and feature ablation (Captum semantics)', () => {
  const input = [1, 1, 1, 1];

  it('window 1: each feature gets F(x) − F(x without it)', () => {
    const { scores, output, baselineOutput } = featureAblation(vectorProblem(input, linear));
    assert.deepEqual(Array.from(scores), [1, 2, 3, 4]);
    assert.equal(output, 10);
    assert.equal(baselineOutput, 0);
  });

  it('window 2, stride 1: a feature gets the mean difference of the windows covering it (worked by hand)', () => {
    // Windows {0,1}, {1,2}, {2,3} remove 3, 5, 7. Feature 0: 3; feature 1: (3 + 5)/2; feature 2: (5 + 7)/2; feature 3: 7.
    const { scores } = occlusion(vectorProblem(input, linear), { window: 2, stride: 1 });
    assert.deepEqual(Array.from(scores), [3, 4, 6, 7]);
  });

  it('window 3, stride 2: ⌈(4 − 3)/2⌉ + 1 = 2 windows, the last cut short at the end', () => {
    // Windows {0,1,2} (removes 6) and {2,3} (removes 7): feature 2 is covered by both.
    const { scores } = occlusion(vectorProblem(input, linear), { window: 3, stride: 2 });
    assert.deepEqual(Array.from(scores), [6, 6, 6.5, 7]);
  });

  it('switches grouped indices off together (a one-hot column, a word and its n-grams)', () => {
    const { scores } = featureAblation(
      vectorProblem(input, linear, [
        [0, 1],
        [2, 3],
      ]),
    );
    assert.deepEqual(Array.from(scores), [3, 7]);
    assert.throws(() => occlusion(vectorProblem(input, linear), { window: 2, stride: 3 }), /stride/);
  });
});

describe('KernelSHAP (Captum sampling, scikit-learn weighted regression)', () => {
  it('is exact on a linear model: φ_i = w_i (x_i − x′_i), with Σ φ = F(x) − F(x′)', () => {
    const { scores, output, baselineOutput } = kernelShap(vectorProblem([2, -1, 0.5, 3], linear), {
      samples: 60,
      seed: 1,
    });
    [2, -2, 1.5, 12].forEach((value, i) => assert.ok(Math.abs(scores[i]! - value) < 1e-6, `${i}: ${scores[i]}`));
    assert.ok(Math.abs(scores.reduce((a, b) => a + b, 0) - (output - baselineOutput)) < 1e-6);
  });

  it('approaches the Shapley values of an interaction: x0·x1 + x2 at (1, 1, 1) → [½, ½, 1]', () => {
    const { scores } = kernelShap(vectorProblem([1, 1, 1], interaction), { samples: 20_000, seed: 7 });
    [0.5, 0.5, 1].forEach((value, i) => assert.ok(Math.abs(scores[i]! - value) < 0.02, `${i}: ${scores[i]}`));
  });

  it('is seeded: the same seed gives the same scores, another seed others', () => {
    const problem = vectorProblem([1, 1, 1, 1], interaction, [[0], [1], [2], [3]]);
    const a = kernelShap(problem, { samples: 30, seed: 3 }).scores;
    assert.deepEqual(Array.from(kernelShap(problem, { samples: 30, seed: 3 }).scores), Array.from(a));
    assert.notDeepEqual(Array.from(kernelShap(problem, { samples: 30, seed: 4 }).scores), Array.from(a));
  });

  it('weighted least squares matches numpy on a small system', () => {
    // y = 1 + 2a − b on four points; the weights do not matter for an exact fit.
    const x = Float32Array.from([0, 0, 1, 0, 0, 1, 1, 1]);
    const y = Float64Array.from([1, 3, 0, 2]);
    const fit = weightedLinearRegression(x, y, Float64Array.from([1, 2, 3, 4]), 4, 2);
    assert.ok(
      Math.abs(fit.coefficients[0]! - 2) < 1e-9 &&
        Math.abs(fit.coefficients[1]! + 1) < 1e-9 &&
        Math.abs(fit.intercept - 1) < 1e-9,
    );
  });
});
