import { strict as assert } from 'node:assert';
import { uniformInt } from 'pure-rand/distribution/uniformInt';
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';
import { evaluateClassifier } from '../../../src/engine/evaluation/evaluate';
import { percentileInterval } from '../../../src/engine/fairness/bootstrap';
import { fairnessReport } from '../../../src/engine/fairness/report';
import { assertClose, FAIRLEARN_DOCS } from '../fairness/helpers';

// The Fairlearn docs example as a model's output: probability 0.8 for the predicted class.
const probabilities = FAIRLEARN_DOCS.yPred.map((p) => (p === 1 ? [0.2, 0.8] : [0.8, 0.2]));
const sex = FAIRLEARN_DOCS.group.map((_, i) => (i % 2 === 0 ? 'F' : 'M'));
const input = {
  yTrue: FAIRLEARN_DOCS.yTrue,
  probabilities,
  classes: ['0', '1'],
  sensitive: { group: FAIRLEARN_DOCS.group, sex },
};

describe('evaluateClassifier: fairness', () => {
  it('reports the Fairlearn docs disparities on argmax predictions', () => {
    const { fairness } = evaluateClassifier(input);
    const report = fairness?.byColumn.group?.report;
    assert.equal(fairness?.positiveClass, '1');
    assertClose(report?.demographicParityDifference, 0.25, 'DPD');
    assertClose(report?.equalizedOddsDifference, 1, 'EOD');
    assertClose(report?.byGroup.b?.truePositiveRate, 0.6, 'TPR b');
  });

  it('adds the intersection of the sensitive columns, named "a,F"', () => {
    const { fairness } = evaluateClassifier(input);
    const expected = fairnessReport({
      yTrue: FAIRLEARN_DOCS.yTrue.map(String),
      yPred: FAIRLEARN_DOCS.yPred.map(String),
      sensitive: input.sensitive,
      posLabel: '1',
    });
    assert.deepEqual(fairness?.intersection?.report, expected);
    assert.ok(Object.keys(fairness?.intersection?.report.byGroup ?? {}).includes('a,F'));
  });

  it('gives each group a k × k confusion matrix that sums to the overall one', () => {
    const report = evaluateClassifier(input);
    const matrices = Object.values(report.fairness?.byColumn.group?.confusionMatrices ?? {});
    const summed = [
      [0, 0],
      [0, 0],
    ];
    for (const matrix of matrices)
      matrix.forEach((row, t) =>
        row.forEach((value, p) => ((summed[t] as number[])[p] = (summed[t]?.[p] ?? 0) + value)),
      );
    assert.deepEqual(summed, report.confusionMatrix);
    assert.deepEqual(report.fairness?.byColumn.group?.confusionMatrices.a, [
      [0, 2],
      [1, 1],
    ]);
  });

  it("applies privileged assignments to their own column's report and to the intersection", () => {
    const { fairness } = evaluateClassifier({ ...input, privileged: [{ column: 'group', value: 'b' }] });
    assertClose(fairness?.byColumn.group?.report.statisticalParityDifference, 7 / 12 - 1 / 2, 'SPD group');
    assert.equal(fairness?.byColumn.sex?.report.statisticalParityDifference, undefined);
    assert.equal(typeof fairness?.intersection?.report.statisticalParityDifference, 'number');
    assert.throws(
      () => evaluateClassifier({ ...input, privileged: [{ column: 'age', value: 'old' }] }),
      /'age' is not a sensitive column/,
    );
  });

  it('uses the favourable class one-vs-rest with more than two classes, and requires it', () => {
    const three = {
      yTrue: [0, 1, 2, 2, 1, 0],
      probabilities: [
        [0.7, 0.2, 0.1],
        [0.1, 0.6, 0.3],
        [0.2, 0.2, 0.6],
        [0.3, 0.4, 0.3],
        [0.5, 0.3, 0.2],
        [0.1, 0.1, 0.8],
      ],
      classes: ['low', 'mid', 'high'],
      sensitive: { g: ['x', 'x', 'x', 'y', 'y', 'y'] },
    };
    assert.throws(() => evaluateClassifier(three), /positiveClass is required for fairness metrics with 3 classes/);
    const { fairness } = evaluateClassifier({ ...three, positiveClass: 2 });
    assert.equal(fairness?.positiveClass, 'high');
    // x: predictions low, mid, high → 1 of 3 selected; y: mid, low, high → 1 of 3; TPR x 1/1, y 0/1.
    assertClose(fairness?.byColumn.g?.report.demographicParityDifference, 0, 'DPD');
    assertClose(fairness?.byColumn.g?.report.equalOpportunityDifference, 1, 'EOpD');
    assert.equal(fairness?.byColumn.g?.confusionMatrices.x?.length, 3);
  });
});

describe('evaluateClassifier: bootstrap', () => {
  const withBootstrap = (seed: number) => evaluateClassifier({ ...input, bootstrap: { resamples: 200, seed } });

  it('is deterministic for a seed', () => {
    assert.deepEqual(withBootstrap(3), withBootstrap(3));
    assert.notDeepEqual(withBootstrap(3).intervals, withBootstrap(4).intervals);
  });

  it('shares resamples with the fairness report: the same seed gives the same fairness intervals', () => {
    const standalone = fairnessReport({
      yTrue: FAIRLEARN_DOCS.yTrue.map(String),
      yPred: FAIRLEARN_DOCS.yPred.map(String),
      sensitive: { group: FAIRLEARN_DOCS.group },
      posLabel: '1',
      bootstrap: { resamples: 200, seed: 3 },
    });
    assert.deepEqual(withBootstrap(3).fairness?.byColumn.group?.report.intervals, standalone.intervals);
  });

  it('computes the accuracy interval from exactly the drawn examples', () => {
    const n = input.yTrue.length;
    const correct = input.yTrue.map((t, i) => (t === FAIRLEARN_DOCS.yPred[i] ? 1 : 0));
    const rng = xoroshiro128plus(3);
    const accuracies: number[] = [];
    for (let r = 0; r < 200; r++) {
      let hits = 0;
      for (let draw = 0; draw < n; draw++) hits += correct[uniformInt(rng, 0, n - 1)] ?? 0;
      accuracies.push(hits / n);
    }
    assert.deepEqual(withBootstrap(3).intervals?.accuracy, percentileInterval(accuracies, 0.95));
  });

  it('gives every headline metric an interval around its value', () => {
    const report = withBootstrap(9);
    for (const name of ['accuracy', 'macroF1', 'rocAuc', 'logLoss', 'expectedCalibrationError'] as const) {
      const interval = report.intervals?.[name];
      assert.ok(interval && interval.lower <= interval.upper, name);
    }
    assert.equal(report.intervals?.method, 'percentile');
  });
});
