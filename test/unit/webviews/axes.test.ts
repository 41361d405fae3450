import assert from 'node:assert/strict';
import type { EpochMetrics } from '../../../src/shared/runs';
import { accuracyAxis, epochAxis, lossAxis, niceCeiling, sharedCurveAxes } from '../../../webviews/training/model/axes';

function epoch(n: number, trainLoss: number, validationLoss: number, accuracy: number, epochs = 10): EpochMetrics {
  return {
    epoch: n,
    epochs,
    trainLoss,
    validationLoss,
    trainAccuracy: accuracy,
    validationAccuracy: accuracy - 0.02,
    seconds: 1,
    examplesPerSecond: 1,
  };
}

describe('training curves: axis ranges', () => {
  it('rounds up to 1, 2, 2.5 or 5 times a power of ten', () => {
    const cases: Array<[number, number]> = [
      [0.69, 1],
      [0.72, 1],
      [1.2, 2],
      [2.1, 2.5],
      [2.5, 2.5],
      [3, 5],
      [7, 10],
      [0.042, 0.05],
      [0.0009, 0.001],
      [120, 200],
      [0, 1],
      [-3, 1],
      [NaN, 1],
    ];
    for (const [value, expected] of cases) assert.equal(niceCeiling(value), expected, `niceCeiling(${value})`);
  });

  it('starts losses at 0 and ends a little above the largest one', () => {
    assert.deepEqual(lossAxis([[epoch(1, 0.69, 0.71, 0.6), epoch(2, 0.5, 0.52, 0.7)]]), { min: 0, max: 1 });
    assert.deepEqual(lossAxis([[epoch(1, 2.3, 2.41, 0.1)]]), { min: 0, max: 5 });
    assert.deepEqual(lossAxis([]), { min: 0, max: 1 });
  });

  it('ends accuracies at 1 and starts them at the tenth below the lowest', () => {
    assert.deepEqual(accuracyAxis([[epoch(1, 1, 1, 0.63), epoch(2, 1, 1, 0.81)]]), { min: 0.6, max: 1 });
    assert.deepEqual(accuracyAxis([[epoch(1, 1, 1, 0.999)]]), { min: 0.9, max: 1 });
    assert.deepEqual(accuracyAxis([]), { min: 0, max: 1 });
  });

  it('spans the planned epochs so a live curve grows into a fixed frame', () => {
    assert.deepEqual(epochAxis([[epoch(1, 1, 1, 0.5, 20)]]), { min: 1, max: 20 });
    assert.deepEqual(epochAxis([], [12]), { min: 1, max: 12 });
    assert.deepEqual(epochAxis([]), { min: 1, max: 1 });
  });

  it('shares one scale between two runs compared side by side', () => {
    const a = { metrics: [epoch(1, 0.6, 0.65, 0.7, 8)], plannedEpochs: 8 };
    const b = { metrics: [epoch(1, 1.4, 1.5, 0.45, 10)], plannedEpochs: 10 };
    assert.deepEqual(sharedCurveAxes([a, b]), {
      epochs: { min: 1, max: 10 },
      loss: { min: 0, max: 2 },
      accuracy: { min: 0.4, max: 1 },
    });
  });
});
