/**
 * The fairness report of `rml fairness --format json`: per-group rates of a binary classifier's predictions
 * and the disparities between groups — Fairlearn's (`_fairness_metrics.py`, between groups) always, AIF360's
 * `ClassificationMetric` ones when a privileged group is named.
 */
import type { FairlearnDisparities, FairnessReport, PrivilegedComparison } from '../../shared/reports';
import { checkConsistentLength, checkSampleWeights, resolvePositiveLabel } from './baseMetrics';
import { checkBootstrapOptions, forEachResample, type BootstrapOptions, type BootstrapSettings } from './bootstrap';
import { differenceBetweenGroups, disparateImpact, ratioBetweenGroups, statisticalParityDifference } from './disparity';
import {
  groupCells,
  ratesFromCells,
  sumCells,
  tallyGroups,
  type BinaryOutcomes,
  type GroupRates,
  type GroupTally,
} from './groupTally';
import { sensitiveGroups, type SensitiveGroups } from './groups';
import { privilegedGroupMask, type PrivilegedAssignment } from './privileged';
import { disparitiesOf, FairnessIntervalCollector, type FairnessIntervals } from './reportIntervals';

export type { GroupRates } from './groupTally';

export interface FairnessReportInput {
  yTrue: readonly string[];
  yPred: readonly string[];
  /** Sensitive column name → one value per example; several columns make intersectional groups (`F,black`). */
  sensitive: Record<string, readonly string[]>;
  /** The favourable label (AIF360's favorable_label). */
  posLabel: string;
  /** Turns on AIF360's metrics; see `privileged.ts` for how several assignments combine. */
  privileged?: readonly PrivilegedAssignment[];
  sampleWeight?: readonly number[];
  /** Percentile bootstrap intervals, reported under `intervals`. */
  bootstrap?: BootstrapOptions;
}

export type { FairlearnDisparities, FairnessReport, PrivilegedComparison } from '../../shared/reports';

/** Everything a report needs, computed once and reused by every bootstrap resample. */
export interface PreparedFairness {
  outcomes: BinaryOutcomes;
  groups: SensitiveGroups;
  privilegedMask?: boolean[];
}

/** Builds the groups and the privileged mask, checking that every group carries some weight. */
export function prepareFairness(
  outcomes: BinaryOutcomes,
  sensitive: Record<string, readonly string[]>,
  privileged?: readonly PrivilegedAssignment[],
): PreparedFairness {
  const n = outcomes.weight.length;
  if (n === 0) throw new Error('fairness report: empty input (no examples)');
  const groups = sensitiveGroups(sensitive, n);
  const tally = tallyGroups(outcomes, groups.groupOf, groups.names.length);
  groups.names.forEach((name, g) => {
    const weight = groupCells(tally, g);
    if (weight.trueNegatives + weight.falsePositives + weight.falseNegatives + weight.truePositives === 0) {
      throw new Error(`group '${name}': its sample weights sum to 0`);
    }
  });
  const privilegedMask = privileged === undefined ? undefined : privilegedGroupMask(groups, privileged);
  return { outcomes, groups, privilegedMask };
}

function fairlearnDisparities(byGroup: readonly GroupRates[]): FairlearnDisparities {
  const tpr = byGroup.map((rates) => rates.truePositiveRate);
  const fpr = byGroup.map((rates) => rates.falsePositiveRate);
  const selection = byGroup.map((rates) => rates.selectionRate);
  return {
    demographicParityDifference: differenceBetweenGroups(selection),
    demographicParityRatio: ratioBetweenGroups(selection),
    equalizedOddsDifference: Math.max(differenceBetweenGroups(tpr), differenceBetweenGroups(fpr)),
    equalizedOddsRatio: Math.min(ratioBetweenGroups(tpr), ratioBetweenGroups(fpr)),
    equalOpportunityDifference: differenceBetweenGroups(tpr),
    equalOpportunityRatio: ratioBetweenGroups(tpr),
  };
}

function privilegedComparison(tally: GroupTally, mask: readonly boolean[]): PrivilegedComparison {
  const side = (privileged: boolean) =>
    ratesFromCells(
      sumCells(tally, (g) => mask[g] === privileged),
      0,
    );
  const p = side(true);
  const u = side(false);
  const impact = disparateImpact(u.selectionRate, p.selectionRate);
  return {
    statisticalParityDifference: statisticalParityDifference(u.selectionRate, p.selectionRate),
    disparateImpact: Number.isFinite(impact) ? impact : null,
    averageOddsDifference:
      0.5 * (u.falsePositiveRate - p.falsePositiveRate + (u.truePositiveRate - p.truePositiveRate)),
  };
}

/** The report for one tally: the data itself, or a bootstrap resample of it. */
export function reportFromTally(prepared: PreparedFairness, tally: GroupTally): FairnessReport {
  const { names } = prepared.groups;
  const rates = names.map((_, g) => ratesFromCells(groupCells(tally, g), tally.counts[g] ?? 0));
  const total = tally.counts.reduce((sum, count) => sum + count, 0);
  const byGroup: Record<string, GroupRates> = {};
  names.forEach((name, g) => (byGroup[name] = rates[g] as GroupRates));
  const report: FairnessReport = {
    overall: ratesFromCells(
      sumCells(tally, () => true),
      total,
    ),
    byGroup,
    ...fairlearnDisparities(rates),
  };
  return prepared.privilegedMask === undefined
    ? report
    : { ...report, ...privilegedComparison(tally, prepared.privilegedMask) };
}

/** True/predicted labels → favourable-or-not, with Fairlearn's label checks (at most two labels). */
export function binaryOutcomes(
  yTrue: readonly string[],
  yPred: readonly string[],
  posLabel: string,
  sampleWeight?: readonly number[],
): BinaryOutcomes {
  checkConsistentLength(yTrue, yPred, sampleWeight);
  if (sampleWeight !== undefined) checkSampleWeights(sampleWeight);
  const pos = resolvePositiveLabel(yTrue, yPred, posLabel);
  return {
    actualPositive: Uint8Array.from(yTrue, (label) => (label === pos ? 1 : 0)),
    predictedPositive: Uint8Array.from(yPred, (label) => (label === pos ? 1 : 0)),
    weight: sampleWeight === undefined ? new Float64Array(yTrue.length).fill(1) : Float64Array.from(sampleWeight),
  };
}

/** Percentile intervals over `settings.resamples` resamples of the examples behind `report`. */
export function bootstrapFairness(
  prepared: PreparedFairness,
  report: FairnessReport,
  settings: BootstrapSettings,
): FairnessIntervals {
  const { outcomes, groups } = prepared;
  const collector = new FairnessIntervalCollector(groups.names, disparitiesOf(report));
  forEachResample(outcomes.weight.length, settings, (multiplicity) => {
    collector.add(reportFromTally(prepared, tallyGroups(outcomes, groups.groupOf, groups.names.length, multiplicity)));
  });
  return collector.intervals(settings);
}

export function fairnessReport(input: FairnessReportInput): FairnessReport {
  const outcomes = binaryOutcomes(input.yTrue, input.yPred, input.posLabel, input.sampleWeight);
  const prepared = prepareFairness(outcomes, input.sensitive, input.privileged);
  const { groups } = prepared;
  const report = reportFromTally(prepared, tallyGroups(outcomes, groups.groupOf, groups.names.length));
  if (input.bootstrap === undefined) return report;
  return { ...report, intervals: bootstrapFairness(prepared, report, checkBootstrapOptions(input.bootstrap)) };
}
