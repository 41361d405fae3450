/**
 * RDP → (ε, δ) conversion and the accountant of DP-SGD, as Opacus's `RDPAccountant` (`opacus/accountants/rdp.py`,
 * `analysis/rdp.py::get_privacy_spent`) and `get_noise_multiplier` (`opacus/accountants/utils.py`).
 */
import { computeRdp } from './rdp';

/**
 * Opacus's default orders: 1.1, 1.2, …, 10.9 and 12, 13, …, 63 (`RDPAccountant.DEFAULT_ALPHAS`). Computed as
 * Python does (1 + x / 10.0), so the fractional orders are the same doubles.
 */
export const DEFAULT_ORDERS: readonly number[] = Object.freeze([
  ...Array.from({ length: 99 }, (_, k) => 1 + (k + 1) / 10),
  ...Array.from({ length: 52 }, (_, k) => 12 + k),
]);

/**
 * `improved`: Balle, Barthe, Gaboardi, Hsu, Sato (2020), "Hypothesis testing interpretations and Rényi differential
 * privacy", Theorem 21 — ε = rdp − (ln δ + ln α)/(α − 1) + ln((α − 1)/α); today's Opacus and TF Privacy.
 * `classic`: Mironov (2017) Proposition 3 — ε = rdp − ln δ/(α − 1); Opacus's older README figures use it.
 * They differ by about 15 % at typical settings: every ε this project reports names its conversion.
 */
export type RdpConversion = 'improved' | 'classic';

export interface PrivacySpent {
  epsilon: number;
  /** The RDP order at which the minimum was attained. */
  order: number;
  conversion: RdpConversion;
  /** Set when the best order is the smallest or the largest given (widen the orders for a tighter bound). */
  warning?: string;
}

/** ε of RDP values at `orders` for a target δ; NaN orders are skipped as numpy's nanargmin does. */
export function privacySpent(
  orders: readonly number[],
  rdp: readonly number[],
  delta: number,
  conversion: RdpConversion = 'improved',
): PrivacySpent {
  if (orders.length !== rdp.length || orders.length === 0)
    throw new RangeError('orders and RDP values must be non-empty and of equal length');
  if (!(delta > 0 && delta < 1)) throw new RangeError(`delta must be in (0, 1) (got ${delta})`);
  let best = -1;
  let bestEpsilon = NaN;
  orders.forEach((alpha, k) => {
    const epsilon =
      conversion === 'improved'
        ? rdp[k]! - (Math.log(delta) + Math.log(alpha)) / (alpha - 1) + Math.log((alpha - 1) / alpha)
        : rdp[k]! - Math.log(delta) / (alpha - 1);
    if (Number.isNaN(epsilon)) return;
    if (best < 0 || epsilon < bestEpsilon) {
      best = k;
      bestEpsilon = epsilon;
    }
  });
  // Every ε NaN: no privacy at all (σ = 0 gives rdp = ∞, and ∞ − ∞ terms).
  if (best < 0) return { epsilon: Infinity, order: NaN, conversion };
  const extreme = best === 0 ? 'smallest' : best === orders.length - 1 ? 'largest' : undefined;
  return {
    epsilon: bestEpsilon,
    order: orders[best]!,
    conversion,
    ...(extreme ? { warning: `the optimal order is the ${extreme} one: widen the orders for a tighter bound` } : {}),
  };
}

/** One homogeneous stretch of training: `steps` steps at sampling rate q with noise multiplier σ. */
export interface MechanismSteps {
  noiseMultiplier: number;
  sampleRate: number;
  steps: number;
}

/** Accumulates DP-SGD steps and reports ε, as Opacus's RDPAccountant (history of (σ, q, steps) runs). */
export class RdpAccountant {
  readonly history: MechanismSteps[] = [];

  /** Records one optimiser step; consecutive steps with the same σ and q are merged. */
  step(noiseMultiplier: number, sampleRate: number, count = 1): void {
    const last = this.history.at(-1);
    if (last && last.noiseMultiplier === noiseMultiplier && last.sampleRate === sampleRate) last.steps += count;
    else this.history.push({ noiseMultiplier, sampleRate, steps: count });
  }

  get steps(): number {
    return this.history.reduce((sum, entry) => sum + entry.steps, 0);
  }

  privacySpent(
    delta: number,
    orders: readonly number[] = DEFAULT_ORDERS,
    conversion: RdpConversion = 'improved',
  ): PrivacySpent {
    const rdp = new Array<number>(orders.length).fill(0);
    for (const { noiseMultiplier, sampleRate, steps } of this.history) {
      computeRdp(sampleRate, noiseMultiplier, steps, orders).forEach((value, k) => (rdp[k]! += value));
    }
    return privacySpent(orders, rdp, delta, conversion);
  }
}

/** ε after `steps` steps at (σ, q), for δ. */
export function epsilonFor(
  noiseMultiplier: number,
  sampleRate: number,
  steps: number,
  delta: number,
  options: EpsilonOptions = {},
): PrivacySpent {
  const rdp = computeRdp(sampleRate, noiseMultiplier, steps, options.orders ?? DEFAULT_ORDERS);
  return privacySpent(options.orders ?? DEFAULT_ORDERS, rdp, delta, options.conversion ?? 'improved');
}

export interface EpsilonOptions {
  orders?: readonly number[];
  conversion?: RdpConversion;
}

/** Opacus's ceiling on σ in the search: beyond it "the privacy budget is too low". */
const MAX_SIGMA = 1e6;

/** Opacus: steps = int(epochs / sample_rate) when epochs are given. */
export function stepsForEpochs(epochs: number, sampleRate: number): number {
  return Math.trunc(epochs / sampleRate);
}

export interface NoiseSearch extends EpsilonOptions {
  targetEpsilon: number;
  delta: number;
  sampleRate: number;
  steps: number;
  /** Opacus's `epsilon_tolerance` (default 0.01). */
  tolerance?: number;
}

/**
 * The noise multiplier that spends at most `targetEpsilon` (Opacus `get_noise_multiplier`): σ_high starts at 10 and
 * doubles until ε(σ_high) ≤ target (the first evaluation is at 20), then bisects on [0, σ_high] until
 * target − ε(σ_high) ≤ tolerance, and returns σ_high — so the ε it gives is never above the target.
 */
export function noiseMultiplierFor(search: NoiseSearch): number {
  const { targetEpsilon, delta, sampleRate, steps } = search;
  const tolerance = search.tolerance ?? 0.01;
  if (!(targetEpsilon > 0)) throw new RangeError(`target epsilon must be > 0 (got ${targetEpsilon})`);
  const epsilonAt = (sigma: number) => epsilonFor(sigma, sampleRate, steps, delta, search).epsilon;
  let sigmaLow = 0;
  let sigmaHigh = 10;
  let epsilonHigh = Infinity;
  while (epsilonHigh > targetEpsilon) {
    sigmaHigh *= 2;
    epsilonHigh = epsilonAt(sigmaHigh);
    if (sigmaHigh > MAX_SIGMA)
      throw new RangeError(
        `the privacy budget ε = ${targetEpsilon} is too low for ${steps} steps at q = ${sampleRate}`,
      );
  }
  while (targetEpsilon - epsilonHigh > tolerance) {
    const sigma = (sigmaLow + sigmaHigh) / 2;
    const epsilon = epsilonAt(sigma);
    if (epsilon < targetEpsilon) {
      sigmaHigh = sigma;
      epsilonHigh = epsilon;
    } else {
      sigmaLow = sigma;
    }
  }
  return sigmaHigh;
}
