import {
  computeConfidentJoint,
  labelCounts,
  probability,
  rowArgMax,
  type ConfidentJoint,
  type LabelledProbabilities,
} from './confidentJoint';

export const LABEL_FILTERS = [
  'prune_by_noise_rate',
  'prune_by_class',
  'both',
  'confident_learning',
  'predicted_neq_given',
] as const;
export type LabelFilter = (typeof LABEL_FILTERS)[number];

/** Cleanlab `min_examples_per_class` default: a class with this many examples or fewer is never pruned. */
const MIN_EXAMPLES_PER_CLASS = 1;

export interface LabelIssueMask {
  /** One flag per example. */
  issues: boolean[];
  joint: ConfidentJoint;
}

/**
 * Cleanlab `filter.find_label_issues` for single-label data, frac_noise 1 and min_examples_per_class 1:
 * - `prune_by_noise_rate` (the default): for each given class k and each other class j, flag the
 *   prune[j][k] examples labelled k with the largest margin p_j − p_k;
 * - `prune_by_class`: for each class k, flag the n_k − prune[k][k] examples labelled k with the smallest p_k;
 * - `both`: flagged by both; `confident_learning`: the confident joint's off-diagonal examples;
 * - `predicted_neq_given`: argmax p ≠ given label.
 * `prune` is the calibrated confident joint transposed, with each class keeping at least one example. Finally an
 * example whose given label is the argmax once 1e-6 is added to its given label's probability is never flagged.
 * Ties in the orderings are broken by row order (numpy's argsort leaves them unspecified).
 */
export function findLabelIssues(
  data: LabelledProbabilities,
  filter: LabelFilter = 'prune_by_noise_rate',
): LabelIssueMask {
  const joint = computeConfidentJoint(data);
  const byClass = rowsByClass(data);
  let issues: boolean[];
  if (filter === 'confident_learning') {
    issues = new Array<boolean>(data.labels.length).fill(false);
    for (const row of joint.offDiagonal) issues[row] = true;
  } else if (filter === 'predicted_neq_given') {
    issues = Array.from(data.labels, (label, row) => rowArgMax(data, row) !== label);
  } else {
    const prune = keepAtLeastOnePerClass(transpose(joint.calibrated));
    const byNoise = filter === 'prune_by_class' ? undefined : pruneByNoiseRate(data, byClass, prune);
    const byClassMask = filter === 'prune_by_noise_rate' ? undefined : pruneByClass(data, byClass, prune);
    issues = Array.from(data.labels, (_, row) => (byNoise?.[row] ?? true) && (byClassMask?.[row] ?? true));
  }
  for (let row = 0; row < issues.length; row++) if (issues[row] && givenIsPredicted(data, row)) issues[row] = false;
  return { issues, joint };
}

/** Cleanlab `_reduce_issues`: argmax of p, with 1e-6 added to the given label's probability, is the given label. */
function givenIsPredicted(data: LabelledProbabilities, row: number): boolean {
  const given = data.labels[row]!;
  const boosted = probability(data, row, given) + 1e-6;
  for (let k = 0; k < given; k++) if (probability(data, row, k) >= boosted) return false;
  for (let k = given + 1; k < data.classes; k++) if (probability(data, row, k) > boosted) return false;
  return true;
}

function rowsByClass(data: LabelledProbabilities): number[][] {
  const rows = Array.from({ length: data.classes }, () => [] as number[]);
  data.labels.forEach((label, row) => rows[label]!.push(row));
  return rows;
}

function transpose(matrix: number[][]): number[][] {
  return matrix.map((row, i) => row.map((_, j) => matrix[j]![i]!));
}

/**
 * Cleanlab `_keep_at_least_n_per_class` with n = 1 and frac_noise = 1: raise each diagonal entry to ≥ 1, take what
 * was added evenly from the column's non-zero noise entries (floored at 0), then truncate to integers as
 * `astype(int)` does.
 */
export function keepAtLeastOnePerClass(prune: number[][]): number[][] {
  const k = prune.length;
  const adjusted = prune.map((row) => row.slice());
  for (let column = 0; column < k; column++) {
    const diagonal = prune[column]![column]!;
    const added = Math.max(diagonal, MIN_EXAMPLES_PER_CLASS) - diagonal;
    const nonZero = prune.reduce((count, row) => count + (row[column] !== 0 ? 1 : 0), 0);
    const share = added / Math.max(nonZero - 1, 1);
    for (let row = 0; row < k; row++) adjusted[row]![column] = Math.max(0, prune[row]![column]! - share);
    adjusted[column]![column] = diagonal + added;
  }
  return adjusted.map((row) => row.map((value) => Math.trunc(value)));
}

/** Cleanlab `_prune_by_count` for every given class k: rows labelled k with the largest p_j − p_k, prune[j][k] of them. */
function pruneByNoiseRate(data: LabelledProbabilities, byClass: number[][], prune: number[][]): boolean[] {
  const mask = new Array<boolean>(data.labels.length).fill(false);
  byClass.forEach((rows, k) => {
    if (rows.length <= MIN_EXAMPLES_PER_CLASS) return;
    for (let j = 0; j < data.classes; j++) {
      const count = prune[j]![k]!;
      if (j === k || count <= 0) continue;
      const margin = (row: number) => probability(data, row, j) - probability(data, row, k);
      const order = rows.slice().sort((a, b) => margin(b) - margin(a) || a - b);
      for (const row of order.slice(0, count)) mask[row] = true;
    }
  });
  return mask;
}

/** Cleanlab `_prune_by_class`: rows labelled k with the smallest p_k, n_k − prune[k][k] of them. */
function pruneByClass(data: LabelledProbabilities, byClass: number[][], prune: number[][]): boolean[] {
  const mask = new Array<boolean>(data.labels.length).fill(false);
  const counts = labelCounts(data);
  byClass.forEach((rows, k) => {
    if (rows.length <= MIN_EXAMPLES_PER_CLASS) return;
    const count = counts[k]! - prune[k]![k]!;
    if (count < 1) return;
    const order = rows.slice().sort((a, b) => probability(data, a, k) - probability(data, b, k) || a - b);
    for (const row of order.slice(0, count)) mask[row] = true;
  });
  return mask;
}
