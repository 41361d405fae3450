/**
 * Seeded nonparametric bootstrap with percentile intervals, as Fairlearn's MetricFrame does it
 * (`fairlearn/metrics/_bootstrap.py`): each resample draws n rows with replacement from all rows (not per
 * group), the statistic is recomputed, and the interval is read off the resampled values' quantiles.
 */
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';
import type { RandomGenerator } from 'pure-rand/types/RandomGenerator';
import type { BootstrapSettings, ConfidenceInterval } from '../../shared/reports';

export type { BootstrapSettings, ConfidenceInterval } from '../../shared/reports';

export interface BootstrapOptions {
  /** Number of resamples, ≥ 1 (1,000 is usual). */
  resamples: number;
  /** Integer in [0, 2³²): the same seed gives the same resamples and intervals. */
  seed: number;
  /** Coverage of the interval, in (0, 1); default 0.95. */
  level?: number;
}

export const DEFAULT_CONFIDENCE_LEVEL = 0.95;

export function checkBootstrapOptions(options: BootstrapOptions): BootstrapSettings {
  const { resamples, seed, level = DEFAULT_CONFIDENCE_LEVEL } = options;
  if (!Number.isInteger(resamples) || resamples < 1)
    throw new Error(`bootstrap resamples must be an integer ≥ 1 (got ${resamples})`);
  if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) {
    throw new Error(`bootstrap seed must be an integer in [0, 4294967295] (got ${seed})`);
  }
  if (!(level > 0 && level < 1)) throw new Error(`bootstrap level must be in (0, 1) (got ${level})`);
  return { method: 'percentile', resamples, seed, level };
}

/**
 * A uniform index in [0, n) by rejection, exactly as pure-rand's `uniformInt(rng, 0, n − 1)` draws it (the
 * tests check they agree). Inlined because its general-range dispatch costs five times the generator itself
 * in a loop of 10⁸ draws (1,000 resamples of 100k examples).
 */
function drawIndex(rng: RandomGenerator, n: number, acceptBelow: number): number {
  let value = rng.next() + 0x80000000;
  while (value >= acceptBelow) value = rng.next() + 0x80000000;
  return value % n;
}

/**
 * Calls `visit` once per resample with how many times each of the `n` examples was drawn.
 * The array is reused between calls: read it, do not keep it.
 */
export function forEachResample(
  n: number,
  settings: Pick<BootstrapSettings, 'resamples' | 'seed'>,
  visit: (multiplicity: Uint32Array, resample: number) => void,
): void {
  if (n === 0) throw new Error('cannot bootstrap an empty sample');
  if (n > 0xffffffff) throw new Error(`cannot bootstrap more than 2³² examples (got ${n})`);
  const rng = xoroshiro128plus(settings.seed);
  const acceptBelow = n > 2 ? Math.floor(0x100000000 / n) * n : 0x100000000;
  const multiplicity = new Uint32Array(n);
  for (let r = 0; r < settings.resamples; r++) {
    multiplicity.fill(0);
    for (let draw = 0; draw < n; draw++) {
      const index = drawIndex(rng, n, acceptBelow);
      multiplicity[index] = (multiplicity[index] ?? 0) + 1;
    }
    visit(multiplicity, r);
  }
}

/**
 * numpy's default `quantile` (linear interpolation between order statistics, Hyndman–Fan type 7), which
 * Fairlearn's bootstrap uses; five lines do not justify a dependency.
 */
export function quantileOfSorted(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) throw new Error('quantile of an empty list');
  const position = (sorted.length - 1) * q;
  const below = Math.floor(position);
  const low = sorted[below] ?? NaN;
  const high = sorted[Math.min(below + 1, sorted.length - 1)] ?? NaN;
  return low + (high - low) * (position - below);
}

/** Percentile interval of the resampled values; non-finite values (undefined in that resample) are skipped. */
export function percentileInterval(values: readonly number[], level: number): ConfidenceInterval | null {
  const finite = values.filter(Number.isFinite).sort((a, b) => a - b);
  if (finite.length === 0) return null;
  const tail = (1 - level) / 2;
  return { lower: quantileOfSorted(finite, tail), upper: quantileOfSorted(finite, 1 - tail), resamples: finite.length };
}
