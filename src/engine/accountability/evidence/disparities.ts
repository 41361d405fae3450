import type { ConfidenceInterval, DisparityName, FairnessReport } from '../../../shared/reports';

/**
 * Verdicts on a fairness report's disparities, by the rule the run panel uses (webviews/training/model/
 * disparities.ts, which the engine may not import): ratios below 0.8 are flagged (four-fifths rule; AIF360's
 * disparate impact also above 1.25), differences outside ±0.1. The interval says whether the verdict is firm.
 */
export interface DisparityThresholds {
  minRatio: number;
  maxDifference: number;
}

export const DEFAULT_THRESHOLDS: DisparityThresholds = { minRatio: 0.8, maxDifference: 0.1 };

type Kind = 'difference' | 'ratio' | 'two-sided-ratio';

export interface DisparityDefinition {
  key: DisparityName;
  label: string;
  kind: Kind;
}

export const DISPARITIES: readonly DisparityDefinition[] = [
  { key: 'demographicParityDifference', label: 'Demographic parity difference', kind: 'difference' },
  { key: 'demographicParityRatio', label: 'Demographic parity ratio', kind: 'ratio' },
  { key: 'equalizedOddsDifference', label: 'Equalized odds difference', kind: 'difference' },
  { key: 'equalizedOddsRatio', label: 'Equalized odds ratio', kind: 'ratio' },
  { key: 'equalOpportunityDifference', label: 'Equal opportunity difference', kind: 'difference' },
  { key: 'equalOpportunityRatio', label: 'Equal opportunity ratio', kind: 'ratio' },
  { key: 'disparateImpact', label: 'Disparate impact (unprivileged / privileged)', kind: 'two-sided-ratio' },
  { key: 'statisticalParityDifference', label: 'Statistical parity difference (unprivileged − privileged)', kind: 'difference' },
  { key: 'averageOddsDifference', label: 'Average odds difference', kind: 'difference' },
];

export type DisparityVerdict = 'disparity' | 'within-threshold' | 'undefined';

export interface DisparityFigure {
  key: DisparityName;
  label: string;
  kind: Kind;
  value: number | null;
  interval: ConfidenceInterval | null;
  /** The acceptable band in words. */
  threshold: string;
  verdict: DisparityVerdict;
  /** The interval crosses a threshold: the verdict is not conclusive. */
  uncertain: boolean;
}

interface Band {
  min?: number;
  max?: number;
}

function bandOf(kind: Kind, thresholds: DisparityThresholds): Band {
  if (kind === 'ratio') return { min: thresholds.minRatio };
  if (kind === 'two-sided-ratio') return { min: thresholds.minRatio, max: 1 / thresholds.minRatio };
  return { min: -thresholds.maxDifference, max: thresholds.maxDifference };
}

function outside(value: number, band: Band): boolean {
  return (band.min !== undefined && value < band.min) || (band.max !== undefined && value > band.max);
}

function thresholdText(kind: Kind, band: Band): string {
  if (kind === 'ratio') return `≥ ${band.min} (four-fifths rule)`;
  if (kind === 'two-sided-ratio') return `${band.min} to ${band.max} (four-fifths rule)`;
  return `within ±${band.max}`;
}

/** Every disparity the report carries, with its verdict. */
export function disparityFigures(report: FairnessReport, thresholds: DisparityThresholds = DEFAULT_THRESHOLDS): DisparityFigure[] {
  return DISPARITIES.filter((definition) => definition.key in report).map((definition) => {
    const raw = report[definition.key];
    const value = typeof raw === 'number' && Number.isFinite(raw) ? raw : null;
    const interval = report.intervals?.disparities[definition.key] ?? null;
    const band = bandOf(definition.kind, thresholds);
    const verdict: DisparityVerdict = value === null ? 'undefined' : outside(value, band) ? 'disparity' : 'within-threshold';
    const uncertain = value !== null && interval !== null && outside(interval.lower, band) !== outside(interval.upper, band);
    return { ...definition, value, interval, threshold: thresholdText(definition.kind, band), verdict, uncertain };
  });
}

/** Differences get worse as they grow in size, ratios as they fall (two-sided ratios as they leave 1). */
export function badness(kind: Kind, value: number): number {
  if (kind === 'difference') return Math.abs(value);
  if (kind === 'ratio') return 1 - value;
  return Math.abs(Math.log(value > 0 ? value : Number.MIN_VALUE));
}
