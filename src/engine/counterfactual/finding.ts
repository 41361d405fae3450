import type { CodeInfo, Finding, Range } from '../../shared/findings';
import { fingerprint } from '../findings';
import type { CounterfactualReport } from './gap';

export const COUNTERFACTUAL_GAP = 'bias/counterfactual-gap';

/** Counterfactual fairness finding codes; the README's code table is written from this list. */
export const COUNTERFACTUAL_CODES: CodeInfo[] = [
  {
    code: COUNTERFACTUAL_GAP,
    title: 'Prediction moves when an identity term is swapped',
    description:
      'Swapping one identity term (he ↔ she, a gendered name, a religion, a nationality …) changes the trained model\u2019s prediction by more than the threshold on average (counterfactual token fairness gap, Garg et al. 2019): the model uses the identity itself.',
    helpUri: 'https://doi.org/10.1145/3306618.3317950',
  },
];

/** The gap above which a run or `rml counterfactual` reports a finding (mean |Δ probability|). */
export const DEFAULT_GAP_THRESHOLD = 0.05;

export interface GapFindingPlace {
  /** The dataset the texts came from, as the caller names it, and the fingerprint's relative path. */
  file: string;
  relativeFile: string;
  /** Where to show it: the text column's header cell. */
  range: Range;
  column: string;
  threshold?: number;
}

/** A warning when the gap exceeds the threshold, with the worst pairs as evidence; undefined otherwise. */
export function counterfactualGapFinding(report: CounterfactualReport, place: GapFindingPlace): Finding | undefined {
  const threshold = place.threshold ?? DEFAULT_GAP_THRESHOLD;
  if (!(report.gap > threshold)) return undefined;
  const worst = [...report.pairs].sort((a, b) => Math.abs(b.delta) - Math.abs(a.delta)).slice(0, 3);
  const categories = Object.entries(report.byCategory)
    .sort(([, a], [, b]) => b.meanAbsDelta - a.meanAbsDelta)
    .map(([category, { meanAbsDelta }]) => `${category} ${meanAbsDelta.toFixed(3)}`);
  return {
    file: place.file,
    range: place.range,
    code: COUNTERFACTUAL_GAP,
    severity: 'warning',
    message: `Swapping identity terms moves P(${report.target}) by ${report.gap.toFixed(3)} on average (counterfactual token fairness gap > ${threshold}) over ${report.examples} rows of '${place.column}'`,
    data: {
      fingerprint: fingerprint(COUNTERFACTUAL_GAP, place.relativeFile, place.column),
      column: place.column,
      evidence: [
        `mean |Δ| by category: ${categories.join(', ')}`,
        ...worst.map(
          (pair) =>
            `line ${pair.line}: '${pair.swapped.from}' → '${pair.swapped.to}' moves it by ${pair.delta.toFixed(3)}`,
        ),
      ],
      helpUri: COUNTERFACTUAL_CODES[0]!.helpUri!,
      gap: report.gap,
      threshold,
    },
  };
}
