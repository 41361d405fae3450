import type { EpochMetrics } from '../../../src/shared/runs';

/**
 * Axis ranges of the charts. Computed over every run shown, so two runs side by side share their scales
 * and can be compared by eye; fixed ends (0 for losses, 1 for accuracies) so live curves do not jump.
 */

export interface AxisRange {
  min: number;
  max: number;
}

const NICE_STEPS = [1, 2, 2.5, 5, 10];

/** The smallest 1, 2, 2.5 or 5 × 10^k at or above `value` (1 for nothing positive). */
export function niceCeiling(value: number): number {
  if (!Number.isFinite(value) || value <= 0) return 1;
  const magnitude = 10 ** Math.floor(Math.log10(value));
  const step = NICE_STEPS.find((candidate) => candidate * magnitude >= value * (1 - 1e-12)) ?? 10;
  return step * magnitude;
}

function finiteValues(
  histories: ReadonlyArray<readonly EpochMetrics[]>,
  pick: (epoch: EpochMetrics) => number[],
): number[] {
  return histories.flatMap((history) => history.flatMap(pick)).filter(Number.isFinite);
}

/** From 0 to a round number a little above the largest training or validation loss. */
export function lossAxis(histories: ReadonlyArray<readonly EpochMetrics[]>): AxisRange {
  const losses = finiteValues(histories, (epoch) => [epoch.trainLoss, epoch.validationLoss]);
  return { min: 0, max: niceCeiling(Math.max(0, ...losses) * 1.05) };
}

/** Up to 1, from the tenth below the lowest accuracy (at most 0.9, so the range never collapses). */
export function accuracyAxis(histories: ReadonlyArray<readonly EpochMetrics[]>): AxisRange {
  const accuracies = finiteValues(histories, (epoch) => [epoch.trainAccuracy, epoch.validationAccuracy]);
  if (accuracies.length === 0) return { min: 0, max: 1 };
  const lowest = Math.floor(Math.min(...accuracies) * 10 + 1e-9) / 10;
  return { min: Math.min(0.9, Math.max(0, lowest)), max: 1 };
}

/** Epoch 1 to the planned number of epochs, so a live run's curve grows into a fixed frame. */
export function epochAxis(
  histories: ReadonlyArray<readonly EpochMetrics[]>,
  plannedEpochs: readonly number[] = [],
): AxisRange {
  const seen = histories.flatMap((history) => history.flatMap((epoch) => [epoch.epoch, epoch.epochs]));
  const max = Math.max(1, ...seen.filter(Number.isFinite), ...plannedEpochs.filter(Number.isFinite));
  return { min: 1, max };
}

/** Rates and ratios of the fairness charts; bootstrap intervals stay inside [0, 1] too. */
export const RATE_AXIS: AxisRange = { min: 0, max: 1 };

export interface CurveAxes {
  epochs: AxisRange;
  loss: AxisRange;
  accuracy: AxisRange;
}

/** The axes shared by every run on screen. */
export function sharedCurveAxes(
  runs: ReadonlyArray<{ metrics: readonly EpochMetrics[]; plannedEpochs?: number }>,
): CurveAxes {
  const histories = runs.map((run) => run.metrics);
  const planned = runs.flatMap((run) => (run.plannedEpochs === undefined ? [] : [run.plannedEpochs]));
  return { epochs: epochAxis(histories, planned), loss: lossAxis(histories), accuracy: accuracyAxis(histories) };
}
