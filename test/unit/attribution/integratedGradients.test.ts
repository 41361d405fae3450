import * as tf from '@tensorflow/tfjs';
import { strict as assert } from 'node:assert';
import { createDefaultLoaders, packagedWasmDir } from '../../../src/engine/compute/loaders';
import { selectBackend } from '../../../src/engine/compute/selectBackend';
import { gradientTimesInput, saliency } from '../../../src/engine/attribution/gradients';
import { integratedGradients } from '../../../src/engine/attribution/integratedGradients';
import type { AttributionProblem } from '../../../src/engine/attribution/problem';
import { gaussLegendre, INTEGRATION_METHODS, quadratureRule } from '../../../src/engine/attribution/quadrature';

/** A problem over plain vectors: F given as tfjs ops on x [batch, n]. */
function vectorProblem(
  input: number[],
  baseline: number[],
  forward: (x: tf.Tensor2D) => tf.Tensor1D,
): AttributionProblem {
  return {
    size: input.length,
    input: Float32Array.from(input),
    baseline: Float32Array.from(baseline),
    forward,
    features: input.map((_, i) => Int32Array.of(i)),
  };
}

/** Captum tests/attr/helpers/basic_models.py BasicModel2: ReLU(ReLU(x1) − 1 − ReLU(x2)). */
const basicModel2 = (x: tf.Tensor2D) =>
  tf
    .relu(tf.sub(tf.sub(tf.relu(tf.slice(x, [0, 0], [-1, 1])), 1), tf.relu(tf.slice(x, [0, 1], [-1, 1]))))
    .reshape([-1]) as tf.Tensor1D;

describe('quadrature rules (Captum approximation_methods.py)', () => {
  it('Gauss–Legendre nodes and weights match numpy.polynomial.legendre.leggauss', () => {
    // numpy leggauss(3): nodes ∓√(3/5), 0; weights 5/9, 8/9, 5/9.
    const { nodes, weights } = gaussLegendre(3);
    assert.ok(
      Math.abs(nodes[0]! + Math.sqrt(0.6)) < 1e-15 &&
        Math.abs(nodes[1]!) < 1e-15 &&
        Math.abs(nodes[2]! - Math.sqrt(0.6)) < 1e-15,
    );
    assert.ok(Math.abs(weights[0]! - 5 / 9) < 1e-15 && Math.abs(weights[1]! - 8 / 9) < 1e-15);
    for (const n of [1, 2, 7, 50, 500]) {
      const rule = gaussLegendre(n);
      assert.ok(Math.abs(rule.weights.reduce((a, b) => a + b, 0) - 2) < 1e-12, `weights of ${n} sum to 2`);
      // Exact for polynomials of degree 2n − 1: ∫_{-1}^{1} x^{2k} dx = 2 / (2k + 1).
      const k = Math.min(n - 1, 10);
      const integral = rule.nodes.reduce((total, x, i) => total + rule.weights[i]! * x ** (2 * k), 0);
      assert.ok(Math.abs(integral - 2 / (2 * k + 1)) < 1e-12, `degree ${2 * k} with ${n} nodes: ${integral}`);
      for (let i = 1; i < n; i++) assert.ok(rule.nodes[i]! > rule.nodes[i - 1]!, 'ascending, as numpy');
    }
  });

  it('Riemann rules place and weigh points as Captum: trapezoid weights sum to (n − 1)/n', () => {
    const left = quadratureRule('riemann_left', 4);
    assert.deepEqual(Array.from(left.alphas), [0, 0.25, 0.5, 0.75]);
    assert.deepEqual(Array.from(quadratureRule('riemann_right', 4).alphas), [0.25, 0.5, 0.75, 1]);
    assert.deepEqual(Array.from(quadratureRule('riemann_middle', 4).alphas), [0.125, 0.375, 0.625, 0.875]);
    const trapezoid = quadratureRule('riemann_trapezoid', 4);
    assert.deepEqual(
      Array.from(trapezoid.alphas).map((a) => Number(a.toFixed(12))),
      [0, 0.333333333333, 0.666666666667, 1],
    );
    assert.deepEqual(Array.from(trapezoid.stepSizes), [0.125, 0.25, 0.25, 0.125]);
    assert.throws(() => quadratureRule('riemann_left', 1), /steps/);
  });
});

for (const backend of ['wasm', 'cpu'] as const) {
  describe(`integrated gradients on ${backend}`, () => {
    before(async () => {
      assert.equal((await selectBackend(backend, createDefaultLoaders({ wasmDir: packagedWasmDir() }))).name, backend);
    });

    // Captum test_integrated_gradients_basic.py (test_multivariable_vanilla and friends): 500 steps → [1.5, −0.5].
    for (const method of INTEGRATION_METHODS) {
      it(`${method}: ReLU(ReLU(x1) − 1 − ReLU(x2)) at (3, 1) → [1.5, −0.5] at 500 steps, complete within its delta`, () => {
        const result = integratedGradients(vectorProblem([3, 1], [0, 0], basicModel2), { method, steps: 500 });
        assert.ok(Math.abs(result.attributions[0]! - 1.5) < 0.01, `${method}: ${result.attributions[0]}`);
        assert.ok(Math.abs(result.attributions[1]! + 0.5) < 0.01, `${method}: ${result.attributions[1]}`);
        assert.equal(result.output, 1);
        assert.equal(result.baselineOutput, 0);
        const total = result.attributions[0]! + result.attributions[1]!;
        assert.ok(
          Math.abs(total - (result.output - result.baselineOutput) - result.delta) < 1e-6,
          'delta is the completeness gap',
        );
        assert.ok(Math.abs(result.delta) < 0.01, `${method}: delta ${result.delta}`);
      });
    }

    it('a linear F gives (x − x′)·w exactly for any steps; trapezoid is (n − 1)/n of it, as in Captum', () => {
      const w = [2, -3, 0.5];
      const linear = (x: tf.Tensor2D) =>
        tf.add(tf.reshape(tf.matMul(x, tf.tensor2d(w, [3, 1])), [-1]), 7) as tf.Tensor1D;
      const problem = vectorProblem([1, 2, -4], [0.5, -1, 2], linear);
      const expected = [(1 - 0.5) * 2, (2 + 1) * -3, (-4 - 2) * 0.5];
      for (const method of ['gausslegendre', 'riemann_left', 'riemann_right', 'riemann_middle'] as const) {
        for (const steps of [2, 5, 50]) {
          const { attributions, delta } = integratedGradients(problem, { method, steps });
          expected.forEach((value, i) =>
            assert.ok(Math.abs(attributions[i]! - value) < 1e-5, `${method}/${steps}: ${attributions[i]} vs ${value}`),
          );
          assert.ok(Math.abs(delta) < 1e-5);
        }
      }
      const trapezoid = integratedGradients(problem, { method: 'riemann_trapezoid', steps: 50 });
      expected.forEach((value, i) => assert.ok(Math.abs(trapezoid.attributions[i]! - (value * 49) / 50) < 1e-5));
      assert.ok(
        Math.abs(trapezoid.delta - -expected.reduce((a, b) => a + b) / 50) < 1e-5,
        'delta shows the 2 % shortfall',
      );
    });

    it('internal batching does not change the result, and no tensor is left behind', () => {
      const problem = vectorProblem([3, 1], [0, 0], basicModel2);
      const before = tf.memory().numTensors;
      const whole = integratedGradients(problem, { steps: 50 });
      const batched = integratedGradients(problem, { steps: 50, internalBatchSize: 7 });
      assert.deepEqual(Array.from(batched.attributions), Array.from(whole.attributions));
      assert.equal(tf.memory().numTensors, before);
    });

    it('saliency is |∂F/∂x| and gradient × input is x·∂F/∂x (Captum Saliency, InputXGradient)', () => {
      const problem = vectorProblem([3, 1], [0, 0], basicModel2);
      assert.deepEqual(Array.from(saliency(problem).attributions), [1, 1]);
      assert.deepEqual(Array.from(gradientTimesInput(problem).attributions), [3, -1]);
    });
  });
}
