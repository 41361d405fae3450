/**
 * A model's disparities against their thresholds, judged the same way by `rml train`, `rml fairness`
 * (`--fail-on-disparity`) and the run panel. Ratios follow the four-fifths rule (outside below 0.8; AIF360's
 * disparate impact, which can exceed 1, also above 1 / 0.8 = 1.25, the band of fairmodels' `fairness_check`);
 * differences are outside above 0.1, the "acceptable" band of holisticai's and AIF360's demos for statistical
 * parity. A disparity between two groups rests on those two groups: when one of them has fewer examples than
 * `minGroupSize`, an "outside" verdict says so instead (the audit's "too small to judge").
 */
import type { ConfidenceInterval, DisparityName, DisparityThresholds, FairnessReport, GroupRates } from './reports';

export type { DisparityThresholds } from './reports';

/** The audit's default `minGroupSize` (bias/types.ts), so a dataset and its model are judged alike. */
export const DEFAULT_DISPARITY_THRESHOLDS: DisparityThresholds = {
  minRatio: 0.8,
  maxDifference: 0.1,
  minGroupSize: 20,
};

export type DisparityKind = 'difference' | 'ratio' | 'two-sided-ratio';

/** How each figure is judged, and which rate it compares between groups (none: AIF360's pooled comparisons). */
const FIGURES: Record<
  DisparityName,
  { kind: DisparityKind; rates: ReadonlyArray<'selectionRate' | 'truePositiveRate' | 'falsePositiveRate'> }
> = {
  demographicParityDifference: { kind: 'difference', rates: ['selectionRate'] },
  demographicParityRatio: { kind: 'ratio', rates: ['selectionRate'] },
  equalizedOddsDifference: { kind: 'difference', rates: ['truePositiveRate', 'falsePositiveRate'] },
  equalizedOddsRatio: { kind: 'ratio', rates: ['truePositiveRate', 'falsePositiveRate'] },
  equalOpportunityDifference: { kind: 'difference', rates: ['truePositiveRate'] },
  equalOpportunityRatio: { kind: 'ratio', rates: ['truePositiveRate'] },
  disparateImpact: { kind: 'two-sided-ratio', rates: [] },
  statisticalParityDifference: { kind: 'difference', rates: [] },
  averageOddsDifference: { kind: 'difference', rates: [] },
};

export function disparityKind(key: DisparityName): DisparityKind {
  return FIGURES[key].kind;
}

/** The acceptable band of a figure. */
export interface FairBand {
  min?: number;
  max?: number;
}

export function bandOf(kind: DisparityKind, thresholds: DisparityThresholds): FairBand {
  if (kind === 'ratio') return { min: thresholds.minRatio };
  if (kind === 'two-sided-ratio') return { min: thresholds.minRatio, max: 1 / thresholds.minRatio };
  return { min: -thresholds.maxDifference, max: thresholds.maxDifference };
}

export function isOutsideBand(value: number | null, band: FairBand): boolean {
  return (
    value !== null && ((band.min !== undefined && value < band.min) || (band.max !== undefined && value > band.max))
  );
}

/** The interval holds values both inside and outside the band. */
function straddles(interval: ConfidenceInterval | null, band: FairBand): boolean {
  if (interval === null) return false;
  const min = band.min ?? -Infinity;
  const max = band.max ?? Infinity;
  return (interval.lower < min || interval.upper > max) && interval.lower <= max && interval.upper >= min;
}

/**
 * `within` / `outside` the band; `small-group`: outside, but resting on a group below `minGroupSize`;
 * `uninformative`: the model predicts (nearly) one class or ranks at chance, so parity means nothing;
 * `undefined`: the data leaves the figure undefined.
 */
export type DisparityVerdict = 'within' | 'outside' | 'small-group' | 'uninformative' | 'undefined';

export interface DisparityAssessment {
  key: DisparityName;
  /** null when the data leaves it undefined (e.g. no group has a positive). */
  value: number | null;
  interval: ConfidenceInterval | null;
  band: FairBand;
  /** The value is outside the band (whatever the verdict makes of it). */
  outside: boolean;
  /** The bootstrap interval reaches across a threshold: the verdict is not conclusive. */
  uncertain: boolean;
  /** The two groups the figure compares (highest and lowest rate); empty for AIF360's pooled comparisons. */
  groups: string[];
  /** Those of them with fewer examples than `minGroupSize`. */
  smallGroups: Array<{ group: string; count: number }>;
  verdict: DisparityVerdict;
}

/** The groups with the highest and the lowest finite `rate` (the two a between-groups figure compares). */
function extremes(
  byGroup: Record<string, GroupRates>,
  rate: 'selectionRate' | 'truePositiveRate' | 'falsePositiveRate',
): { groups: string[]; spread: number; ratio: number } {
  const entries = Object.entries(byGroup).filter(([, rates]) => Number.isFinite(rates[rate]));
  if (entries.length === 0) return { groups: [], spread: NaN, ratio: NaN };
  const sorted = [...entries].sort((a, b) => a[1][rate] - b[1][rate]);
  const [lowName, low] = sorted[0]!;
  const [highName, high] = sorted.at(-1)!;
  const ratio = high[rate] === 0 ? 1 : low[rate] / high[rate];
  return { groups: lowName === highName ? [highName] : [highName, lowName], spread: high[rate] - low[rate], ratio };
}

/** Equalized odds takes the worse of TPR and FPR: the groups of that one. */
function comparedGroups(report: FairnessReport, key: DisparityName): string[] {
  const { rates, kind } = FIGURES[key];
  const candidates = rates.map((rate) => extremes(report.byGroup, rate));
  if (candidates.length === 0) return [];
  const worst = candidates.reduce((a, b) =>
    kind === 'ratio' ? (b.ratio < a.ratio ? b : a) : b.spread > a.spread ? b : a,
  );
  return worst.groups;
}

function verdictOf(value: number | null, outside: boolean, small: boolean, uninformative: boolean): DisparityVerdict {
  if (value === null) return 'undefined';
  if (uninformative) return 'uninformative';
  if (!outside) return 'within';
  return small ? 'small-group' : 'outside';
}

/**
 * Every disparity the report carries, in `keys` order, with its verdict. `uninformative`: the evaluation's
 * warnings say the model does not tell examples apart (see `ModelWarning`).
 */
export function assessDisparities(
  report: FairnessReport,
  keys: readonly DisparityName[],
  thresholds: DisparityThresholds = DEFAULT_DISPARITY_THRESHOLDS,
  uninformative = false,
): DisparityAssessment[] {
  return keys
    .filter((key) => key in report)
    .map((key) => {
      const raw = report[key];
      const value = typeof raw === 'number' && Number.isFinite(raw) ? raw : null;
      const band = bandOf(FIGURES[key].kind, thresholds);
      const interval = report.intervals?.disparities[key] ?? null;
      const groups = comparedGroups(report, key);
      const smallGroups = groups
        .map((group) => ({ group, count: report.byGroup[group]?.count ?? 0 }))
        .filter(({ count }) => count < thresholds.minGroupSize);
      const outside = isOutsideBand(value, band);
      return {
        key,
        value,
        interval,
        band,
        outside,
        uncertain: straddles(interval, band),
        groups,
        smallGroups,
        verdict: verdictOf(value, outside, smallGroups.length > 0, uninformative),
      };
    });
}
