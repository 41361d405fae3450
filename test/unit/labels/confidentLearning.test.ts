import { strict as assert } from 'node:assert';
import {
  computeConfidentJoint,
  findLabelIssues,
  keepAtLeastOnePerClass,
  labelIssuesFrom,
  labelQualityScore,
  roundHalfEven,
  roundPreservingSum,
  type LabelledProbabilities,
} from '../../../src/engine/labels';

/**
 * Ten examples, three classes; every number below is derived by hand from Cleanlab's definitions
 * (cleanlab/count.py compute_confident_joint, calibrate_confident_joint; cleanlab/filter.py find_label_issues).
 */
const LABELS = [0, 0, 0, 0, 1, 1, 1, 2, 0, 0];
const PROBABILITIES = [
  [0.8, 0.1, 0.1], // 0: clearly 0
  [0.7, 0.2, 0.1], // 1: clearly 0
  [0.2, 0.7, 0.1], // 2: given 0, confidently 1
  [0.3, 0.45, 0.25], // 3: given 0, leans 1 but confident in nothing
  [0.1, 0.8, 0.1], // 4: clearly 1
  [0.6, 0.3, 0.1], // 5: given 1, confidently 0
  [0.2, 0.5, 0.3], // 6: given 1, confident in nothing
  [0.1, 0.2, 0.7], // 7: the only example of class 2
  [0.45, 0.3, 0.25], // 8: given 0, just above t0
  [0.15, 0.25, 0.6], // 9: given 0, leans 2, confident in nothing
];
const data: LabelledProbabilities = {
  labels: Int32Array.from(LABELS),
  probabilities: Float64Array.from(PROBABILITIES.flat()),
  classes: 3,
};

describe('confident learning (Cleanlab semantics), derived by hand', () => {
  it('rounds half to even and preserves sums as numpy/cleanlab round_preserving_sum', () => {
    assert.deepEqual([0.5, 1.5, 2.5, -2.5, -3.5, 2.4999].map(roundHalfEven), [0, 2, 2, -2, -4, 2]);
    // [1.5, 1.5, 0] → [2, 2, 0] sums 4, not 3: take 1 from the first of the largest losses (stable argsort).
    assert.deepEqual(roundPreservingSum([1.5, 1.5, 0]), [1, 2, 0]);
    // [4.5, 1.5, 0] → [4, 2, 0] already sums to 6 (half-up rounding would give 7).
    assert.deepEqual(roundPreservingSum([4.5, 1.5, 0]), [4, 2, 0]);
    // Four halves → [2, 2, 2, 2] = 8 < 10: argsort [0, 1, 2, 3] reversed, so the last two gain 1.
    assert.deepEqual(roundPreservingSum([2.5, 2.5, 2.5, 2.5]), [2, 2, 3, 3]);
  });

  it('thresholds are means over the given labels; the joint counts confident examples; calibration keeps row totals', () => {
    const joint = computeConfidentJoint(data);
    // t0 = (.8 + .7 + .2 + .3 + .45 + .15) / 6, t1 = (.8 + .3 + .5) / 3, t2 = .7 (one example).
    [2.6 / 6, 1.6 / 3, 0.7].forEach((t, k) => assert.ok(Math.abs(joint.thresholds[k]! - t) < 1e-12));
    // Confident: 0, 1, 8 → 0; 2 → 1 (given 0); 4 → 1; 5 → 0 (given 1); 7 → 2; 3, 6, 9 in no class.
    assert.deepEqual(joint.raw, [
      [3, 1, 0],
      [1, 1, 0],
      [0, 0, 1],
    ]);
    // Row 0 × 6/4 = [4.5, 1.5, 0] → [4, 2, 0]; row 1 × 3/2 = [1.5, 1.5, 0] → [1, 2, 0].
    assert.deepEqual(joint.calibrated, [
      [4, 2, 0],
      [1, 2, 0],
      [0, 0, 1],
    ]);
    assert.deepEqual(joint.offDiagonal, [2, 5]);
  });

  it('clips the diagonal to at least 1 before calibrating', () => {
    const noneConfident = {
      labels: Int32Array.of(0, 0, 1, 1),
      probabilities: Float64Array.of(0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5),
      classes: 2,
    };
    // Every p equals its threshold, so each row is confident in both classes and guesses the argmax, class 0.
    assert.deepEqual(computeConfidentJoint(noneConfident).raw, [
      [2, 0],
      [2, 1],
    ]);
  });

  const flagged = (filter: Parameters<typeof findLabelIssues>[1]) =>
    findLabelIssues(data, filter).issues.flatMap((flag, row) => (flag ? [row] : []));

  it('prune_by_noise_rate (the default): the prune[j][k] largest margins p_j − p_k within each given class', () => {
    // prune = calibrated joint transposed: 2 of class 0 are truly 1 (margins: 2 → .5, 3 → .15, 9 → −.05, …),
    // 1 of class 1 is truly 0 (5 → .3); class 2 has one example and is never pruned.
    assert.deepEqual(flagged(undefined), [2, 3, 5]);
    assert.deepEqual(flagged('prune_by_noise_rate'), [2, 3, 5]);
  });

  it('prune_by_class: the n_k − prune[k][k] smallest p_k of each class; both: flagged by both', () => {
    // Class 0: 6 − 4 = 2 smallest p0 → 9 (.15), 2 (.2); class 1: 3 − 2 = 1 → 5 (.3).
    assert.deepEqual(flagged('prune_by_class'), [2, 5, 9]);
    assert.deepEqual(flagged('both'), [2, 5]);
  });

  it('confident_learning: off-diagonal of the joint; predicted_neq_given: argmax ≠ given', () => {
    assert.deepEqual(flagged('confident_learning'), [2, 5]);
    assert.deepEqual(flagged('predicted_neq_given'), [2, 3, 5, 9]);
  });

  it('never flags an example whose given label is the argmax (ties go to the given label)', () => {
    const tie = {
      labels: Int32Array.of(0, 0, 1, 1, 1),
      probabilities: Float64Array.of(0.9, 0.1, 0.5, 0.5, 0.1, 0.9, 0.2, 0.8, 0.5, 0.5),
      classes: 2,
    };
    assert.deepEqual(findLabelIssues(tie, 'predicted_neq_given').issues, [false, false, false, false, false]);
  });

  it('keeps at least one example per class: raises the diagonal, takes it evenly from the column, truncates', () => {
    // Column 0 has diagonal 0 and three non-zero noise entries; Cleanlab divides the 1 added by count_nonzero − 1 = 2,
    // so each gives up ½ (floored at 0), then astype(int) truncates: 3 → 2, 2 → 1, 1 → 0.
    const prune = [
      [0, 1, 0, 0],
      [3, 2, 0, 0],
      [2, 0, 1, 0],
      [1, 0, 0, 1],
    ];
    assert.deepEqual(keepAtLeastOnePerClass(prune), [
      [1, 1, 0, 0],
      [2, 2, 0, 0],
      [1, 0, 1, 0],
      [0, 0, 0, 1],
    ]);
  });

  it('scores: self_confidence, normalized_margin, confidence_weighted_entropy (cleanlab/rank.py)', () => {
    assert.equal(labelQualityScore(data, 2, 'self_confidence'), 0.2);
    assert.ok(Math.abs(labelQualityScore(data, 2, 'normalized_margin') - (0.2 - 0.7 + 1) / 2) < 1e-12);
    const entropy = -(0.2 * Math.log(0.2) + 0.7 * Math.log(0.7) + 0.1 * Math.log(0.1)) / Math.log(3);
    const s = entropy / 0.2;
    assert.ok(Math.abs(labelQualityScore(data, 2, 'confidence_weighted_entropy') - Math.log(s + 1) / s) < 1e-12);
  });

  it('reports issues in row order, or ranked ascending by score, with given and suggested classes', () => {
    const classes = ['ham', 'spam', 'eggs'];
    const lines = LABELS.map((_, row) => row + 2);
    const plain = labelIssuesFrom(data, classes, lines, {});
    assert.deepEqual(
      plain.issues.map((issue) => [issue.row, issue.line, issue.given, issue.suggested]),
      [
        [2, 4, 'ham', 'spam'],
        [3, 5, 'ham', 'spam'],
        [5, 7, 'spam', 'ham'],
      ],
    );
    assert.deepEqual(
      plain.issues.map((issue) => issue.score),
      [0.2, 0.3, 0.3],
      'self-confidence',
    );
    // Normalized margin: 2 → .25, 5 → .35, 3 → .425.
    assert.deepEqual(
      labelIssuesFrom(data, classes, lines, { rank: 'normalized_margin' }).issues.map((issue) => issue.row),
      [2, 5, 3],
    );
    assert.deepEqual(
      labelIssuesFrom(data, classes, lines, { rank: 'self_confidence' }).issues.map((issue) => issue.row),
      [2, 3, 5],
      'ties stay in row order',
    );
    assert.deepEqual(plain.confidentJoint, [
      [4, 2, 0],
      [1, 2, 0],
      [0, 0, 1],
    ]);
  });
});
