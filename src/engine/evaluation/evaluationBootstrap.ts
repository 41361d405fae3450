/**
 * Bootstrap intervals for an evaluation. Every resample is drawn once and shared: the headline metrics and
 * every fairness report of the same resample see the same examples, so their intervals are comparable.
 */
import {
  forEachResample,
  percentileInterval,
  type BootstrapSettings,
  mergeTally,
  tallyGroups,
  type GroupTally,
  reportFromTally,
  disparitiesOf,
  FairnessIntervalCollector,
  type FairnessIntervals,
} from '../fairness';
import { expectedCalibrationError, type CalibrationData } from './calibration';
import { accuracyFromMatrix, confusionCounts, macroScores, scoresFromMatrix } from './classification';
import type { FairnessPlan, Grouping } from './groupFairness';
import { meanLogLoss } from './logLoss';
import type { PreparedEvaluation } from './prepare';
import { headlineAuc, type ScoreOrdering } from './rocAuc';
import { HEADLINE_METRICS, type EvaluationFairness, type EvaluationIntervals, type HeadlineMetric } from './types';

/** What the metrics need, computed once from the input. */
export interface EvaluationContext {
  prepared: PreparedEvaluation;
  orderings: ScoreOrdering[];
  losses: Float64Array;
  calibration: CalibrationData;
  plan?: FairnessPlan;
}

type HeadlineValues = Record<HeadlineMetric, number | null>;

/** The headline metrics under per-example weights `weight` (examples with `drawn[i] = 0` are absent). */
export function headlineMetrics(context: EvaluationContext, weight: Float64Array, drawn?: Uint32Array): HeadlineValues {
  const { prepared } = context;
  const { matrix, present } = confusionCounts(prepared, weight, drawn);
  return {
    accuracy: accuracyFromMatrix(matrix, prepared.k),
    ...macroScores(scoresFromMatrix(matrix, prepared.k), present),
    rocAuc: headlineAuc(prepared, context.orderings, weight),
    logLoss: meanLogLoss(context.losses, weight),
    expectedCalibrationError: expectedCalibrationError(context.calibration, weight, drawn),
  };
}

/** Each grouping's tally of one resample; column groupings are folded from the intersection's, read once. */
function fairnessTallies(groupings: readonly Grouping[], drawn: Uint32Array): GroupTally[] {
  const tally = ({ fairness }: Grouping) =>
    tallyGroups(fairness.outcomes, fairness.groups.groupOf, fairness.groups.names.length, drawn);
  const intersection = groupings.find((grouping) => grouping.kind === 'intersection');
  const fine = intersection === undefined ? undefined : tally(intersection);
  return groupings.map((grouping) => {
    if (grouping === intersection && fine !== undefined) return fine;
    if (fine === undefined || grouping.fromIntersection === undefined) return tally(grouping);
    return mergeTally(fine, grouping.fromIntersection, grouping.fairness.groups.names.length);
  });
}

export interface EvaluationIntervalSet {
  headline: EvaluationIntervals;
  /** Fairness intervals of each grouping of the plan, in plan order. */
  fairness: Array<{ grouping: Grouping; intervals: FairnessIntervals }>;
}

export function bootstrapEvaluation(
  context: EvaluationContext,
  fairness: EvaluationFairness | undefined,
  settings: BootstrapSettings,
): EvaluationIntervalSet {
  const { prepared, plan } = context;
  const samples = new Map<HeadlineMetric, number[]>(HEADLINE_METRICS.map((name) => [name, []]));
  const collectors = (plan?.groupings ?? []).map((grouping) => {
    const report =
      grouping.kind === 'column' ? fairness?.byColumn[grouping.name]?.report : fairness?.intersection?.report;
    const disparities = report === undefined ? [] : disparitiesOf(report);
    return { grouping, collector: new FairnessIntervalCollector(grouping.fairness.groups.names, disparities) };
  });
  const effective = new Float64Array(prepared.n);
  forEachResample(prepared.n, settings, (drawn) => {
    for (let i = 0; i < prepared.n; i++) effective[i] = (prepared.weight[i] ?? 0) * (drawn[i] ?? 0);
    const values = headlineMetrics(context, effective, drawn);
    for (const name of HEADLINE_METRICS) samples.get(name)?.push(values[name] ?? NaN);
    const tallies = fairnessTallies(
      collectors.map(({ grouping }) => grouping),
      drawn,
    );
    collectors.forEach(({ grouping, collector }, g) =>
      collector.add(reportFromTally(grouping.fairness, tallies[g] as GroupTally)),
    );
  });
  const headline = { ...settings } as EvaluationIntervals;
  for (const name of HEADLINE_METRICS) headline[name] = percentileInterval(samples.get(name) ?? [], settings.level);
  return {
    headline,
    fairness: collectors.map(({ grouping, collector }) => ({ grouping, intervals: collector.intervals(settings) })),
  };
}
