import normalQuantile from '@stdlib/stats-base-dists-normal-quantile';

/**
 * Wilson score interval for a proportion (Wilson 1927), as statsmodels `proportion_confint(method='wilson')`
 * and SciPy `binomtest(k, n).proportion_ci(method='wilson')`. Counts may be sums of instance weights.
 * An empty sample says nothing: [0, 1].
 */
export function wilsonInterval(successes: number, total: number, confidence = 0.95): [number, number] {
  if (!(confidence > 0 && confidence < 1)) throw new RangeError(`confidence must be in (0, 1), got ${confidence}`);
  if (successes < 0 || successes > total)
    throw new RangeError(`successes (${successes}) must be within 0..total (${total})`);
  if (total === 0) return [0, 1];
  const z = normalQuantile(1 - (1 - confidence) / 2, 0, 1);
  const z2 = z * z;
  const p = successes / total;
  const denominator = 1 + z2 / total;
  const center = (p + z2 / (2 * total)) / denominator;
  const halfWidth = (z / denominator) * Math.sqrt((p * (1 - p)) / total + z2 / (4 * total * total));
  // The bounds are exactly 0 and 1 at the extremes; rounding would leave 1e-17 crumbs there.
  const low = successes === 0 ? 0 : Math.max(0, center - halfWidth);
  const high = successes === total ? 1 : Math.min(1, center + halfWidth);
  return [low, high];
}
