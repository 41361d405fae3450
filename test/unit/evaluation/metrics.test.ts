import { strict as assert } from 'node:assert';
import { evaluateClassifier } from '../../../src/engine/evaluation/evaluate';
import { assertClose } from '../fairness/helpers';

/** Binary probability rows from the class-1 probability. */
const binaryRows = (scores: number[]) => scores.map((s) => [1 - s, s]);

// Expected values below are scikit-learn's (roc_auc_score, log_loss, precision_recall_fscore_support,
// confusion_matrix, accuracy_score, calibration_curve) on the same inputs.
describe('evaluateClassifier: scikit-learn metrics', () => {
  it('ROC AUC of the scikit-learn docs example is 0.75', () => {
    const report = evaluateClassifier({
      yTrue: [0, 0, 1, 1],
      probabilities: binaryRows([0.1, 0.4, 0.35, 0.8]),
      classes: ['no', 'yes'],
    });
    assertClose(report.rocAuc, 0.75, 'roc_auc_score');
  });

  it('log loss of [[.9,.1],[.2,.8]] is 0.164252', () => {
    const report = evaluateClassifier({
      yTrue: [0, 1],
      probabilities: [
        [0.9, 0.1],
        [0.2, 0.8],
      ],
      classes: ['a', 'b'],
    });
    assertClose(report.logLoss, 0.164252, 'log_loss');
  });

  it('counts tied scores as ½ (Mann–Whitney) and weights pairs', () => {
    const yTrue = [0, 1, 0, 1, 1, 0, 1, 0];
    const probabilities = binaryRows([0.3, 0.3, 0.6, 0.6, 0.9, 0.1, 0.6, 0.2]);
    const sampleWeight = [1, 2, 1, 1, 3, 2, 1, 0.5];
    assertClose(evaluateClassifier({ yTrue, probabilities, classes: ['0', '1'] }).rocAuc, 0.84375, 'ties');
    const weighted = evaluateClassifier({ yTrue, probabilities, classes: ['0', '1'], sampleWeight });
    assertClose(weighted.rocAuc, 0.873015873015873, 'weighted ties');
    assertClose(weighted.logLoss, 0.46442929442982406, 'weighted log_loss');
    assert.deepEqual(
      weighted.perClass.map((c) => c.rocAuc),
      [weighted.rocAuc, weighted.rocAuc],
      'binary AUC is the same for either class',
    );
  });

  describe('three classes', () => {
    const yTrue = [0, 1, 2, 2, 1, 0, 2, 1];
    const probabilities = [
      [0.7, 0.2, 0.1],
      [0.1, 0.6, 0.3],
      [0.2, 0.2, 0.6],
      [0.3, 0.4, 0.3],
      [0.5, 0.3, 0.2],
      [0.4, 0.4, 0.2],
      [0.1, 0.1, 0.8],
      [0.3, 0.3, 0.4],
    ];
    const classes = ['cat', 'dog', 'bird'];
    const sampleWeight = [1, 2, 1, 0.5, 1, 3, 1, 2];

    it('macro one-vs-rest ROC AUC, unweighted and weighted', () => {
      assertClose(evaluateClassifier({ yTrue, probabilities, classes }).rocAuc, 0.85, 'ovr macro');
      assertClose(
        evaluateClassifier({ yTrue, probabilities, classes, sampleWeight }).rocAuc,
        0.8367521367521368,
        'weighted ovr macro',
      );
    });

    it('per-class and macro precision, recall, F1 of the argmax (first maximum on ties)', () => {
      const report = evaluateClassifier({ yTrue, probabilities, classes });
      assert.deepEqual(report.confusionMatrix, [
        [2, 0, 0],
        [1, 1, 1],
        [0, 1, 2],
      ]);
      const expected = [
        { precision: 2 / 3, recall: 1, f1: 0.8, support: 2 },
        { precision: 0.5, recall: 1 / 3, f1: 0.4, support: 3 },
        { precision: 2 / 3, recall: 2 / 3, f1: 2 / 3, support: 3 },
      ];
      report.perClass.forEach((scores, c) => {
        for (const [key, value] of Object.entries(expected[c] ?? {}))
          assertClose(scores[key as 'f1'], value, `${scores.class} ${key}`);
      });
      assertClose(report.macroPrecision, 0.611111111111111, 'macro precision');
      assertClose(report.macroRecall, 0.6666666666666666, 'macro recall');
      assertClose(report.macroF1, 0.6222222222222222, 'macro F1');
      assertClose(report.logLoss, 0.7662098609546109, 'log_loss');
    });

    it('weights the confusion matrix, accuracy, macro scores and log loss', () => {
      const report = evaluateClassifier({ yTrue, probabilities, classes, sampleWeight });
      assert.deepEqual(report.confusionMatrix, [
        [4, 0, 0],
        [1, 2, 2],
        [0, 0.5, 2],
      ]);
      assertClose(report.accuracy, 0.6956521739130435, 'accuracy');
      assertClose(report.macroPrecision, 0.7, 'macro precision');
      assertClose(report.macroRecall, 0.7333333333333334, 'macro recall');
      assertClose(report.macroF1, 0.6792022792022792, 'macro F1');
      assertClose(report.logLoss, 0.7891367284621005, 'log_loss');
    });

    it('leaves macro AUC undefined (null) when a class never occurs, as scikit-learn refuses it', () => {
      const report = evaluateClassifier({ yTrue: [0, 1, 1, 0], probabilities: probabilities.slice(0, 4), classes });
      assert.equal(report.rocAuc, null);
      assert.equal(report.perClass[2]?.rocAuc, null);
      assert.equal(typeof report.perClass[0]?.rocAuc, 'number');
    });
  });

  it('clips probabilities at the float64 epsilon as scikit-learn ≥ 1.5', () => {
    const report = evaluateClassifier({
      yTrue: [1, 0],
      probabilities: [
        [1, 0],
        [1, 0],
      ],
      classes: ['a', 'b'],
    });
    assertClose(report.logLoss, -Math.log(Number.EPSILON) / 2, 'half of −ln ε');
  });

  it('bins the reliability diagram as calibration_curve(n_bins=10) and computes ECE', () => {
    const scores = [0.05, 0.1, 0.15, 0.35, 0.4, 0.55, 0.72, 0.8, 0.95, 1.0];
    const report = evaluateClassifier({
      yTrue: [0, 0, 1, 1, 1, 0, 1, 1, 0, 1],
      probabilities: binaryRows(scores),
      classes: ['n', 'y'],
    });
    const filled = report.calibration.bins.filter((bin) => bin.count > 0);
    assert.equal(report.calibration.kind, 'positive-class');
    assert.equal(report.calibration.positiveClass, 'y');
    assert.deepEqual(
      filled.map((bin) => bin.observedFrequency),
      [0, 1, 1, 0, 1, 0.5],
    );
    [0.075, 0.15, 0.375, 0.55, 0.76, 0.975].forEach((mean, b) =>
      assertClose(filled[b]?.meanPredicted, mean, `bin ${b}`),
    );
    // ECE = (2·0.075 + 1·0.85 + 2·0.625 + 1·0.55 + 2·0.24 + 2·0.475) / 10
    assertClose(report.calibration.expectedCalibrationError, 0.423, 'ECE');
    assert.equal(report.calibration.bins.length, 10);
    assert.deepEqual(report.calibration.bins[9]?.upper, 1);
  });

  it('puts a probability on a bin edge in the lower bin, as numpy searchsorted', () => {
    const report = evaluateClassifier({
      yTrue: [1, 0, 1, 0, 1],
      probabilities: binaryRows([0.2, 0.3, 0.6, 0.7, 0.3]),
      classes: ['n', 'y'],
    });
    const counts = report.calibration.bins.map((bin) => bin.count);
    assert.deepEqual(counts, [0, 1, 2, 0, 0, 1, 1, 0, 0, 0]);
  });

  it('bins the top-label confidence with more than two classes', () => {
    const report = evaluateClassifier({
      yTrue: [0, 1, 2],
      probabilities: [
        [0.8, 0.1, 0.1],
        [0.5, 0.3, 0.2],
        [0.2, 0.2, 0.6],
      ],
      classes: ['a', 'b', 'c'],
    });
    assert.equal(report.calibration.kind, 'top-label');
    // confidences 0.8 (right), 0.5 (wrong), 0.6 (right): |1 − 0.8| + |0 − 0.5| + |1 − 0.6| over 3
    assertClose(report.calibration.expectedCalibrationError, (0.2 + 0.5 + 0.4) / 3, 'top-label ECE');
  });

  it('rejects malformed input with the offending row', () => {
    const ok = {
      yTrue: [0, 1],
      probabilities: [
        [0.5, 0.5],
        [0.5, 0.5],
      ],
      classes: ['a', 'b'],
    };
    assert.throws(() => evaluateClassifier({ ...ok, yTrue: [], probabilities: [] }), /empty/);
    assert.throws(
      () =>
        evaluateClassifier({
          ...ok,
          probabilities: [
            [0.5, 0.5],
            [0.7, 0.5],
          ],
        }),
      /row 1 sums to 1\.2/,
    );
    assert.throws(
      () => evaluateClassifier({ ...ok, probabilities: [[0.5, 0.5], [1]] }),
      /row 1 has 1 values, expected 2/,
    );
    assert.throws(() => evaluateClassifier({ ...ok, yTrue: [0, 2] }), /yTrue\[1\] = 2 is not a class index/);
    assert.throws(() => evaluateClassifier({ ...ok, classes: ['a', 'a'] }), /distinct/);
    assert.throws(() => evaluateClassifier({ ...ok, sampleWeight: [1] }), /sampleWeight has 1 values/);
    assert.throws(() => evaluateClassifier({ ...ok, sampleWeight: [0, 0] }), /sum to 0/);
    assert.throws(() => evaluateClassifier({ ...ok, positiveClass: 2 }), /positiveClass 2/);
  });
});
