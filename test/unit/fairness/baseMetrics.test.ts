import { strict as assert } from 'node:assert';
import {
  accuracy,
  binaryConfusion,
  count,
  f1Score,
  falseNegativeRate,
  falsePositiveRate,
  precision,
  resolvePositiveLabel,
  selectionRate,
  trueNegativeRate,
  truePositiveRate,
} from '../../../src/engine/fairness/baseMetrics';
import { assertClose } from './helpers';

describe('fairness base metrics', () => {
  // Fairlearn test/unit/metrics/test_selection_rate.py
  it('selection rate matches Fairlearn, unweighted and weighted', () => {
    const yPred = [0, 0, 0, 1, 1, 1, 1, 1];
    assertClose(selectionRate(yPred, yPred), 0.625, 'selection_rate');
    const weighted = [0, 1, 1, 0, 0, 0, 0, 0];
    assertClose(
      selectionRate(weighted, weighted, { sampleWeight: [1, 2, 3, 4, 1, 2, 1, 2] }),
      0.3125,
      'weighted selection_rate',
    );
  });

  it('selection rate counts the given favourable label', () => {
    assertClose(selectionRate(['a', 'b', 'b', 'b'], ['a', 'b', 'b', 'b'], { posLabel: 'b' }), 0.75, 'posLabel b');
  });

  // Fairlearn test/unit/metrics/test_base_metrics.py
  it('true positive rate matches Fairlearn with pos_label 1 and 0', () => {
    const yTrue = [0, 0, 0, 0, 1, 1, 1, 1];
    const yPred = [0, 0, 0, 1, 1, 0, 0, 0];
    assertClose(truePositiveRate(yTrue, yPred), 0.25, 'tpr');
    assertClose(truePositiveRate(yTrue, yPred, { posLabel: 0 }), 0.75, 'tpr pos_label 0');
  });

  it('true negative rate matches Fairlearn', () => {
    assertClose(trueNegativeRate([0, 0, 0, 0, 1], [0, 0, 1, 0, 0]), 0.75, 'tnr');
  });

  it('false rates are the complements of the true rates', () => {
    const yTrue = [0, 0, 0, 0, 1, 1, 1, 1];
    const yPred = [0, 0, 0, 1, 1, 0, 0, 0];
    assertClose(falseNegativeRate(yTrue, yPred), 0.75, 'fnr');
    assertClose(falsePositiveRate(yTrue, yPred), 0.25, 'fpr');
  });

  it('weights every cell of the confusion matrix', () => {
    const c = binaryConfusion([1, 1, 0, 0], [1, 0, 1, 0], { sampleWeight: [2, 3, 5, 7] });
    assert.deepEqual(c, { truePositives: 2, falseNegatives: 3, falsePositives: 5, trueNegatives: 7 });
    assertClose(truePositiveRate([1, 1, 0, 0], [1, 0, 1, 0], { sampleWeight: [2, 3, 5, 7] }), 0.4, 'weighted tpr');
    assertClose(falsePositiveRate([1, 1, 0, 0], [1, 0, 1, 0], { sampleWeight: [2, 3, 5, 7] }), 5 / 12, 'weighted fpr');
  });

  it('gives FPR 0 to a group with no negatives and TPR 0 to one with no positives (Fairlearn convention)', () => {
    assert.equal(falsePositiveRate([1, 1, 1], [1, 0, 1]), 0);
    assert.equal(truePositiveRate([0, 0], [1, 0]), 0);
  });

  it('computes accuracy, precision and F1 as scikit-learn does', () => {
    const yTrue = [0, 1, 1, 0, 1, 1];
    const yPred = [0, 1, 0, 1, 1, 1];
    assertClose(accuracy(yTrue, yPred), 4 / 6, 'accuracy');
    assertClose(precision(yTrue, yPred), 3 / 4, 'precision');
    assertClose(f1Score(yTrue, yPred), 6 / 8, 'f1 = 2·3 / (2·3 + 1 + 1)');
    assert.equal(precision([1, 0], [0, 0]), 0, 'no predicted positives: zero_division 0');
  });

  it('throws on empty input instead of returning NaN', () => {
    assert.throws(() => selectionRate([], []), /empty/);
    assert.throws(() => truePositiveRate([], []), /empty/);
    assert.throws(() => accuracy([], []), /empty/);
    assert.equal(count([], []), 0);
  });

  it('rejects inconsistent lengths and bad weights', () => {
    assert.throws(() => truePositiveRate([0, 1], [0]), /2 values.*1/);
    assert.throws(() => selectionRate([1], [1], { sampleWeight: [-1] }), /sample_weight\[0\]/);
    assert.throws(() => selectionRate([1, 0], [1, 0], { sampleWeight: [0, 0] }), /sum to 0/);
  });

  it('resolves the favourable label as Fairlearn does', () => {
    assert.equal(resolvePositiveLabel([0, 1], [1, 1]), 1);
    assert.equal(resolvePositiveLabel([-1, 1], [-1, -1]), 1);
    assert.throws(() => resolvePositiveLabel(['no', 'yes'], ['yes', 'yes']), /posLabel is required/);
    assert.throws(() => resolvePositiveLabel([0, 1, 2], [0, 1, 2], 1), /no more than two/);
    assert.throws(() => resolvePositiveLabel(['a', 'b'], ['a', 'b'], 'c'), /not among the labels/);
    assert.equal(
      resolvePositiveLabel(['no', 'no'], ['no', 'no'], 'yes'),
      'yes',
      'one label: the favourable one may be absent',
    );
  });
});
