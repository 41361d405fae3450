import { probability, type LabelledProbabilities } from './confidentJoint';

export const RANK_METHODS = ['self_confidence', 'normalized_margin', 'confidence_weighted_entropy'] as const;
export type RankMethod = (typeof RANK_METHODS)[number];

/** Cleanlab `CLIPPING_LOWER_BOUND`. */
const CLIPPING_LOWER_BOUND = 1e-6;

/**
 * Cleanlab `get_label_quality_scores` (adjust_pred_probs=False), one score in [0, 1] per example, lower = more likely
 * mislabelled. With k the given label and p the probabilities:
 * - `self_confidence`: p_k;
 * - `normalized_margin`: (p_k − max_{j≠k} p_j + 1) / 2;
 * - `confidence_weighted_entropy`: with s = H(p)/log(K) / max(p_k, 1e-6), log(s + 1) / max(s, 1e-6).
 */
export function labelQualityScore(data: LabelledProbabilities, row: number, method: RankMethod): number {
  const given = data.labels[row]!;
  const self = probability(data, row, given);
  if (method === 'self_confidence') return self;
  if (method === 'normalized_margin') {
    let other = -Infinity;
    for (let k = 0; k < data.classes; k++) if (k !== given) other = Math.max(other, probability(data, row, k));
    return (self - other + 1) / 2;
  }
  let entropy = 0;
  for (let k = 0; k < data.classes; k++) {
    const p = probability(data, row, k);
    if (p > 0) entropy -= p * Math.log(p); // xlogy(0, 0) = 0
  }
  const score = entropy / Math.log(data.classes) / Math.max(self, CLIPPING_LOWER_BOUND);
  return Math.log(score + 1) / Math.max(score, CLIPPING_LOWER_BOUND);
}

/** Cleanlab `order_label_issues`: the flagged rows in ascending order of their score (stable on ties). */
export function orderLabelIssues(
  data: LabelledProbabilities,
  rows: readonly number[],
  method: RankMethod,
): Array<{ row: number; score: number }> {
  return rows
    .map((row) => ({ row, score: labelQualityScore(data, row, method) }))
    .sort((a, b) => a.score - b.score || a.row - b.row);
}
