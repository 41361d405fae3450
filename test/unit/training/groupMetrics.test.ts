import { strict as assert } from 'node:assert';
import { fairnessReport } from '../../../src/engine/fairness/report';
import { groupEpochMetrics } from '../../../src/engine/training/groupMetrics';

describe('per-epoch group figures', () => {
  it('agree with the fairness report on the same predictions (Fairlearn docs example)', () => {
    // Fairlearn docs example (perform_fairness_assessment.rst, via reference-values.md): selection rates
    // a 0.75, b 0.5, c 0.5; TPR a 0.5, b 0.6, c 0.4.
    const yTrue = [0, 1, 1, 1, 1, 0, 1, 0, 1, 0, 0, 0, 1, 1, 1, 1, 1, 1];
    const yPred = [0, 0, 1, 0, 1, 1, 1, 0, 0, 1, 1, 1, 1, 0, 0, 1, 1, 0];
    const group = ['b', 'b', 'a', 'b', 'b', 'c', 'c', 'c', 'a', 'a', 'c', 'a', 'b', 'c', 'c', 'b', 'c', 'c'];
    const probabilities = Float32Array.from(yPred.flatMap((p) => (p === 1 ? [0.2, 0.8] : [0.8, 0.2])));
    const epoch = groupEpochMetrics(probabilities, Int32Array.from(yTrue), 2, 1, { group });
    const report = fairnessReport({
      yTrue: yTrue.map(String),
      yPred: yPred.map(String),
      sensitive: { group },
      posLabel: '1',
    });
    assert.deepEqual(
      epoch.group!.map((row) => row.group),
      ['a', 'b', 'c'],
    );
    for (const row of epoch.group!) {
      const rates = report.byGroup[row.group]!;
      assert.equal(row.count, rates.count);
      assert.ok(Math.abs(row.selectionRate - rates.selectionRate) < 1e-12, row.group);
      assert.ok(Math.abs((row.truePositiveRate ?? NaN) - rates.truePositiveRate) < 1e-12, row.group);
    }
  });

  it('leaves the TPR of a group without positives undefined (null), not 0', () => {
    const epoch = groupEpochMetrics(Float32Array.from([0.9, 0.1, 0.1, 0.9]), Int32Array.from([0, 1]), 2, 1, {
      g: ['x', 'y'],
    });
    assert.deepEqual(epoch.g, [
      { group: 'x', count: 1, selectionRate: 0, truePositiveRate: null },
      { group: 'y', count: 1, selectionRate: 1, truePositiveRate: 1 },
    ]);
  });
});
