/**
 * Rényi differential privacy of the Sampled Gaussian Mechanism (Mironov, Talwar, Zhang 2019, "Rényi Differential
 * Privacy of the Sampled Gaussian Mechanism", arXiv:1908.10530 §3.3) — the analysis behind Opacus's
 * `opacus/accountants/analysis/rdp.py` and TF Privacy's `rdp_accountant.py`, ported term for term so the numbers
 * agree to the last digits (both libraries' tests are reproduced in test/unit/privacy).
 * Written by hand: no JavaScript library computes RDP of the subsampled Gaussian.
 */
import erfc from '@stdlib/math-base-special-erfc';
import erfcx from '@stdlib/math-base-special-erfcx';

/** log(e^x + e^y) without overflow. */
export function logAdd(logX: number, logY: number): number {
  const a = Math.min(logX, logY);
  const b = Math.max(logX, logY);
  if (a === -Infinity) return b;
  return Math.log1p(Math.exp(a - b)) + b;
}

/** log(e^x − e^y) for x ≥ y; −∞ when they are equal. */
export function logSub(logX: number, logY: number): number {
  if (logX < logY) throw new RangeError('logSub: the result of a subtraction must be non-negative');
  if (logY === -Infinity) return logX;
  if (logX === logY) return -Infinity;
  const difference = Math.expm1(logX - logY);
  // Python's math.expm1 raises OverflowError past ~709, and the reference then returns logX.
  return Number.isFinite(difference) ? Math.log(difference) + logY : logX;
}

/**
 * log(erfc(x)), accurate in the far tail where erfc underflows: there log(erfcx(x)) − x², erfcx(x) = e^{x²}·erfc(x).
 * The reference computes log 2 + log_ndtr(−x√2), the same function.
 */
export function logErfc(x: number): number {
  if (x < 1) return Math.log(erfc(x));
  return Math.log(erfcx(x)) - x * x;
}

/**
 * C(α, i) for real α and i = 0, 1, 2, … as a running product C(α, i) = C(α, i − 1)·(α − i + 1)/i, kept as
 * ln|C| and its sign (scipy.special.binom multiplies the same factors for small i).
 */
class BinomialTerms {
  log = 0;
  sign = 1;
  private i = 0;
  constructor(private readonly alpha: number) {}

  /** Moves from C(α, i) to C(α, i + 1). */
  next(): void {
    this.i += 1;
    const factor = (this.alpha - this.i + 1) / this.i;
    if (factor === 0) {
      this.log = -Infinity;
      this.sign = 0;
      return;
    }
    this.log += Math.log(Math.abs(factor));
    if (factor < 0) this.sign = -this.sign;
  }
}

/** log(A_α) for integer α (finite sum over the binomial expansion). */
function logAForIntegerAlpha(q: number, sigma: number, alpha: number): number {
  let logA = -Infinity;
  const binomial = new BinomialTerms(alpha);
  for (let i = 0; i <= alpha; i++, binomial.next()) {
    const logCoefficient = binomial.log + i * Math.log(q) + (alpha - i) * Math.log(1 - q);
    logA = logAdd(logA, logCoefficient + (i * i - i) / (2 * sigma * sigma));
  }
  return logA;
}

/** log(A_α) for fractional α: the two half-line integrals, summed until their terms fall below e^−30. */
function logAForFractionalAlpha(q: number, sigma: number, alpha: number): number {
  let logA0 = -Infinity;
  let logA1 = -Infinity;
  const z0 = sigma * sigma * Math.log(1 / q - 1) + 0.5;
  const binomial = new BinomialTerms(alpha);
  for (let i = 0; ; i++, binomial.next()) {
    const logCoefficient = binomial.log;
    const sign = binomial.sign;
    const j = alpha - i;
    const logT0 = logCoefficient + i * Math.log(q) + j * Math.log(1 - q);
    const logT1 = logCoefficient + j * Math.log(q) + i * Math.log(1 - q);
    const logE0 = Math.log(0.5) + logErfc((i - z0) / (Math.SQRT2 * sigma));
    const logE1 = Math.log(0.5) + logErfc((z0 - j) / (Math.SQRT2 * sigma));
    const logS0 = logT0 + (i * i - i) / (2 * sigma * sigma) + logE0;
    const logS1 = logT1 + (j * j - j) / (2 * sigma * sigma) + logE1;
    if (sign > 0) {
      logA0 = logAdd(logA0, logS0);
      logA1 = logAdd(logA1, logS1);
    } else {
      logA0 = logSub(logA0, logS0);
      logA1 = logSub(logA1, logS1);
    }
    if (Math.max(logS0, logS1) < -30) break;
  }
  return logAdd(logA0, logA1);
}

/** RDP at order α of one step of the Sampled Gaussian Mechanism with sampling rate q and noise multiplier σ. */
export function rdpOfOneStep(q: number, sigma: number, alpha: number): number {
  if (q === 0) return 0;
  if (sigma === 0) return Infinity;
  if (q === 1) return alpha / (2 * sigma * sigma);
  if (!Number.isFinite(alpha)) return Infinity;
  const logA = Number.isInteger(alpha) ? logAForIntegerAlpha(q, sigma, alpha) : logAForFractionalAlpha(q, sigma, alpha);
  return logA / (alpha - 1);
}

/** RDP at each order of `steps` compositions of the mechanism (Opacus/TF Privacy `compute_rdp`). */
export function computeRdp(q: number, noiseMultiplier: number, steps: number, orders: readonly number[]): number[] {
  if (!(q >= 0 && q <= 1)) throw new RangeError(`sample rate must be in [0, 1] (got ${q})`);
  if (!(noiseMultiplier >= 0)) throw new RangeError(`noise multiplier must be ≥ 0 (got ${noiseMultiplier})`);
  if (!(steps >= 0) || !Number.isInteger(steps)) throw new RangeError(`steps must be an integer ≥ 0 (got ${steps})`);
  return orders.map((alpha) => {
    if (!(alpha >= 1)) throw new RangeError(`RDP orders must be ≥ 1 (got ${alpha})`);
    return rdpOfOneStep(q, noiseMultiplier, alpha) * steps;
  });
}
