import type { EpochMetrics, GroupEpochMetrics } from '../../../src/shared/runs';

/**
 * The training curves, extracted from the epochs of `metrics.jsonl` and the live `epoch` messages.
 * Values are aligned on `epochs` (1-based epoch numbers, ascending).
 */

/**
 * Adds one epoch to the history: a live message can repeat an epoch the snapshot already read from disk,
 * so an epoch replaces the one with the same number instead of being appended twice.
 */
export function mergeEpoch(history: readonly EpochMetrics[], metrics: EpochMetrics): EpochMetrics[] {
  const merged = history.filter((epoch) => epoch.epoch !== metrics.epoch);
  merged.push(metrics);
  return merged.sort((a, b) => a.epoch - b.epoch);
}

export interface CurveSeries {
  epochs: number[];
  trainLoss: number[];
  validationLoss: number[];
  trainAccuracy: number[];
  validationAccuracy: number[];
}

export function curveSeries(history: readonly EpochMetrics[]): CurveSeries {
  const sorted = [...history].sort((a, b) => a.epoch - b.epoch);
  return {
    epochs: sorted.map((epoch) => epoch.epoch),
    trainLoss: sorted.map((epoch) => epoch.trainLoss),
    validationLoss: sorted.map((epoch) => epoch.validationLoss),
    trainAccuracy: sorted.map((epoch) => epoch.trainAccuracy),
    validationAccuracy: sorted.map((epoch) => epoch.validationAccuracy),
  };
}

export interface GroupCurve {
  group: string;
  /** One value per epoch of `epochs`; null where the group was absent or its rate undefined. */
  values: Array<number | null>;
}

export interface GroupRateSeries {
  column: string;
  epochs: number[];
  groups: GroupCurve[];
}

/** The sensitive columns that have per-epoch validation figures, in the order they first appear. */
export function columnsWithGroupCurves(history: readonly EpochMetrics[]): string[] {
  const columns: string[] = [];
  for (const epoch of history) {
    for (const column of Object.keys(epoch.groups ?? {})) if (!columns.includes(column)) columns.push(column);
  }
  return columns;
}

type GroupRate = 'selectionRate' | 'truePositiveRate';

/** A validation rate of each group of `column`, epoch by epoch (groups in first-seen order). */
export function groupRateSeries(history: readonly EpochMetrics[], column: string, rate: GroupRate): GroupRateSeries {
  const sorted = [...history].sort((a, b) => a.epoch - b.epoch);
  const names: string[] = [];
  for (const epoch of sorted) {
    for (const group of epoch.groups?.[column] ?? []) if (!names.includes(group.group)) names.push(group.group);
  }
  const valueAt = (epoch: EpochMetrics, name: string): number | null => {
    const found: GroupEpochMetrics | undefined = epoch.groups?.[column]?.find((group) => group.group === name);
    return found?.[rate] ?? null;
  };
  return {
    column,
    epochs: sorted.map((epoch) => epoch.epoch),
    groups: names.map((group) => ({ group, values: sorted.map((epoch) => valueAt(epoch, group)) })),
  };
}

/** The epoch with the lowest validation loss (the one early stopping would keep), if any. */
export function bestValidationEpoch(history: readonly EpochMetrics[]): EpochMetrics | undefined {
  let best: EpochMetrics | undefined;
  for (const epoch of history) {
    if (Number.isFinite(epoch.validationLoss) && (best === undefined || epoch.validationLoss < best.validationLoss))
      best = epoch;
  }
  return best;
}
