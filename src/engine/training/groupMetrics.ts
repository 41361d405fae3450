import type { GroupEpochMetrics } from '../../shared/runs';
import { groupCells, tallyGroups, type BinaryOutcomes, sensitiveGroups } from '../fairness';
import { argMax } from './loop';

/**
 * Per-group selection rate and true-positive rate of validation predictions, for the live chart: unweighted
 * counts, positive = predicted class is `positiveClass`. Tallied by the fairness report's own group tally, so the
 * chart and the test report count the same way; the full report is computed on the test split.
 */
export function groupEpochMetrics(
  probabilities: Float32Array,
  labels: Int32Array,
  classes: number,
  positiveClass: number,
  sensitive: Readonly<Record<string, readonly string[]>>,
): Record<string, GroupEpochMetrics[]> {
  const outcomes: BinaryOutcomes = {
    actualPositive: Uint8Array.from(labels, (label) => (label === positiveClass ? 1 : 0)),
    predictedPositive: Uint8Array.from(labels, (_, i) =>
      argMax(probabilities.subarray(i * classes, (i + 1) * classes)) === positiveClass ? 1 : 0,
    ),
    weight: new Float64Array(labels.length).fill(1),
  };
  const result: Record<string, GroupEpochMetrics[]> = {};
  for (const [column, values] of Object.entries(sensitive)) {
    const groups = sensitiveGroups({ [column]: values }, labels.length);
    const tally = tallyGroups(outcomes, groups.groupOf, groups.names.length);
    result[column] = groups.names.map((group, g) => {
      const { truePositives, falsePositives, falseNegatives } = groupCells(tally, g);
      const count = tally.counts[g] ?? 0;
      const positives = truePositives + falseNegatives;
      return {
        group,
        count,
        selectionRate: (truePositives + falsePositives) / count,
        // Unlike Fairlearn's TPR (0 without positives), the chart leaves a group without positives out: null.
        truePositiveRate: positives > 0 ? truePositives / positives : null,
      };
    });
  }
  return result;
}
