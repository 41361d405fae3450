/**
 * Fairlearn's `MetricFrame` (`fairlearn/metrics/_metric_frame.py`): every metric computed on the whole data
 * (`overall`) and on each group of the sensitive features (`byGroup`), with the aggregates Fairlearn derives
 * from them. Groups of several sensitive columns are named by their values joined with "," (`F,black`).
 */
import { checkConsistentLength, checkSampleWeights, type Label, type MetricFn } from './baseMetrics';
import { differenceBetweenGroups, differenceToOverall, ratioBetweenGroups, ratioToOverall } from './disparity';
import { sensitiveGroups } from './groups';

/** `between_groups`: max − min and min / max over groups; `to_overall`: each group against the overall value. */
export type DisparityMethod = 'between_groups' | 'to_overall';

export interface MetricFrameInput {
  metrics: Record<string, MetricFn>;
  yTrue: readonly Label[];
  yPred: readonly Label[];
  /** Column name → one value per example. */
  sensitiveFeatures: Record<string, readonly string[]>;
  sampleWeight?: readonly number[];
}

/** Metric name → value. */
export type MetricValues = Record<string, number>;

export interface MetricFrame {
  sensitiveColumns: string[];
  overall: MetricValues;
  /** Group name → metric name → value; groups sorted by value, column by column. */
  byGroup: Record<string, MetricValues>;
  /** Per metric: the largest absolute difference (Fairlearn `difference`). */
  difference(method?: DisparityMethod): MetricValues;
  /** Per metric: the smallest ratio, always ≤ 1 (Fairlearn `ratio`). */
  ratio(method?: DisparityMethod): MetricValues;
  groupMin(): MetricValues;
  groupMax(): MetricValues;
}

function pick<T>(values: readonly T[], indices: readonly number[]): T[] {
  return indices.map((i) => values[i] as T);
}

function evaluate(
  metrics: Record<string, MetricFn>,
  yTrue: readonly Label[],
  yPred: readonly Label[],
  weights?: readonly number[],
): MetricValues {
  const result: MetricValues = {};
  for (const [name, metric] of Object.entries(metrics)) result[name] = metric(yTrue, yPred, weights);
  return result;
}

/** Applies `aggregate` to each metric's by-group values (non-finite ones are skipped, as pandas skips NaN). */
function perMetric(
  names: readonly string[],
  byGroup: Record<string, MetricValues>,
  aggregate: (values: number[], metric: string) => number,
): MetricValues {
  const result: MetricValues = {};
  for (const metric of names) {
    result[metric] = aggregate(
      Object.values(byGroup).map((values) => values[metric] ?? NaN),
      metric,
    );
  }
  return result;
}

export function metricFrame(input: MetricFrameInput): MetricFrame {
  const { metrics, yTrue, yPred, sampleWeight } = input;
  checkConsistentLength(yTrue, yPred, sampleWeight);
  if (yTrue.length === 0) throw new Error('metricFrame: empty input (no examples)');
  if (sampleWeight !== undefined) checkSampleWeights(sampleWeight);
  const groups = sensitiveGroups(input.sensitiveFeatures, yTrue.length);
  const members: number[][] = groups.names.map(() => []);
  groups.groupOf.forEach((g, i) => members[g]?.push(i));

  const overall = evaluate(metrics, yTrue, yPred, sampleWeight);
  const byGroup: Record<string, MetricValues> = {};
  groups.names.forEach((name, g) => {
    const rows = members[g] ?? [];
    const weights = sampleWeight === undefined ? undefined : pick(sampleWeight, rows);
    byGroup[name] = evaluate(metrics, pick(yTrue, rows), pick(yPred, rows), weights);
  });

  const names = Object.keys(metrics);
  const extreme = (pick: (...values: number[]) => number) => (values: number[]) => {
    const finite = values.filter(Number.isFinite);
    return finite.length === 0 ? NaN : pick(...finite);
  };
  return {
    sensitiveColumns: groups.columns,
    overall,
    byGroup,
    difference: (method = 'between_groups') =>
      perMetric(names, byGroup, (values, metric) =>
        method === 'between_groups'
          ? differenceBetweenGroups(values)
          : differenceToOverall(values, overall[metric] ?? NaN),
      ),
    ratio: (method = 'between_groups') =>
      perMetric(names, byGroup, (values, metric) =>
        method === 'between_groups' ? ratioBetweenGroups(values) : ratioToOverall(values, overall[metric] ?? NaN),
      ),
    groupMin: () => perMetric(names, byGroup, extreme(Math.min)),
    groupMax: () => perMetric(names, byGroup, extreme(Math.max)),
  };
}
