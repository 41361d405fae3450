/**
 * Label metrics from the weighted confusion matrix: scikit-learn `confusion_matrix`, `accuracy_score` and
 * `precision_recall_fscore_support`, with its `zero_division` default (an undefined score is 0).
 */
import type { PreparedEvaluation } from './prepare';
import type { ClassScores } from './types';

export interface ConfusionCounts {
  /** `matrix[t·k + p]`: summed weight of examples of true class t predicted as p. */
  matrix: Float64Array;
  /** Classes that occur as a true or predicted label (scikit-learn's default `labels`, `unique_labels`). */
  present: boolean[];
}

/**
 * @param weight effective weight per example (sample weight × times drawn)
 * @param drawn times each example was drawn in a bootstrap resample; absent: all examples, once
 */
export function confusionCounts(
  prepared: PreparedEvaluation,
  weight: Float64Array,
  drawn?: Uint32Array,
): ConfusionCounts {
  const { n, k, yTrue, predicted } = prepared;
  const matrix = new Float64Array(k * k);
  const present: boolean[] = new Array<boolean>(k).fill(false);
  for (let i = 0; i < n; i++) {
    if (drawn !== undefined && drawn[i] === 0) continue;
    const t = yTrue[i] ?? 0;
    const p = predicted[i] ?? 0;
    matrix[t * k + p] = (matrix[t * k + p] ?? 0) + (weight[i] ?? 0);
    present[t] = true;
    present[p] = true;
  }
  return { matrix, present };
}

/** Rows of the k × k matrix, for JSON. */
export function matrixRows(matrix: Float64Array, k: number): number[][] {
  return Array.from({ length: k }, (_, t) => Array.from(matrix.subarray(t * k, (t + 1) * k)));
}

/** `accuracy_score`: weighted share on the diagonal. */
export function accuracyFromMatrix(matrix: Float64Array, k: number): number {
  let correct = 0;
  let total = 0;
  matrix.forEach((value, cell) => {
    total += value;
    if (cell % (k + 1) === 0) correct += value;
  });
  return total === 0 ? NaN : correct / total;
}

const ratio = (numerator: number, denominator: number) => (denominator === 0 ? 0 : numerator / denominator);

/** Per class, one-vs-rest: precision TP/(TP+FP), recall TP/(TP+FN), F1 2TP/(2TP+FP+FN), support TP+FN. */
export function scoresFromMatrix(matrix: Float64Array, k: number): Array<Omit<ClassScores, 'class' | 'rocAuc'>> {
  return Array.from({ length: k }, (_, c) => {
    let predictedAsC = 0;
    let actuallyC = 0;
    for (let j = 0; j < k; j++) {
      predictedAsC += matrix[j * k + c] ?? 0;
      actuallyC += matrix[c * k + j] ?? 0;
    }
    const tp = matrix[c * k + c] ?? 0;
    return {
      precision: ratio(tp, predictedAsC),
      recall: ratio(tp, actuallyC),
      f1: ratio(2 * tp, predictedAsC + actuallyC),
      support: actuallyC,
    };
  });
}

export interface MacroScores {
  macroPrecision: number;
  macroRecall: number;
  macroF1: number;
}

/** `average='macro'`: unweighted mean over the classes present; F1 is the mean of per-class F1s. */
export function macroScores(
  scores: ReadonlyArray<Omit<ClassScores, 'class' | 'rocAuc'>>,
  present: readonly boolean[],
): MacroScores {
  const used = scores.filter((_, c) => present[c]);
  const mean = (pick: (s: Omit<ClassScores, 'class' | 'rocAuc'>) => number) =>
    used.length === 0 ? NaN : used.reduce((sum, s) => sum + pick(s), 0) / used.length;
  return { macroPrecision: mean((s) => s.precision), macroRecall: mean((s) => s.recall), macroF1: mean((s) => s.f1) };
}
