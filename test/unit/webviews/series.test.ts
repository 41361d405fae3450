import assert from 'node:assert/strict';
import type { EpochMetrics } from '../../../src/shared/runs';
import {
  bestValidationEpoch,
  columnsWithGroupCurves,
  curveSeries,
  groupRateSeries,
  mergeEpoch,
} from '../../../webviews/training/model/series';

function epoch(n: number, overrides: Partial<EpochMetrics> = {}): EpochMetrics {
  return {
    epoch: n,
    epochs: 5,
    trainLoss: 1 / n,
    trainAccuracy: 0.5 + n / 20,
    validationLoss: 1.1 / n,
    validationAccuracy: 0.5 + n / 25,
    seconds: 1,
    examplesPerSecond: 100,
    ...overrides,
  };
}

describe('training curves: series', () => {
  it('merges a live epoch into the history in epoch order', () => {
    const merged = mergeEpoch([epoch(1), epoch(3)], epoch(2));
    assert.deepEqual(
      merged.map((e) => e.epoch),
      [1, 2, 3],
    );
  });

  it('replaces an epoch the snapshot already had instead of drawing it twice', () => {
    const merged = mergeEpoch([epoch(1), epoch(2)], epoch(2, { trainLoss: 0.123 }));
    assert.equal(merged.length, 2);
    assert.equal(merged[1]?.trainLoss, 0.123);
  });

  it('extracts one value per epoch for each curve, sorted by epoch', () => {
    const series = curveSeries([epoch(2), epoch(1), epoch(3)]);
    assert.deepEqual(series.epochs, [1, 2, 3]);
    assert.deepEqual(series.trainLoss, [1, 0.5, 1 / 3]);
    assert.deepEqual(series.validationAccuracy, [0.54, 0.58, 0.62]);
    assert.equal(series.validationLoss.length, 3);
    assert.equal(series.trainAccuracy.length, 3);
  });

  it('aligns each group on the epochs, with null where a group is missing or its rate undefined', () => {
    const history = [
      epoch(1, { groups: { sex: [{ group: 'F', count: 10, selectionRate: 0.2, truePositiveRate: null }] } }),
      epoch(2, {
        groups: {
          sex: [
            { group: 'F', count: 10, selectionRate: 0.3, truePositiveRate: 0.5 },
            { group: 'M', count: 12, selectionRate: 0.6, truePositiveRate: 0.7 },
          ],
        },
      }),
    ];
    const selection = groupRateSeries(history, 'sex', 'selectionRate');
    assert.deepEqual(selection.epochs, [1, 2]);
    assert.deepEqual(selection.groups, [
      { group: 'F', values: [0.2, 0.3] },
      { group: 'M', values: [null, 0.6] },
    ]);
    assert.deepEqual(groupRateSeries(history, 'sex', 'truePositiveRate').groups[0]?.values, [null, 0.5]);
    assert.deepEqual(groupRateSeries(history, 'race', 'selectionRate').groups, []);
  });

  it('lists the sensitive columns that have per-epoch figures', () => {
    const history = [epoch(1), epoch(2, { groups: { sex: [], age: [] } }), epoch(3, { groups: { race: [] } })];
    assert.deepEqual(columnsWithGroupCurves(history), ['sex', 'age', 'race']);
  });

  it('finds the epoch with the lowest validation loss', () => {
    assert.equal(bestValidationEpoch([epoch(1), epoch(3, { validationLoss: 0.1 }), epoch(2)])?.epoch, 3);
    assert.equal(bestValidationEpoch([]), undefined);
  });
});
