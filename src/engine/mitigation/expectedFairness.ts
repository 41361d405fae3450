/**
 * Per-group rates and disparities of a classifier whose prediction for row i is 1 with probability p_i — a
 * randomized post-processed or reductions classifier, or a deterministic one (p_i ∈ {0, 1}). Expected values over
 * the randomization, not one draw: a draw's figures wobble by O(1/√n) around these (Fairlearn's `_pmf_predict`).
 * Rates follow Fairlearn's conventions (see `fairness/groupTally.ts`): TPR 0 without positives, FPR 0 without negatives.
 */
import { differenceBetweenGroups, ratioBetweenGroups, ratesFromCells, type Cells, type GroupRates } from '../fairness';
import type { MitigationFigures } from '../../shared/mitigation';

export interface ExpectedFairness {
  overall: GroupRates;
  byGroup: Record<string, GroupRates>;
  demographicParityDifference: number;
  demographicParityRatio: number;
  equalizedOddsDifference: number;
  equalOpportunityDifference: number;
  /** max − min accuracy across groups. */
  accuracyDifference: number;
}

function emptyCells(): Cells {
  return { trueNegatives: 0, falsePositives: 0, falseNegatives: 0, truePositives: 0 };
}

function addRow(cells: Cells, label: number, p: number, weight: number): void {
  if (label === 1) {
    cells.truePositives += weight * p;
    cells.falseNegatives += weight * (1 - p);
  } else {
    cells.falsePositives += weight * p;
    cells.trueNegatives += weight * (1 - p);
  }
}

/** Groups in sorted order, as the threshold optimizer's. */
export function expectedFairness(
  labels: ArrayLike<number>,
  pPositive: ArrayLike<number>,
  groups: readonly string[],
  sampleWeight?: ArrayLike<number>,
): ExpectedFairness {
  if (labels.length === 0) throw new RangeError('no rows');
  const overallCells = emptyCells();
  const cellsOf = new Map<string, { cells: Cells; count: number }>();
  for (let i = 0; i < labels.length; i++) {
    const weight = sampleWeight?.[i] ?? 1;
    const entry = cellsOf.get(groups[i]!) ?? { cells: emptyCells(), count: 0 };
    addRow(entry.cells, labels[i]!, pPositive[i]!, weight);
    entry.count += 1;
    cellsOf.set(groups[i]!, entry);
    addRow(overallCells, labels[i]!, pPositive[i]!, weight);
  }
  const names = [...cellsOf.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const byGroup = Object.fromEntries(
    names.map((name) => [name, ratesFromCells(cellsOf.get(name)!.cells, cellsOf.get(name)!.count)]),
  );
  const rates = Object.values(byGroup);
  const of = (key: keyof GroupRates) => rates.map((r) => r[key]);
  const tprDifference = differenceBetweenGroups(of('truePositiveRate'));
  return {
    overall: ratesFromCells(overallCells, labels.length),
    byGroup,
    demographicParityDifference: differenceBetweenGroups(of('selectionRate')),
    demographicParityRatio: ratioBetweenGroups(of('selectionRate')),
    equalizedOddsDifference: Math.max(tprDifference, differenceBetweenGroups(of('falsePositiveRate'))),
    equalOpportunityDifference: tprDifference,
    accuracyDifference: differenceBetweenGroups(of('accuracy')),
  };
}

/** The headline figures mitigation.json and thresholds.json record for one classifier on one split. */
export function mitigationFigures(
  labels: ArrayLike<number>,
  pPositive: ArrayLike<number>,
  groups: readonly string[],
  sampleWeight?: ArrayLike<number>,
): MitigationFigures {
  const fairness = expectedFairness(
    labels,
    pPositive,
    groups.length > 0 ? groups : new Array<string>(labels.length).fill('all'),
    sampleWeight,
  );
  return {
    accuracy: fairness.overall.accuracy,
    selectionRates: Object.fromEntries(
      Object.entries(fairness.byGroup).map(([group, rates]) => [group, rates.selectionRate]),
    ),
    demographicParityDifference: fairness.demographicParityDifference,
    equalizedOddsDifference: fairness.equalizedOddsDifference,
  };
}
