import type { GroupEpochMetrics } from '../../shared/runs';
import { argMax } from './loop';

/**
 * Per-group selection rate and true-positive rate of validation predictions, for the live chart: cheap counts,
 * unweighted, positive = predicted class is `positiveClass`. The full fairness report is computed on the test split.
 */
export function groupEpochMetrics(
  probabilities: Float32Array,
  labels: Int32Array,
  classes: number,
  positiveClass: number,
  sensitive: Readonly<Record<string, readonly string[]>>,
): Record<string, GroupEpochMetrics[]> {
  const predictedPositive = Array.from(labels, (_, i) => argMax(probabilities.subarray(i * classes, (i + 1) * classes)) === positiveClass);
  const result: Record<string, GroupEpochMetrics[]> = {};
  for (const [column, values] of Object.entries(sensitive)) {
    const tallies = new Map<string, { count: number; selected: number; positives: number; truePositives: number }>();
    values.forEach((group, i) => {
      const tally = tallies.get(group) ?? { count: 0, selected: 0, positives: 0, truePositives: 0 };
      const actual = labels[i] === positiveClass;
      tally.count += 1;
      if (predictedPositive[i]) tally.selected += 1;
      if (actual) tally.positives += 1;
      if (actual && predictedPositive[i]) tally.truePositives += 1;
      tallies.set(group, tally);
    });
    result[column] = [...tallies.entries()]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([group, tally]) => ({
        group,
        count: tally.count,
        selectionRate: tally.selected / tally.count,
        truePositiveRate: tally.positives > 0 ? tally.truePositives / tally.positives : null,
      }));
  }
  return result;
}
