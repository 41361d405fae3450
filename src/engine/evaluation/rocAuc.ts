/**
 * ROC AUC as the (weighted) Mann–Whitney statistic: the probability that a random positive scores above a
 * random negative, ties counting ½ — equal to the trapezoidal area under scikit-learn's `roc_curve`, so it
 * matches `roc_auc_score` (binary: the class-1 column; multi-class: `multi_class='ovr', average='macro'`).
 * Scores are sorted once; each bootstrap resample is then one linear pass with its own weights.
 */
import type { PreparedEvaluation } from './prepare';

/** Examples of one class's score column in ascending order, with where runs of equal scores end. */
export interface ScoreOrdering {
  order: Uint32Array;
  /** `lastOfTie[j]` is 1 when `order[j]` ends a run of equal scores. */
  lastOfTie: Uint8Array;
}

export function scoreOrdering(scores: Float64Array): ScoreOrdering {
  const order = new Uint32Array(scores.length).map((_, i) => i);
  order.sort((a, b) => (scores[a] ?? 0) - (scores[b] ?? 0));
  const lastOfTie = new Uint8Array(order.length);
  for (let j = 0; j < order.length; j++) {
    const next = order[j + 1];
    lastOfTie[j] = next === undefined || scores[next] !== scores[order[j] ?? 0] ? 1 : 0;
  }
  return { order, lastOfTie };
}

/**
 * AUC of "true class is c" against the scores in `ordering`; null when c is never or always the true class
 * (scikit-learn raises "Only one class present in y_true").
 */
export function oneVsRestAuc(
  prepared: PreparedEvaluation,
  ordering: ScoreOrdering,
  c: number,
  weight: Float64Array,
): number | null {
  const { yTrue } = prepared;
  const { order, lastOfTie } = ordering;
  let negativesBelow = 0;
  let positives = 0;
  let pairs = 0;
  let tiePositives = 0;
  let tieNegatives = 0;
  for (let j = 0; j < order.length; j++) {
    const i = order[j] ?? 0;
    if (yTrue[i] === c) tiePositives += weight[i] ?? 0;
    else tieNegatives += weight[i] ?? 0;
    if (lastOfTie[j] === 1) {
      pairs += tiePositives * (negativesBelow + tieNegatives / 2);
      negativesBelow += tieNegatives;
      positives += tiePositives;
      tiePositives = 0;
      tieNegatives = 0;
    }
  }
  // After the pass every negative is "below".
  if (positives === 0 || negativesBelow === 0) return null;
  return pairs / (positives * negativesBelow);
}

/** One ordering per class; binary evaluations only ever read class 1's for the headline AUC. */
export function scoreOrderings(prepared: PreparedEvaluation): ScoreOrdering[] {
  return prepared.scores.map(scoreOrdering);
}

/** Headline AUC: binary, class 1's column; more classes, the macro mean of one-vs-rest AUCs (null if one is undefined). */
export function headlineAuc(
  prepared: PreparedEvaluation,
  orderings: readonly ScoreOrdering[],
  weight: Float64Array,
): number | null {
  if (prepared.k === 2) return oneVsRestAuc(prepared, orderings[1] as ScoreOrdering, 1, weight);
  let sum = 0;
  for (let c = 0; c < prepared.k; c++) {
    const auc = oneVsRestAuc(prepared, orderings[c] as ScoreOrdering, c, weight);
    if (auc === null) return null;
    sum += auc;
  }
  return sum / prepared.k;
}
