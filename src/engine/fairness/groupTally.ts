/**
 * Weighted binary confusion counts per group. Every rate of the fairness report is a ratio of these counts,
 * so a bootstrap resample only has to re-tally them with each example counted as often as it was drawn.
 */
import type { GroupRates, RateName } from '../../shared/reports';
import { rateOrZero } from './baseMetrics';

/** One example per index: whether its true and predicted labels are the favourable one, and its weight. */
export interface BinaryOutcomes {
  actualPositive: Uint8Array;
  predictedPositive: Uint8Array;
  /** Sample weight (1 when unweighted). */
  weight: Float64Array;
}

export interface GroupTally {
  /** `cells[4g + 2·actual + predicted]`: summed weights of group g's examples with those outcomes. */
  cells: Float64Array;
  /** Examples in each group, each counted as often as it was drawn. */
  counts: Float64Array;
}

export type { GroupRates } from '../../shared/reports';

export const RATE_NAMES = [
  'accuracy',
  'selectionRate',
  'truePositiveRate',
  'falsePositiveRate',
] as const satisfies readonly RateName[];

/** Weighted confusion cells of one group or of a union of groups. */
export interface Cells {
  trueNegatives: number;
  falsePositives: number;
  falseNegatives: number;
  truePositives: number;
}

/** @param multiplicity how often each example was drawn (a bootstrap resample); every example once when absent. */
export function tallyGroups(
  outcomes: BinaryOutcomes,
  groupOf: Uint32Array,
  groupCount: number,
  multiplicity?: Uint32Array,
): GroupTally {
  const cells = new Float64Array(4 * groupCount);
  const counts = new Float64Array(groupCount);
  const { actualPositive, predictedPositive, weight } = outcomes;
  for (let i = 0; i < groupOf.length; i++) {
    const times = multiplicity === undefined ? 1 : (multiplicity[i] ?? 0);
    if (times === 0) continue;
    const g = groupOf[i] ?? 0;
    const cell = 4 * g + 2 * (actualPositive[i] ?? 0) + (predictedPositive[i] ?? 0);
    cells[cell] = (cells[cell] ?? 0) + times * (weight[i] ?? 0);
    counts[g] = (counts[g] ?? 0) + times;
  }
  return { cells, counts };
}

/** The cells of group `g`. */
export function groupCells(tally: GroupTally, g: number): Cells {
  return {
    trueNegatives: tally.cells[4 * g] ?? 0,
    falsePositives: tally.cells[4 * g + 1] ?? 0,
    falseNegatives: tally.cells[4 * g + 2] ?? 0,
    truePositives: tally.cells[4 * g + 3] ?? 0,
  };
}

/** The summed cells of the groups `include` selects (all groups: the overall cells). */
export function sumCells(tally: GroupTally, include: (group: number) => boolean): Cells {
  const sum: Cells = { trueNegatives: 0, falsePositives: 0, falseNegatives: 0, truePositives: 0 };
  for (let g = 0; g < tally.counts.length; g++) {
    if (!include(g)) continue;
    sum.trueNegatives += tally.cells[4 * g] ?? 0;
    sum.falsePositives += tally.cells[4 * g + 1] ?? 0;
    sum.falseNegatives += tally.cells[4 * g + 2] ?? 0;
    sum.truePositives += tally.cells[4 * g + 3] ?? 0;
  }
  return sum;
}

/**
 * Rates with Fairlearn's conventions: TPR is 0 without positives, FPR 0 without negatives. Accuracy and
 * selection rate are NaN only when the weights sum to 0 — a group absent from a bootstrap resample.
 */
export function ratesFromCells(cells: Cells, count: number): GroupRates {
  const { trueNegatives: tn, falsePositives: fp, falseNegatives: fn, truePositives: tp } = cells;
  const total = tn + fp + fn + tp;
  return {
    count,
    accuracy: total === 0 ? NaN : (tp + tn) / total,
    selectionRate: total === 0 ? NaN : (tp + fp) / total,
    truePositiveRate: total === 0 ? NaN : rateOrZero(tp, tp + fn),
    falsePositiveRate: total === 0 ? NaN : rateOrZero(fp, fp + tn),
  };
}

/**
 * The tally of coarser groups from a finer one: `coarseOf[g]` names the coarse group fine group g belongs to
 * (one sensitive column's groups from the intersection's), so a resample is counted once, not once per grouping.
 */
export function mergeTally(fine: GroupTally, coarseOf: Uint32Array, coarseCount: number): GroupTally {
  const cells = new Float64Array(4 * coarseCount);
  const counts = new Float64Array(coarseCount);
  for (let g = 0; g < coarseOf.length; g++) {
    const c = coarseOf[g] ?? 0;
    for (let cell = 0; cell < 4; cell++)
      cells[4 * c + cell] = (cells[4 * c + cell] ?? 0) + (fine.cells[4 * g + cell] ?? 0);
    counts[c] = (counts[c] ?? 0) + (fine.counts[g] ?? 0);
  }
  return { cells, counts };
}
