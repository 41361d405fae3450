import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { prepareEvaluation } from '../../../src/engine/evaluation/prepare';
import { oneVsRestAuc, scoreOrdering } from '../../../src/engine/evaluation/rocAuc';

/** The definition, pair by pair: P(score⁺ > score⁻) + ½ P(tie), each pair weighted by both weights. */
function bruteForceAuc(labels: number[], scores: number[], weights: number[]): number | null {
  let pairs = 0;
  let total = 0;
  labels.forEach((a, i) =>
    labels.forEach((b, j) => {
      if (a !== 1 || b !== 0) return;
      const w = (weights[i] ?? 0) * (weights[j] ?? 0);
      total += w;
      const si = scores[i] ?? 0;
      const sj = scores[j] ?? 0;
      pairs += si > sj ? w : si === sj ? w / 2 : 0;
    }),
  );
  return total === 0 ? null : pairs / total;
}

describe('ROC AUC (sorted Mann–Whitney)', () => {
  it('equals the pairwise definition, with ties and weights', () => {
    const example = fc.array(
      fc.tuple(fc.constantFrom(0, 1), fc.constantFrom(0, 0.25, 0.5, 0.75, 1), fc.constantFrom(0.5, 1, 2)),
      { minLength: 1, maxLength: 25 },
    );
    fc.assert(
      fc.property(example, (rows) => {
        const labels = rows.map((r) => r[0]);
        const scores = rows.map((r) => r[1]);
        const weights = rows.map((r) => r[2]);
        const prepared = prepareEvaluation({
          yTrue: labels,
          probabilities: scores.map((s) => [1 - s, s]),
          classes: ['0', '1'],
          sampleWeight: weights,
        });
        const auc = oneVsRestAuc(prepared, scoreOrdering(prepared.scores[1] ?? new Float64Array()), 1, prepared.weight);
        const expected = bruteForceAuc(labels, scores, weights);
        if (expected === null) assert.equal(auc, null);
        else assert.ok(auc !== null && Math.abs(auc - expected) < 1e-12, `${auc} vs ${expected}`);
      }),
    );
  });
});
