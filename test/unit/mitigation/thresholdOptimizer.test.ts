import { strict as assert } from 'node:assert';
import {
  fitThresholdOptimizer,
  positiveProbability,
  type ThresholdConstraint,
  type ThresholdObjective,
} from '../../../src/engine/mitigation/thresholdOptimizer';
import {
  DegenerateLabelsError,
  tradeoffPoints,
  unitGrid,
  upperConvexHull,
} from '../../../src/engine/mitigation/tradeoffCurve';

const close = (actual: number, expected: number, tolerance = 1e-6, what = '') =>
  assert.ok(
    Math.abs(actual - expected) <= tolerance * Math.max(1, Math.abs(expected)),
    `${what}: ${actual} ≠ ${expected}`,
  );

// Source: fairlearn test/unit/postprocessing/conftest.py (example 1).
const SCORES = [...'00112330001111011112'].map(Number);
const LABELS = [...'01101000010111000111'].map(Number);
const GROUPS = [...'AAAAAAABBBBBBBCCCCCC'];

describe('ThresholdOptimizer (Fairlearn semantics)', () => {
  it('defaults to demographic parity, accuracy, grid 1000 (1,001 points) and flip = false', () => {
    const fitted = fitThresholdOptimizer(SCORES, LABELS, GROUPS);
    assert.deepEqual(
      [fitted.constraint, fitted.objective, fitted.gridSize, fitted.flip],
      ['demographic_parity', 'accuracy_score', 1000, false],
    );
    assert.equal(unitGrid(1000).length, 1001);
    assert.equal(unitGrid(1000)[1000], 1);
    assert.ok(
      Object.values(fitted.groups).every(
        (rule) => rule.operation0.operator === '>' && rule.operation1.operator === '>',
      ),
    );
  });

  it("reproduces Fairlearn's demographic-parity example with flip = true", () => {
    // Source: fairlearn test_threshold_optimization.py::test_threshold_optimization_demographic_parity.
    const fitted = fitThresholdOptimizer(SCORES, LABELS, GROUPS, { flip: true });
    const p = (group: string, score: number) => positiveProbability(fitted, group, score);
    close(p('A', 0), 0.8008);
    close(p('A', 2.499), 0.8008);
    assert.equal(p('A', 2.5), 0);
    assert.equal(p('A', 100), 0);
    close(p('B', 0), 0.00133333333333);
    close(p('B', 0.5), 0.00133333333333);
    assert.equal(p('B', 0.51), 1);
    assert.equal(p('C', 0.5), 0);
    close(p('C', 1), 0.608);
    close(p('C', 1.5), 0.608);
    assert.equal(p('C', 1.51), 1);
    // Demographic parity holds on the training rows: 0.572 in every group.
    for (const group of ['A', 'B', 'C']) {
      const rows = SCORES.map((score, i) => ({ score, group: GROUPS[i] })).filter((row) => row.group === group);
      close(rows.reduce((sum, row) => sum + p(group, row.score), 0) / rows.length, 0.572, 1e-9, group);
    }
  });

  it("reproduces Fairlearn's equalized-odds example with flip = true", () => {
    // Source: fairlearn test_threshold_optimization.py::test_threshold_optimization_equalized_odds.
    const fitted = fitThresholdOptimizer(SCORES, LABELS, GROUPS, { constraint: 'equalized_odds', flip: true });
    const constant = 0.334;
    close(fitted.groups.A!.predictionConstant!, constant);
    close(fitted.groups.A!.pIgnore!, 0.001996007984031716);
    close(fitted.groups.B!.pIgnore!, 0.1991991991991991);
    assert.equal(fitted.groups.C!.pIgnore, 0);
    const p = (group: string, score: number) => positiveProbability(fitted, group, score);
    const pa = 0.001996007984031716;
    close(p('A', 0), constant * pa + (1 - pa) * 0.668);
    close(p('A', 2.5), constant * pa);
    const pb = 0.1991991991991991;
    close(p('B', 0.5), constant * pb + (1 - pb) * 0.001);
    close(p('B', 1), constant * pb + 1 - pb);
    close(p('C', 1), 0.501);
    // Equalized odds holds: P(ŷ = 1 | y = 0) = 0.334 and P(ŷ = 1 | y = 1) = 0.66733333 in every group.
    for (const group of ['A', 'B', 'C']) {
      for (const [label, expected] of [
        [0, 0.334],
        [1, 0.66733333],
      ] as const) {
        const rows = SCORES.map((score, i) => ({ score, i })).filter(
          ({ i }) => GROUPS[i] === group && LABELS[i] === label,
        );
        close(
          rows.reduce((sum, { score }) => sum + p(group, score), 0) / rows.length,
          expected,
          1e-7,
          `${group} y=${label}`,
        );
      }
    }
  });

  describe("every constraint × objective pair of Fairlearn's test table (grid 20, flip false)", () => {
    // Source: fairlearn test_threshold_optimization.py::test_constraints_objective_pairs (results table).
    const scores = [0, 1, 2, 3, 4, 0, 1, 2, 3];
    const groups = ['0', '0', '0', '0', '0', '1', '1', '1', '1'];
    const labels = [1, 0, 1, 1, 1, 0, 1, 1, 1];
    type Row = [number, string, number, number, string, number, number?, number?];
    const I = Infinity;
    const table: Record<string, [Row, Row] | string> = {
      'demographic_parity, accuracy_score': [
        [0.625, '>', 1.5, 0.375, '>', -I],
        [0, '>', I, 1, '>', 0.5],
      ],
      'demographic_parity, balanced_accuracy_score': [
        [1, '>', 1.5, 0, '>', -I],
        [0.2, '>', I, 0.8, '>', 0.5],
      ],
      'demographic_parity, selection_rate': [
        [0, '>', I, 1, '>', -I],
        [0, '>', I, 1, '>', -I],
      ],
      'demographic_parity, true_positive_rate': [
        [0, '>', 1.5, 1, '>', -I],
        [0, '>', 0.5, 1, '>', -I],
      ],
      'demographic_parity, true_negative_rate': [
        [1, '>', I, 0, '>', 1.5],
        [1, '>', I, 0, '>', 0.5],
      ],
      'selection_rate_parity, accuracy_score': [
        [0.625, '>', 1.5, 0.375, '>', -I],
        [0, '>', I, 1, '>', 0.5],
      ],
      'false_positive_rate_parity, accuracy_score': [
        [1, '>', 1.5, 0, '>', -I],
        [1, '>', 0.5, 0, '>', -I],
      ],
      'false_positive_rate_parity, balanced_accuracy_score': [
        [1, '>', 1.5, 0, '>', -I],
        [1, '>', 0.5, 0, '>', -I],
      ],
      'false_positive_rate_parity, selection_rate': [
        [0, '>', 1.5, 1, '>', -I],
        [0, '>', 0.5, 1, '>', -I],
      ],
      'false_positive_rate_parity, true_positive_rate': [
        [0, '>', 1.5, 1, '>', -I],
        [0, '>', 0.5, 1, '>', -I],
      ],
      'false_positive_rate_parity, true_negative_rate': [
        [1, '>', I, 0, '>', -I],
        [1, '>', I, 0, '>', -I],
      ],
      'false_negative_rate_parity, accuracy_score': [
        [1, '>', -I, 0, '>', 1.5],
        [1, '>', 0.5, 0, '>', I],
      ],
      'false_negative_rate_parity, balanced_accuracy_score': [
        [0, '>', -I, 1, '>', 1.5],
        [0.75, '>', 0.5, 0.25, '>', I],
      ],
      'false_negative_rate_parity, selection_rate': [
        [1, '>', -I, 0, '>', 0.5],
        [1, '>', -I, 0, '>', I],
      ],
      'false_negative_rate_parity, true_positive_rate': [
        [1, '>', -I, 0, '>', I],
        [1, '>', 0.5, 0, '>', I],
      ],
      'false_negative_rate_parity, true_negative_rate': [
        [0, '>', -I, 1, '>', 1.5],
        [0.75, '>', 0.5, 0.25, '>', I],
      ],
      'true_positive_rate_parity, accuracy_score': [
        [0, '>', 1.5, 1, '>', -I],
        [0, '>', I, 1, '>', 0.5],
      ],
      'true_positive_rate_parity, balanced_accuracy_score': [
        [0, '>', I, 1, '>', 1.5],
        [0.25, '>', I, 0.75, '>', 0.5],
      ],
      'true_positive_rate_parity, selection_rate': [
        [0, '>', 0.5, 1, '>', -I],
        [0, '>', I, 1, '>', -I],
      ],
      'true_positive_rate_parity, true_positive_rate': [
        [0, '>', I, 1, '>', -I],
        [0, '>', I, 1, '>', -I],
      ],
      'true_positive_rate_parity, true_negative_rate': [
        [1, '>', I, 0, '>', 1.5],
        [1, '>', I, 0, '>', 0.5],
      ],
      'true_negative_rate_parity, accuracy_score': [
        [0, '>', -I, 1, '>', 1.5],
        [0, '>', -I, 1, '>', 0.5],
      ],
      'true_negative_rate_parity, balanced_accuracy_score': [
        [0, '>', -I, 1, '>', 1.5],
        [0, '>', -I, 1, '>', 0.5],
      ],
      'true_negative_rate_parity, selection_rate': [
        [1, '>', -I, 0, '>', 1.5],
        [1, '>', -I, 0, '>', 0.5],
      ],
      'true_negative_rate_parity, true_positive_rate': [
        [1, '>', -I, 0, '>', 1.5],
        [1, '>', -I, 0, '>', 0.5],
      ],
      'true_negative_rate_parity, true_negative_rate': [
        [0, '>', 0.5, 1, '>', 1.5],
        [0, '>', -I, 1, '>', 0.5],
      ],
      'equalized_odds, accuracy_score': [
        [1, '>', 1.5, 0, '>', -I, 0, 0],
        [1, '>', 0.5, 0, '>', -I, 0.25, 0],
      ],
      'equalized_odds, balanced_accuracy_score': [
        [1, '>', 1.5, 0, '>', -I, 0, 0],
        [1, '>', 0.5, 0, '>', -I, 0.25, 0],
      ],
      'equalized_odds, selection_rate': 'For equalized_odds only the following objectives are supported',
      'equalized_odds, true_negative_rate': 'For equalized_odds only the following objectives are supported',
      'bad_constraints, accuracy_score': 'Currently only the following constraints are supported',
      'demographic_parity, bad_objective': 'For demographic_parity only the following objectives are supported',
    };
    for (const [key, expected] of Object.entries(table)) {
      it(key, () => {
        const [constraint, objective] = key.split(', ') as [ThresholdConstraint, ThresholdObjective];
        const fit = () => fitThresholdOptimizer(scores, labels, groups, { constraint, objective, gridSize: 20 });
        if (typeof expected === 'string') {
          assert.throws(fit, (error: Error) => error.message.startsWith(expected));
          return;
        }
        const fitted = fit();
        expected.forEach(([p0, op0, thr0, p1, op1, thr1, pIgnore, constant], group) => {
          const rule = fitted.groups[String(group)]!;
          close(rule.p0, p0, 1e-6, `group ${group} p0`);
          close(rule.p1, p1, 1e-6, `group ${group} p1`);
          assert.deepEqual(
            [rule.operation0.operator, rule.operation0.threshold],
            [op0, thr0],
            `group ${group} operation0`,
          );
          assert.deepEqual(
            [rule.operation1.operator, rule.operation1.threshold],
            [op1, thr1],
            `group ${group} operation1`,
          );
          if (pIgnore === undefined) assert.equal(rule.pIgnore, undefined);
          else {
            close(rule.pIgnore!, pIgnore, 1e-6, 'pIgnore');
            close(rule.predictionConstant!, constant!, 1e-6, 'prediction constant');
          }
        });
      });
    }
  });

  it('derives a small case by hand: two groups, demographic parity, grid 4', () => {
    // Group a: scores 0.2 (y 0), 0.8 (y 1). Thresholds (midpoints, strict >): +∞ → sel 0, acc 1/2; 0.5 → sel 1/2,
    // acc 1; −∞ → sel 1, acc 1/2. The hull is (0, 1/2), (1/2, 1), (1, 1/2).
    // Group b: scores 0.4 (y 0), 0.6 (y 0), 0.9 (y 1): +∞ → (0, 2/3); 0.75 → (1/3, 1); 0.5 → (2/3, 2/3); −∞ → (1, 1/3).
    // Hull: (0, 2/3), (1/3, 1), (1, 1/3) — (2/3, 2/3) lies on the chord from (1/3, 1) to (1, 1/3) and is dropped.
    // Grid x = 0, 1/4, 1/2, 3/4, 1. Weighted accuracy (2/5 a, 3/5 b):
    //   x = 1/4: a halfway between (0, 1/2) and (1/2, 1) → 3/4; b: p0 = (1/3 − 1/4)/(1/3) = 1/4 → 1/4·2/3 + 3/4·1 = 11/12;
    //            overall 2/5·3/4 + 3/5·11/12 = 0.3 + 0.55 = 0.85.
    //   x = 1/2: a 1; b between (1/3, 1) and (1, 1/3): p0 = (1 − 1/2)/(2/3) = 3/4 → 3/4·1 + 1/4·1/3 = 5/6; overall 0.4 + 0.5 = 0.9.
    //   x = 0: 0.4·0.5 + 0.6·2/3 = 0.6; x = 3/4: a 3/4, b 2/3 → 0.7; x = 1: a ½, b ⅓ → 0.4. Best: x = 1/2.
    const fitted = fitThresholdOptimizer([0.2, 0.8, 0.4, 0.6, 0.9], [0, 1, 0, 0, 1], ['a', 'a', 'b', 'b', 'b'], {
      gridSize: 4,
    });
    assert.equal(fitted.best.x, 0.5);
    close(fitted.best.objective, 0.9, 1e-12);
    const a = fitted.groups.a!;
    // At x = 1/2 exactly on a's hull vertex: the interval (0, 1/2], so p0 = 0 and operation1 is the vertex's rule.
    assert.deepEqual([a.p0, a.operation1], [0, { operator: '>', threshold: 0.5 }]);
    const b = fitted.groups.b!;
    close(b.p0, 0.75, 1e-12);
    assert.deepEqual(
      [b.operation0, b.operation1],
      [
        { operator: '>', threshold: 0.75 },
        { operator: '>', threshold: -Infinity },
      ],
    );
    // b's selection rate: 3/4·(1/3) + 1/4·1 = 1/2, as a's.
    close(
      (positiveProbability(fitted, 'b', 0.4) +
        positiveProbability(fitted, 'b', 0.6) +
        positiveProbability(fitted, 'b', 0.9)) /
        3,
      0.5,
      1e-12,
    );
  });

  it('keeps only upper-hull points and uses midpoints between distinct scores', () => {
    const points = tradeoffPoints([0.2, 0.2, 0.7], [0, 1, 1], 'g', false, 'false_positive_rate', 'true_positive_rate');
    assert.deepEqual(
      points.map((p) => p.operation.threshold),
      [Infinity, (0.7 + 0.2) / 2, -Infinity],
    );
    assert.equal(upperConvexHull(points).length, 3);
  });

  it('says which group has degenerate labels', () => {
    assert.throws(
      () => fitThresholdOptimizer([0.1, 0.9, 0.3, 0.4], [0, 1, 1, 1], ['x', 'x', 'y', 'y']),
      (error: Error) =>
        error instanceof DegenerateLabelsError && /Degenerate labels for sensitive feature value y/.test(error.message),
    );
  });
});
