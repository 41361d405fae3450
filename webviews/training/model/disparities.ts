import type { ConfidenceInterval } from '../../../src/shared/reports';
import type { FairnessReport } from '../../../src/shared/reports';
import type { DisparityName } from '../../../src/shared/reports';
import { formatRate } from './format';

/**
 * The disparity figures of a fairness report against their thresholds. Ratios follow the four-fifths rule
 * (flagged below 0.8; AIF360's disparate impact, which can exceed 1, also above 1 / 0.8 = 1.25, the band of
 * fairmodels' `fairness_check`); differences are flagged above 0.1, the "acceptable" band of
 * holisticai's and AIF360's demos for statistical parity.
 */

export interface DisparityThresholds {
  /** Ratios below this are flagged (four-fifths rule). */
  minRatio: number;
  /** Absolute differences above this are flagged. */
  maxDifference: number;
}

export const DEFAULT_DISPARITY_THRESHOLDS: DisparityThresholds = { minRatio: 0.8, maxDifference: 0.1 };

type Kind = 'difference' | 'ratio' | 'two-sided-ratio';

interface DisparityDefinition {
  key: DisparityName;
  label: string;
  kind: Kind;
}

/** In the order the panel lists them; AIF360's three appear only when a privileged group was named. */
const DEFINITIONS: readonly DisparityDefinition[] = [
  { key: 'demographicParityDifference', label: 'Demographic parity difference', kind: 'difference' },
  { key: 'demographicParityRatio', label: 'Demographic parity ratio', kind: 'ratio' },
  { key: 'equalizedOddsDifference', label: 'Equalized odds difference', kind: 'difference' },
  { key: 'equalizedOddsRatio', label: 'Equalized odds ratio', kind: 'ratio' },
  { key: 'equalOpportunityDifference', label: 'Equal opportunity difference', kind: 'difference' },
  { key: 'disparateImpact', label: 'Disparate impact (unprivileged / privileged)', kind: 'two-sided-ratio' },
  { key: 'statisticalParityDifference', label: 'Statistical parity difference (unprivileged − privileged)', kind: 'difference' },
  { key: 'averageOddsDifference', label: 'Average odds difference', kind: 'difference' },
];

/** The acceptable band of a figure. */
export interface FairBand {
  min?: number;
  max?: number;
}

export interface DisparityRow {
  key: DisparityName;
  label: string;
  /** null when the data leaves it undefined (e.g. no group has a positive). */
  value: number | null;
  interval: ConfidenceInterval | null;
  band: FairBand;
  /** The band in words, e.g. "≥ 0.8 (four-fifths rule)". */
  threshold: string;
  flagged: boolean;
  /** The bootstrap interval reaches across a threshold: the flag (or its absence) is not conclusive. */
  uncertain: boolean;
}

function bandOf(kind: Kind, thresholds: DisparityThresholds): FairBand {
  if (kind === 'ratio') return { min: thresholds.minRatio };
  if (kind === 'two-sided-ratio') return { min: thresholds.minRatio, max: 1 / thresholds.minRatio };
  return { min: -thresholds.maxDifference, max: thresholds.maxDifference };
}

function thresholdText(kind: Kind, band: FairBand): string {
  if (kind === 'ratio') return `≥ ${formatRate(band.min)} (four-fifths rule)`;
  if (kind === 'two-sided-ratio') return `${formatRate(band.min)} to ${formatRate(band.max)} (four-fifths rule)`;
  return `within ±${formatRate(band.max)}`;
}

function outside(value: number, band: FairBand): boolean {
  return (band.min !== undefined && value < band.min) || (band.max !== undefined && value > band.max);
}

export function isOutsideBand(value: number | null, band: FairBand): boolean {
  return value !== null && outside(value, band);
}

/** The interval holds values both inside and outside the band. */
function straddles(interval: ConfidenceInterval | null, band: FairBand): boolean {
  if (interval === null) return false;
  const min = band.min ?? -Infinity;
  const max = band.max ?? Infinity;
  const reachesOutside = interval.lower < min || interval.upper > max;
  const reachesInside = interval.lower <= max && interval.upper >= min;
  return reachesOutside && reachesInside;
}

/** Every disparity the report carries, with its threshold and whether it crosses it. */
export function disparityRows(report: FairnessReport, thresholds: DisparityThresholds = DEFAULT_DISPARITY_THRESHOLDS): DisparityRow[] {
  return DEFINITIONS.filter(({ key }) => key in report).map(({ key, label, kind }) => {
    const raw = report[key];
    const value = typeof raw === 'number' && Number.isFinite(raw) ? raw : null;
    const band = bandOf(kind, thresholds);
    const interval = report.intervals?.disparities[key] ?? null;
    return {
      key,
      label,
      value,
      interval,
      band,
      threshold: thresholdText(kind, band),
      flagged: isOutsideBand(value, band),
      uncertain: straddles(interval, band),
    };
  });
}
