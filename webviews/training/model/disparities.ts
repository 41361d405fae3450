import {
  assessDisparities,
  DEFAULT_DISPARITY_THRESHOLDS,
  disparityKind,
  type DisparityThresholds,
  type DisparityVerdict,
  type FairBand,
} from '../../../src/shared/disparities';
import type { ConfidenceInterval, DisparityName, FairnessReport } from '../../../src/shared/reports';
import { formatRate } from './format';

/**
 * The disparity figures of a fairness report against their thresholds, as the panel lists them. The verdicts
 * are `src/shared/disparities.ts`'s, the same `rml train` and `rml fairness` print.
 */

export {
  DEFAULT_DISPARITY_THRESHOLDS,
  isOutsideBand,
  type DisparityThresholds,
  type FairBand,
} from '../../../src/shared/disparities';

/** In the order the panel lists them; AIF360's three appear only when a privileged group was named. */
const DEFINITIONS: ReadonlyArray<{ key: DisparityName; label: string }> = [
  { key: 'demographicParityDifference', label: 'Demographic parity difference' },
  { key: 'demographicParityRatio', label: 'Demographic parity ratio' },
  { key: 'equalizedOddsDifference', label: 'Equalized odds difference' },
  { key: 'equalizedOddsRatio', label: 'Equalized odds ratio' },
  { key: 'equalOpportunityDifference', label: 'Equal opportunity difference' },
  { key: 'disparateImpact', label: 'Disparate impact (unprivileged / privileged)' },
  { key: 'statisticalParityDifference', label: 'Statistical parity difference (unprivileged − privileged)' },
  { key: 'averageOddsDifference', label: 'Average odds difference' },
];

export interface DisparityRow {
  key: DisparityName;
  label: string;
  /** null when the data leaves it undefined (e.g. no group has a positive). */
  value: number | null;
  interval: ConfidenceInterval | null;
  band: FairBand;
  /** The band in words, e.g. "≥ 0.8 (four-fifths rule)". */
  threshold: string;
  /** Outside its band, on groups large enough to judge, from a model that tells examples apart. */
  flagged: boolean;
  /** The bootstrap interval reaches across a threshold: the flag (or its absence) is not conclusive. */
  uncertain: boolean;
  verdict: DisparityVerdict;
  /** The compared groups below `minGroupSize`, with their sizes. */
  smallGroups: Array<{ group: string; count: number }>;
}

function thresholdText(key: DisparityName, band: FairBand): string {
  const kind = disparityKind(key);
  if (kind === 'ratio') return `≥ ${formatRate(band.min)} (four-fifths rule)`;
  if (kind === 'two-sided-ratio') return `${formatRate(band.min)} to ${formatRate(band.max)} (four-fifths rule)`;
  return `within ±${formatRate(band.max)}`;
}

/**
 * Every disparity the report carries, with its threshold and verdict. `uninformative`: the evaluation warned
 * that the model predicts (nearly) one class or ranks at chance.
 */
export function disparityRows(
  report: FairnessReport,
  thresholds: DisparityThresholds = DEFAULT_DISPARITY_THRESHOLDS,
  uninformative = false,
): DisparityRow[] {
  const labels = new Map(DEFINITIONS.map(({ key, label }) => [key, label]));
  const assessed = assessDisparities(
    report,
    DEFINITIONS.map(({ key }) => key),
    thresholds,
    uninformative,
  );
  return assessed.map((assessment) => ({
    key: assessment.key,
    label: labels.get(assessment.key) ?? assessment.key,
    value: assessment.value,
    interval: assessment.interval,
    band: assessment.band,
    threshold: thresholdText(assessment.key, assessment.band),
    flagged: assessment.verdict === 'outside',
    uncertain: assessment.uncertain,
    verdict: assessment.verdict,
    smallGroups: assessment.smallGroups,
  }));
}
