import {
  assessDisparities,
  bandOf,
  DEFAULT_DISPARITY_THRESHOLDS,
  disparityKind,
  type DisparityKind,
  type FairBand,
} from '../../../shared/disparities';
import type {
  ConfidenceInterval,
  DisparityName,
  DisparityThresholds,
  EvaluationReport,
  FairnessReport,
} from '../../../shared/reports';

/**
 * Verdicts on a fairness report's disparities, by the rule `rml train`, `rml fairness` and the run panel share
 * (src/shared/disparities.ts), against the thresholds the run recorded (the defaults for older runs).
 */
export interface DisparityDefinition {
  key: DisparityName;
  label: string;
}

export const DISPARITIES: readonly DisparityDefinition[] = [
  { key: 'demographicParityDifference', label: 'Demographic parity difference' },
  { key: 'demographicParityRatio', label: 'Demographic parity ratio' },
  { key: 'equalizedOddsDifference', label: 'Equalized odds difference' },
  { key: 'equalizedOddsRatio', label: 'Equalized odds ratio' },
  { key: 'equalOpportunityDifference', label: 'Equal opportunity difference' },
  { key: 'equalOpportunityRatio', label: 'Equal opportunity ratio' },
  { key: 'disparateImpact', label: 'Disparate impact (unprivileged / privileged)' },
  { key: 'statisticalParityDifference', label: 'Statistical parity difference (unprivileged − privileged)' },
  { key: 'averageOddsDifference', label: 'Average odds difference' },
];

/** `disparity`: outside its band; `small-group`: outside, but on a group below `minGroupSize`; `uninformative`: the model does not tell examples apart. */
export type DisparityVerdict = 'disparity' | 'within-threshold' | 'small-group' | 'uninformative' | 'undefined';

export interface DisparityFigure {
  key: DisparityName;
  label: string;
  kind: DisparityKind;
  value: number | null;
  interval: ConfidenceInterval | null;
  /** The acceptable band in words. */
  threshold: string;
  verdict: DisparityVerdict;
  /** The interval crosses a threshold: the verdict is not conclusive. */
  uncertain: boolean;
}

const VERDICTS = {
  outside: 'disparity',
  within: 'within-threshold',
  'small-group': 'small-group',
  uninformative: 'uninformative',
  undefined: 'undefined',
} as const;

function thresholdText(kind: DisparityKind, band: FairBand): string {
  if (kind === 'ratio') return `≥ ${band.min} (four-fifths rule)`;
  if (kind === 'two-sided-ratio') return `${band.min} to ${Number(band.max?.toFixed(4))} (four-fifths rule)`;
  return `within ±${band.max}`;
}

export interface JudgedBy {
  thresholds?: DisparityThresholds;
  /** The evaluation warns that the model is uninformative (one class predicted, chance ranking). */
  uninformative?: boolean;
}

/** What an evaluation's disparities are judged by: the thresholds it recorded and its warnings. */
export function judgedBy(evaluation: EvaluationReport | undefined): JudgedBy {
  return {
    ...(evaluation?.fairness?.thresholds ? { thresholds: evaluation.fairness.thresholds } : {}),
    uninformative: (evaluation?.warnings?.length ?? 0) > 0,
  };
}

/** Every disparity the report carries, with its verdict. */
export function disparityFigures(report: FairnessReport, judged: JudgedBy = {}): DisparityFigure[] {
  const thresholds = judged.thresholds ?? DEFAULT_DISPARITY_THRESHOLDS;
  const labels = new Map(DISPARITIES.map((definition) => [definition.key, definition.label]));
  return assessDisparities(
    report,
    DISPARITIES.map((definition) => definition.key),
    thresholds,
    judged.uninformative ?? false,
  ).map((assessment) => {
    const kind = disparityKind(assessment.key);
    return {
      key: assessment.key,
      label: labels.get(assessment.key) ?? assessment.key,
      kind,
      value: assessment.value,
      interval: assessment.interval,
      threshold: thresholdText(kind, bandOf(kind, thresholds)),
      verdict: VERDICTS[assessment.verdict],
      uncertain: assessment.uncertain,
    };
  });
}

/** Differences get worse as they grow in size, ratios as they fall (two-sided ratios as they leave 1). */
export function badness(kind: DisparityKind, value: number): number {
  if (kind === 'difference') return Math.abs(value);
  if (kind === 'ratio') return 1 - value;
  return Math.abs(Math.log(value > 0 ? value : Number.MIN_VALUE));
}
