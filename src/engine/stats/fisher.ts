import gammaln from '@stdlib/math-base-special-gammaln';

export type Alternative = 'two-sided' | 'less' | 'greater';

export interface FisherResult {
  /** The sample odds ratio a·d / (b·c), as SciPy returns it (R returns the conditional MLE instead). */
  oddsRatio: number;
  pValue: number;
}

/** Two tables' probabilities closer than this (relative) count as ties; R uses 1e-7, SciPy 1e-14 (see fisherExact). */
const RELATIVE_TIE = 1e-7;

/**
 * Fisher's exact test on a 2 × 2 table [[a, b], [c, d]], with SciPy `fisher_exact` semantics: a ~ Hypergeometric
 * with the margins fixed; two-sided sums the probabilities of all tables no more likely than the observed one.
 * Written by hand because no maintained npm package implements it; the hypergeometric terms are summed in log space
 * outward from a starting point with the ratio recurrence, so a million-row table costs a few thousand steps.
 * Ties use R's 1e-7 tolerance rather than SciPy's 1e-14 because recurrences round differently from SciPy's pmf;
 * the two differ only when a table's probability lies within 1e-7 of the observed one's without equalling it.
 */
export function fisherExact(
  table: readonly [readonly [number, number], readonly [number, number]],
  alternative: Alternative = 'two-sided',
): FisherResult {
  const [[a, b], [c, d]] = table;
  for (const value of [a, b, c, d]) {
    if (!Number.isInteger(value) || value < 0)
      throw new RangeError(`Fisher's exact test needs non-negative integer counts, got ${value}`);
  }
  const oddsRatio = b * c === 0 ? (a * d === 0 ? NaN : Infinity) : (a * d) / (b * c);
  if (a + b === 0 || c + d === 0 || a + c === 0 || b + d === 0) return { oddsRatio, pValue: 1 };
  const law = hypergeometric(a + b + c + d, a + c, a + b);
  const pValue =
    alternative === 'less' ? law.sumFrom(a, -1) : alternative === 'greater' ? law.sumFrom(a, +1) : twoSided(law, a);
  return { oddsRatio, pValue: Math.min(1, pValue) };
}

function twoSided(law: Hypergeometric, observed: number): number {
  const logObserved = law.logPmf(observed);
  const mode = Math.floor(((law.draws + 1) * (law.successes + 1)) / (law.population + 2));
  if (Math.abs(logObserved - law.logPmf(mode)) <= RELATIVE_TIE) return 1;
  const threshold = logObserved + Math.log1p(RELATIVE_TIE);
  // The pmf is unimodal: the observed tail plus the first point past the mode, on the other side, that is no more likely.
  if (observed < mode) {
    const other = firstAtMost(law, threshold, mode, law.high, +1);
    return law.sumFrom(observed, -1) + (other === undefined ? 0 : law.sumFrom(other, +1));
  }
  const other = firstAtMost(law, threshold, mode, law.low, -1);
  return law.sumFrom(observed, +1) + (other === undefined ? 0 : law.sumFrom(other, -1));
}

/** Binary search from the mode towards `end` for the first value whose log pmf is ≤ threshold. */
function firstAtMost(
  law: Hypergeometric,
  threshold: number,
  mode: number,
  end: number,
  direction: 1 | -1,
): number | undefined {
  if (law.logPmf(end) > threshold) return undefined;
  let inside = mode; // log pmf > threshold
  let outside = end; // log pmf ≤ threshold
  while (Math.abs(outside - inside) > 1) {
    const middle = inside + direction * Math.floor(Math.abs(outside - inside) / 2);
    if (law.logPmf(middle) <= threshold) outside = middle;
    else inside = middle;
  }
  return outside;
}

interface Hypergeometric {
  population: number;
  successes: number;
  draws: number;
  low: number;
  high: number;
  logPmf(k: number): number;
  /** P(X ≤ k) for direction −1, P(X ≥ k) for +1. */
  sumFrom(k: number, direction: 1 | -1): number;
}

function hypergeometric(population: number, successes: number, draws: number): Hypergeometric {
  const failures = population - successes;
  const logNormaliser = logChoose(population, draws);
  const low = Math.max(0, draws - failures);
  const high = Math.min(draws, successes);
  const mode = Math.floor(((draws + 1) * (successes + 1)) / (population + 2));
  const logPmf = (k: number) =>
    k < low || k > high ? -Infinity : logChoose(successes, k) + logChoose(failures, draws - k) - logNormaliser;
  /** log p(k+1) − log p(k). */
  const logStepUp = (k: number) => Math.log(((successes - k) * (draws - k)) / ((k + 1) * (failures - draws + k + 1)));
  const sumFrom = (start: number, direction: 1 | -1): number => {
    const logStart = logPmf(start);
    let relativeSum = 0; // Σ p(k) / p(start), so that far tails neither overflow nor underflow
    let logRelative = 0;
    for (let k = start; k >= low && k <= high; k += direction) {
      const term = Math.exp(logRelative);
      relativeSum += term;
      const leavingMode = direction > 0 ? k >= mode : k <= mode;
      if (leavingMode && term < relativeSum * 1e-17) break;
      logRelative += direction > 0 ? logStepUp(k) : -logStepUp(k - 1);
    }
    return Math.exp(logStart + Math.log(relativeSum));
  };
  return { population, successes, draws, low, high, logPmf, sumFrom };
}

function logChoose(n: number, k: number): number {
  return gammaln(n + 1) - gammaln(k + 1) - gammaln(n - k + 1);
}
