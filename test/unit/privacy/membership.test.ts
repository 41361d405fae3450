import { strict as assert } from 'node:assert';
import { canaryExposure, lossThresholdAttack } from '../../../src/engine/privacy/membership';

describe('membership inference (loss threshold) and canary exposure', () => {
  it('AUC is Mann–Whitney with ties counted ½, computed by hand', () => {
    // Members' losses [0.1, 0.4, 0.4], non-members' [0.4, 0.9]. Members score −loss. Pairs (member, non-member):
    // 0.1 vs 0.4 → 1, 0.1 vs 0.9 → 1, 0.4 vs 0.4 → ½ (twice), 0.4 vs 0.9 → 1 (twice): (1 + 1 + ½ + ½ + 1 + 1) / 6.
    const result = lossThresholdAttack([0.1, 0.4, 0.4], [0.4, 0.9]);
    assert.equal(result.auc, 5 / 6);
    // Thresholds loss ≤ t: t = 0.1 → TPR 1/3, FPR 0; t = 0.4 → TPR 1, FPR 1/2; t = 0.9 → 1, 1. Max |TPR − FPR| = 1/2.
    assert.equal(result.advantage, 0.5);
    assert.equal(result.threshold, 0.4);
    assert.deepEqual([result.members, result.nonMembers], [3, 2]);
  });

  it('is 0.5 with no advantage when the losses are identical, and 1 when they separate', () => {
    assert.deepEqual((({ auc, advantage }) => ({ auc, advantage }))(lossThresholdAttack([1, 1], [1, 1, 1])), {
      auc: 0.5,
      advantage: 0,
    });
    const separated = lossThresholdAttack([0.01, 0.02], [2, 3]);
    assert.equal(separated.auc, 1);
    assert.equal(separated.advantage, 1);
    // Reversed (members lose more): AUC 0, and the advantage counts |TPR − FPR| so it is 1 as well.
    assert.equal(lossThresholdAttack([2, 3], [0.01, 0.02]).auc, 0);
    assert.equal(lossThresholdAttack([2, 3], [0.01, 0.02]).advantage, 1);
  });

  it('rejects empty and non-finite losses, naming which', () => {
    assert.throws(() => lossThresholdAttack([], [1]), /no member losses/);
    assert.throws(() => lossThresholdAttack([1], [Number.NaN]), /non-member loss 1 is not a finite number/);
  });

  it('exposure = log2 |R| − log2 rank, references ranked first on ties (TF Privacy interpolation)', () => {
    const references = [1, 2, 3, 4, 5, 6, 7, 8];
    // A canary below every reference ranks 1: exposure log2 8 = 3. Equal to 2 → two references at or below: rank 3.
    assert.deepEqual(canaryExposure([0.5, 2, 100], references), [3, 3 - Math.log2(3), 3 - Math.log2(9)]);
  });
});
