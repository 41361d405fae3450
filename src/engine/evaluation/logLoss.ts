/**
 * Log loss (cross-entropy) as scikit-learn ≥ 1.5 `log_loss(labels=classes)` computes it: probabilities
 * clipped to [ε, 1 − ε] with ε the float64 machine epsilon, not renormalised, averaged with sample weights.
 */
import type { PreparedEvaluation } from './prepare';

/** `np.finfo(np.float64).eps`. */
const EPSILON = Number.EPSILON;

/** −ln p(true class) of each example, clipped. */
export function perExampleLogLoss(prepared: PreparedEvaluation): Float64Array {
  const { n, yTrue, scores } = prepared;
  const losses = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const p = scores[yTrue[i] ?? 0]?.[i] ?? 0;
    losses[i] = -Math.log(Math.min(Math.max(p, EPSILON), 1 - EPSILON));
  }
  return losses;
}

/** Weighted mean of the per-example losses. */
export function meanLogLoss(losses: Float64Array, weight: Float64Array): number {
  let sum = 0;
  let total = 0;
  for (let i = 0; i < losses.length; i++) {
    const w = weight[i] ?? 0;
    sum += w * (losses[i] ?? 0);
    total += w;
  }
  return total === 0 ? NaN : sum / total;
}
