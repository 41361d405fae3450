/**
 * How `rml train` and `rml fairness` print a fairness report: per-group rates with their bootstrap intervals,
 * then each disparity with its interval, its threshold and the verdict of `src/shared/disparities.ts` (the run
 * panel's). `--fail-on-disparity` fails on the same verdicts.
 */
import { DISPARITY_NAMES } from '../engine/fairness';
import { assessDisparities, type DisparityAssessment, type DisparityThresholds } from '../shared/disparities';
import type { ConfidenceInterval, DisparityName, FairnessReport, GroupRates, ModelWarning } from '../shared/reports';

const DISPARITY_TITLES: Record<DisparityName, string> = {
  demographicParityDifference: 'demographic parity difference',
  demographicParityRatio: 'demographic parity ratio',
  equalizedOddsDifference: 'equalized odds difference',
  equalizedOddsRatio: 'equalized odds ratio',
  equalOpportunityDifference: 'equal opportunity difference',
  equalOpportunityRatio: 'equal opportunity ratio',
  statisticalParityDifference: 'statistical parity difference (AIF360)',
  disparateImpact: 'disparate impact (AIF360)',
  averageOddsDifference: 'average odds difference (AIF360)',
};

export const number = (value: number | null | undefined) =>
  typeof value === 'number' && Number.isFinite(value) ? value.toFixed(3) : 'n/a';

const bracket = (interval: ConfidenceInterval | null | undefined) =>
  interval ? `[${number(interval.lower)}, ${number(interval.upper)}]` : '';

/** Columns left-aligned in the first column, right-aligned after it. */
export function textTable(rows: string[][]): string {
  const widths = rows[0]?.map((_, k) => Math.max(...rows.map((row) => (row[k] ?? '').length))) ?? [];
  const align = (cell: string, k: number) => (k === 0 ? cell.padEnd(widths[k] ?? 0) : cell.padStart(widths[k] ?? 0));
  return rows.map((row) => row.map(align).join('  ').trimEnd()).join('\n');
}

/** A disparity's verdict and its JSON form: which figure, on which grouping, and why. */
export interface DisparityVerdictJson {
  grouping: string;
  figure: DisparityName;
  value: number | null;
  interval: ConfidenceInterval | null;
  verdict: DisparityAssessment['verdict'];
  /** The compared groups below `minGroupSize`. */
  smallGroups?: Array<{ group: string; count: number }>;
  /** The bootstrap interval reaches across the threshold. */
  uncertain?: true;
}

export function assessReport(
  grouping: string,
  report: FairnessReport,
  thresholds: DisparityThresholds,
  warnings: readonly ModelWarning[],
) {
  return assessDisparities(report, DISPARITY_NAMES, thresholds, warnings.length > 0).map(
    (assessment): DisparityVerdictJson => ({
      grouping,
      figure: assessment.key,
      value: assessment.value,
      interval: assessment.interval,
      verdict: assessment.verdict,
      ...(assessment.smallGroups.length > 0 ? { smallGroups: assessment.smallGroups } : {}),
      ...(assessment.uncertain ? { uncertain: true as const } : {}),
    }),
  );
}

function bandText(figure: DisparityName, thresholds: DisparityThresholds): string {
  if (figure === 'disparateImpact') return `${number(thresholds.minRatio)} to ${number(1 / thresholds.minRatio)}`;
  if (/Ratio$/.test(figure)) return `≥ ${number(thresholds.minRatio)}`;
  return `within ±${number(thresholds.maxDifference)}`;
}

function verdictText(verdict: DisparityVerdictJson, thresholds: DisparityThresholds): string {
  switch (verdict.verdict) {
    case 'undefined':
      return 'undefined for these groups';
    case 'uninformative':
      return 'uninformative (see the warning)';
    case 'small-group': {
      const groups = (verdict.smallGroups ?? []).map(({ group, count }) => `${group}: ${count}`).join(', ');
      return `outside, but on a group below ${thresholds.minGroupSize} examples (${groups}): too small to judge`;
    }
    case 'outside':
      return `OUTSIDE the threshold${verdict.uncertain ? ' (the interval crosses it: not conclusive)' : ''}`;
    default:
      return `within the threshold${verdict.uncertain ? ' (the interval crosses it: not conclusive)' : ''}`;
  }
}

function rateCell(value: number, interval: ConfidenceInterval | null | undefined): string {
  return interval ? `${number(value)} ${bracket(interval)}` : number(value);
}

export interface FairnessTextOptions {
  /** The header of the group column: the sensitive column(s). */
  groupsTitle: string;
  thresholds: DisparityThresholds;
  verdicts: DisparityVerdictJson[];
}

/** The group table and the disparity table of one report, intervals beside the values when there are any. */
export function fairnessTables(report: FairnessReport, options: FairnessTextOptions): string {
  const { intervals } = report;
  const rateRow = (name: string, rates: GroupRates, rateIntervals = intervals?.byGroup[name]) => [
    name,
    String(rates.count),
    rateCell(rates.accuracy, rateIntervals?.accuracy),
    rateCell(rates.selectionRate, rateIntervals?.selectionRate),
    rateCell(rates.truePositiveRate, rateIntervals?.truePositiveRate),
    rateCell(rates.falsePositiveRate, rateIntervals?.falsePositiveRate),
  ];
  const groups = textTable([
    [options.groupsTitle, 'count', 'accuracy', 'selection rate', 'TPR', 'FPR'],
    rateRow('overall', report.overall, intervals?.overall),
    ...Object.entries(report.byGroup).map(([name, rates]) => rateRow(name, rates)),
  ]);
  const level = intervals === undefined ? '' : `${Math.round(intervals.level * 100)} % interval`;
  const disparities = textTable([
    ['disparity', 'value', level, 'acceptable', 'verdict'],
    ...options.verdicts.map((verdict) => [
      DISPARITY_TITLES[verdict.figure],
      number(verdict.value),
      intervals ? bracket(verdict.interval) || 'n/a' : '',
      bandText(verdict.figure, options.thresholds),
      verdictText(verdict, options.thresholds),
    ]),
  ]);
  return `${groups}\n\n${disparities}`;
}

/** The bootstrap in words, for a heading: `1000 bootstrap resamples, seed 42`. */
export function bootstrapText(report: FairnessReport): string {
  const { intervals } = report;
  return intervals
    ? `${intervals.resamples} bootstrap resamples, seed ${intervals.seed}`
    : 'no bootstrap intervals (--bootstrap 0)';
}
