/**
 * The fairness half of an evaluation: the classifier's argmax predictions reduced to "favourable class or not"
 * (one-vs-rest with more than two classes), then a fairness report per sensitive column and one for their
 * intersection, each with per-group confusion matrices over all classes.
 */
import {
  type BinaryOutcomes,
  type PrivilegedAssignment,
  tallyGroups,
  prepareFairness,
  reportFromTally,
  type PreparedFairness,
} from '../fairness';
import { matrixRows } from './classification';
import type { PreparedEvaluation } from './prepare';
import type { EvaluationFairness, EvaluationInput, GroupFairness } from './types';

/** One way of grouping the examples: a single sensitive column, or all of them together. */
export interface Grouping {
  kind: 'column' | 'intersection';
  name: string;
  fairness: PreparedFairness;
  /** Column groupings beside an intersection: the column group of each intersection group (see `mergeTally`). */
  fromIntersection?: Uint32Array;
}

export interface FairnessPlan {
  positiveClass: number;
  outcomes: BinaryOutcomes;
  groupings: Grouping[];
}

function checkPrivilegedColumns(
  sensitive: Record<string, readonly string[]>,
  privileged: readonly PrivilegedAssignment[],
): void {
  for (const { column } of privileged) {
    if (!(column in sensitive)) {
      throw new Error(`privileged column '${column}' is not a sensitive column (${Object.keys(sensitive).join(', ')})`);
    }
  }
}

/**
 * A column's report uses the privileged assignments on that column (none: no AIF360 metrics for it);
 * the intersection's uses all of them.
 */
export function planFairness(
  prepared: PreparedEvaluation,
  input: EvaluationInput,
  positiveClass: number | undefined,
): FairnessPlan | undefined {
  const { sensitive, privileged } = input;
  if (sensitive === undefined) return undefined;
  if (positiveClass === undefined) {
    throw new Error(
      `positiveClass is required for fairness metrics with ${prepared.k} classes (the favourable class, one-vs-rest)`,
    );
  }
  if (privileged !== undefined) checkPrivilegedColumns(sensitive, privileged);
  const outcomes: BinaryOutcomes = {
    actualPositive: Uint8Array.from(prepared.yTrue, (t) => (t === positiveClass ? 1 : 0)),
    predictedPositive: Uint8Array.from(prepared.predicted, (p) => (p === positiveClass ? 1 : 0)),
    weight: prepared.weight,
  };
  const columns = Object.keys(sensitive);
  const groupings: Grouping[] = columns.map((column) => {
    const own = privileged?.filter((assignment) => assignment.column === column);
    const values = sensitive[column] ?? [];
    return {
      kind: 'column',
      name: column,
      fairness: prepareFairness(outcomes, { [column]: values }, own?.length ? own : undefined),
    };
  });
  if (columns.length > 1) {
    // Without privileged groups the intersection has Fairlearn's figures only, as each column has.
    const intersection = prepareFairness(outcomes, sensitive, privileged?.length ? privileged : undefined);
    groupings.forEach((grouping, k) => (grouping.fromIntersection = columnGroupOf(intersection, grouping.fairness, k)));
    groupings.push({ kind: 'intersection', name: columns.join(','), fairness: intersection });
  }
  return { positiveClass, outcomes, groupings };
}

/** For each intersection group, the index of its value of column `k` among that column's groups. */
function columnGroupOf(intersection: PreparedFairness, column: PreparedFairness, k: number): Uint32Array {
  const index = new Map(column.groups.values.map((tuple, g) => [tuple[0] ?? '', g]));
  return Uint32Array.from(intersection.groups.values, (tuple) => index.get(tuple[k] ?? '') ?? 0);
}

/** Weighted k × k confusion matrix of each group (rows true class, columns predicted). */
function groupConfusionMatrices(prepared: PreparedEvaluation, fairness: PreparedFairness): Record<string, number[][]> {
  const { k, n, yTrue, predicted, weight } = prepared;
  const { names, groupOf } = fairness.groups;
  const matrices = names.map(() => new Float64Array(k * k));
  for (let i = 0; i < n; i++) {
    const matrix = matrices[groupOf[i] ?? 0] as Float64Array;
    const cell = (yTrue[i] ?? 0) * k + (predicted[i] ?? 0);
    matrix[cell] = (matrix[cell] ?? 0) + (weight[i] ?? 0);
  }
  const result: Record<string, number[][]> = {};
  names.forEach((name, g) => (result[name] = matrixRows(matrices[g] as Float64Array, k)));
  return result;
}

export function groupFairness(prepared: PreparedEvaluation, grouping: Grouping): GroupFairness {
  const { fairness } = grouping;
  const tally = tallyGroups(fairness.outcomes, fairness.groups.groupOf, fairness.groups.names.length);
  return { report: reportFromTally(fairness, tally), confusionMatrices: groupConfusionMatrices(prepared, fairness) };
}

export function fairnessSection(
  prepared: PreparedEvaluation,
  plan: FairnessPlan,
  classes: readonly string[],
): EvaluationFairness {
  const section: EvaluationFairness = { positiveClass: classes[plan.positiveClass] ?? '', byColumn: {} };
  for (const grouping of plan.groupings) {
    const result = groupFairness(prepared, grouping);
    if (grouping.kind === 'column') section.byColumn[grouping.name] = result;
    else section.intersection = result;
  }
  return section;
}
