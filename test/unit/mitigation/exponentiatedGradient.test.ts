import { strict as assert } from 'node:assert';
import { exponentiatedGradient } from '../../../src/engine/mitigation/reductions/exponentiatedGradient';
import type { BaseLearner } from '../../../src/engine/mitigation/reductions/lagrangian';
import {
  ErrorRateObjective,
  ParityConstraint,
  type ReductionConstraint,
} from '../../../src/engine/mitigation/reductions/moments';

// Source: fairlearn test/unit/reductions/exponentiated_gradient/test_utilities.py (_get_data).
const GROUPS = [...'AAAAAAABBBBBBBCCCCCC'];
const LABELS = Uint8Array.from([...'01101000010111001111'].map(Number));
const X1 = [...'01101010111101001011'].map(Number);
const X2 = [...'00001000000011111111'].map(Number);
const X3 = new Array(20).fill(1);
const X = X1.map((_, i) => [X1[i]!, X2[i]!, X3[i]!]);

/**
 * Fairlearn's LeastSquaresBinaryClassifierLearner (simple_learners.py): weighted least squares on X, predict
 * 1 when X·w > 0.5. Solved here by the normal equations (3 × 3, full rank on this data).
 */
const leastSquares: BaseLearner<number[]> = {
  async fit(labels, weights) {
    const a = [0, 1, 2].map(() => [0, 0, 0]);
    const b = [0, 0, 0];
    X.forEach((row, i) => {
      for (let j = 0; j < 3; j++) {
        b[j]! += weights[i]! * row[j]! * labels[i]!;
        for (let k = 0; k < 3; k++) a[j]![k]! += weights[i]! * row[j]! * row[k]!;
      }
    });
    return solve3(a, b);
  },
  predictTraining: (w) =>
    Uint8Array.from(X, (row) => (row[0]! * w[0]! + row[1]! * w[1]! + row[2]! * w[2]! > 0.5 ? 1 : 0)),
};

function solve3(a: number[][], b: number[]): number[] {
  const m = a.map((row, i) => [...row, b[i]!]);
  for (let col = 0; col < 3; col++) {
    const pivot = [col, col + 1, col + 2]
      .filter((r) => r < 3)
      .reduce((best, r) => (Math.abs(m[r]![col]!) > Math.abs(m[best]![col]!) ? r : best), col);
    [m[col], m[pivot]] = [m[pivot]!, m[col]!];
    for (let r = 0; r < 3; r++) {
      if (r === col) continue;
      const factor = m[r]![col]! / m[col]![col]!;
      for (let k = col; k < 4; k++) m[r]![k]! -= factor * m[col]![k]!;
    }
  }
  return [0, 1, 2].map((i) => m[i]![3]! / m[i]![i]!);
}

describe('ExponentiatedGradient (Fairlearn semantics)', () => {
  // Source: fairlearn test_exponentiatedgradient_smoke.py::smoke_test_data (difference bounds; eps = difference bound).
  const cases: Array<{
    constraint: ReductionConstraint;
    eps: number;
    disp: number;
    error: number;
    calls: number;
    predictors: number;
  }> = [
    { constraint: 'demographic_parity', eps: 0.1, disp: 0.1, error: 0.25, calls: 32, predictors: 3 },
    { constraint: 'demographic_parity', eps: 0.05, disp: 0.05, error: 0.266522, calls: 23, predictors: 6 },
    { constraint: 'demographic_parity', eps: 0.02, disp: 0.02, error: 0.332261, calls: 22, predictors: 5 },
    { constraint: 'demographic_parity', eps: 0.01, disp: 0.01, error: 0.354174, calls: 22, predictors: 5 },
    { constraint: 'demographic_parity', eps: 0.005, disp: 0.005, error: 0.36513, calls: 22, predictors: 5 },
    { constraint: 'equalized_odds', eps: 0.1, disp: 0.1, error: 0.309333, calls: 21, predictors: 4 },
    { constraint: 'equalized_odds', eps: 0.05, disp: 0.05, error: 0.378827, calls: 19, predictors: 6 },
    { constraint: 'equalized_odds', eps: 0.02, disp: 0.02, error: 0.421531, calls: 19, predictors: 6 },
    { constraint: 'equalized_odds', eps: 0.01, disp: 0.01, error: 0.435765, calls: 19, predictors: 6 },
    { constraint: 'equalized_odds', eps: 0.005, disp: 0.005, error: 0.442883, calls: 19, predictors: 6 },
    { constraint: 'error_rate_parity', eps: 0.1, disp: 0.1, error: 0.25625, calls: 17, predictors: 3 },
    { constraint: 'error_rate_parity', eps: 0.05, disp: 0.049999, error: 0.3, calls: 17, predictors: 3 },
    { constraint: 'error_rate_parity', eps: 0.02, disp: 0.019999, error: 0.32625, calls: 17, predictors: 3 },
    { constraint: 'error_rate_parity', eps: 0.01, disp: 0.01, error: 0.325555, calls: 18, predictors: 4 },
    { constraint: 'error_rate_parity', eps: 0.005, disp: 0.005, error: 0.329444, calls: 19, predictors: 5 },
  ];
  for (const c of cases) {
    it(`${c.constraint}, eps ${c.eps}: disparity ${c.disp}, error ${c.error}, ${c.calls} oracle calls, ${c.predictors} predictors`, async () => {
      const result = await exponentiatedGradient(LABELS, GROUPS, leastSquares, {
        constraint: c.constraint,
        eps: c.eps,
        differenceBound: c.eps,
      });
      const constraint = new ParityConstraint(c.constraint, LABELS, GROUPS, c.eps);
      const disparity = Math.max(...constraint.gamma(result.trainingProbabilities));
      const error = new ErrorRateObjective(LABELS).error(result.trainingProbabilities);
      assert.ok(Math.abs(disparity - c.disp) <= 1e-5, `disparity ${disparity}`);
      assert.ok(Math.abs(error - c.error) <= 1e-5, `error ${error}`);
      assert.ok(
        Math.abs(result.bestGap) <= 1e-5 && result.bestGap < result.nu,
        `best gap ${result.bestGap}, ν ${result.nu}`,
      );
      assert.equal(result.lastIteration, 5);
      assert.equal(result.bestIteration, 5);
      assert.equal(result.oracleCalls, c.calls);
      assert.equal(result.hypotheses.length, c.predictors);
      assert.ok(Math.abs(result.hypotheses.reduce((sum, h) => sum + h.weight, 0) - 1) < 1e-9);
    });
  }

  it('uses the sample standard deviation (ddof = 1) for ν', async () => {
    const result = await exponentiatedGradient(LABELS, GROUPS, leastSquares, {
      constraint: 'demographic_parity',
      eps: 0.1,
      differenceBound: 0.1,
    });
    // ν = 0.5 · std(|h₀ − y|, ddof 1) / √20, h₀ the first best response; it can only take these values for 20 0/1 rows.
    const candidates = Array.from({ length: 21 }, (_, k) => {
      const mean = k / 20;
      return (0.5 * Math.sqrt((k * (1 - mean) ** 2 + (20 - k) * mean ** 2) / 19)) / Math.sqrt(20);
    });
    assert.ok(
      candidates.some((value) => Math.abs(value - result.nu) < 1e-15),
      `ν ${result.nu}`,
    );
  });
});
