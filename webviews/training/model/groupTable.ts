import type { ConfidenceInterval } from '../../../src/shared/reports';
import type { GroupRates } from '../../../src/shared/reports';
import type { RateIntervals } from '../../../src/shared/reports';
import type { EvaluationReport, GroupFairness } from '../../../src/shared/reports';
import {
  DEFAULT_DISPARITY_THRESHOLDS,
  disparityRows,
  type DisparityRow,
  type DisparityThresholds,
} from './disparities';

/** The per-group tables of a run's test report: one per sensitive column, and one for their intersection. */

export const GROUP_RATES = [
  { key: 'selectionRate', label: 'Selection rate' },
  { key: 'truePositiveRate', label: 'True positive rate' },
  { key: 'falsePositiveRate', label: 'False positive rate' },
  { key: 'accuracy', label: 'Accuracy' },
] as const;

export type GroupRateKey = (typeof GROUP_RATES)[number]['key'];

export interface RateCell {
  value: number;
  /** Bootstrap percentile interval; null when the run had no bootstrap or no resample defined it. */
  interval: ConfidenceInterval | null;
}

export interface GroupRow {
  group: string;
  /** Examples of the group in the test split. */
  count: number;
  rates: Record<GroupRateKey, RateCell>;
}

export interface ConfusionTable {
  group: string;
  /** Row i = true class i, column j = predicted class j (weighted counts). */
  matrix: number[][];
}

export interface GroupingView {
  /** The sensitive column, or the columns joined with commas for the intersection. */
  name: string;
  kind: 'column' | 'intersection';
  overall: GroupRow;
  groups: GroupRow[];
  disparities: DisparityRow[];
  /** How many disparities cross their threshold (on groups large enough, from an informative model). */
  flagged: number;
  /** How many cross it on a group below `minGroupSize`: shown as too small to judge, not counted above. */
  smallGroupFlags: number;
  /** The evaluation's warnings when the model does not tell examples apart: every verdict is then uninformative. */
  uninformative: string[];
  thresholds: DisparityThresholds;
  classes: string[];
  confusion: ConfusionTable[];
}

function groupRow(group: string, rates: GroupRates, intervals: RateIntervals | undefined): GroupRow {
  const cell = (key: GroupRateKey): RateCell => ({ value: rates[key], interval: intervals?.[key] ?? null });
  return {
    group,
    count: rates.count,
    rates: {
      selectionRate: cell('selectionRate'),
      truePositiveRate: cell('truePositiveRate'),
      falsePositiveRate: cell('falsePositiveRate'),
      accuracy: cell('accuracy'),
    },
  };
}

interface Judging {
  thresholds: DisparityThresholds;
  warnings: string[];
}

function groupingView(
  name: string,
  kind: GroupingView['kind'],
  fairness: GroupFairness,
  classes: string[],
  judging: Judging,
): GroupingView {
  const { report } = fairness;
  const disparities = disparityRows(report, judging.thresholds, judging.warnings.length > 0);
  const groups = Object.entries(report.byGroup).map(([group, rates]) =>
    groupRow(group, rates, report.intervals?.byGroup[group]),
  );
  return {
    name,
    kind,
    overall: groupRow('overall', report.overall, report.intervals?.overall),
    groups,
    disparities,
    flagged: disparities.filter((row) => row.flagged).length,
    smallGroupFlags: disparities.filter((row) => row.verdict === 'small-group').length,
    uninformative: judging.warnings,
    thresholds: judging.thresholds,
    classes,
    confusion: groups.map(({ group }) => ({ group, matrix: fairness.confusionMatrices[group] ?? [] })),
  };
}

/**
 * Every grouping of the report, columns first, then the intersection; none without sensitive columns. The
 * thresholds are those the run recorded (its `.rml.json`), else `thresholds`.
 */
export function groupingViews(
  report: EvaluationReport,
  thresholds: DisparityThresholds = DEFAULT_DISPARITY_THRESHOLDS,
): GroupingView[] {
  const fairness = report.fairness;
  if (!fairness) return [];
  const judging: Judging = {
    thresholds: fairness.thresholds ?? thresholds,
    warnings: (report.warnings ?? []).map((warning) => warning.message),
  };
  const views = Object.entries(fairness.byColumn).map(([column, entry]) =>
    groupingView(column, 'column', entry, report.classes, judging),
  );
  if (fairness.intersection) {
    views.push(
      groupingView(
        Object.keys(fairness.byColumn).join(','),
        'intersection',
        fairness.intersection,
        report.classes,
        judging,
      ),
    );
  }
  return views;
}

export interface RateBars {
  /** The x-axis: one label per rate. */
  labels: string[];
  /** One bar series per group. */
  series: Array<{ group: string; values: number[]; intervals: Array<ConfidenceInterval | null> }>;
}

/** The bar chart of a grouping: rates on the x-axis, one bar per group, each with its interval. */
export function rateBars(view: GroupingView): RateBars {
  return {
    labels: GROUP_RATES.map((rate) => rate.label),
    series: view.groups.map((row) => ({
      group: row.group,
      values: GROUP_RATES.map((rate) => row.rates[rate.key].value),
      intervals: GROUP_RATES.map((rate) => row.rates[rate.key].interval),
    })),
  };
}

/** Each row's share of its true class (a recall per cell), for reading a matrix of weighted counts. */
export function rowShares(matrix: readonly (readonly number[])[]): number[][] {
  return matrix.map((row) => {
    const total = row.reduce((sum, count) => sum + count, 0);
    return row.map((count) => (total > 0 ? count / total : 0));
  });
}
