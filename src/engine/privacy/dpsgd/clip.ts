/**
 * Per-sample clipping as Opacus's DPOptimizer: each per-sample gradient g_i is scaled by
 * min(C / (‖g_i‖₂ + 1e-6), 1), the scaled gradients are summed, Gaussian noise N(0, (σC)²) is added to the SUM, and
 * the result is divided by the EXPECTED batch size q·N (not the number of rows Poisson sampling happened to draw).
 */

/** Opacus adds 1e-6 to the norm before dividing (`per_sample_clip_factor`). */
export const CLIP_EPSILON = 1e-6;

export function clipFactor(norm: number, maxNorm: number): number {
  return Math.min(maxNorm / (norm + CLIP_EPSILON), 1);
}

/**
 * The plain-array form of one DP-SGD gradient, for checking by hand and as the reference the vectorised tfjs path
 * is tested against: per-sample gradients (each a flat vector of every parameter) → noisy averaged gradient.
 */
export function privatiseGradients(
  perSample: ReadonlyArray<ArrayLike<number>>,
  options: { maxNorm: number; noise: ArrayLike<number>; expectedBatchSize: number },
): { gradient: Float64Array; factors: number[]; norms: number[] } {
  const size = options.noise.length;
  const sum = new Float64Array(size);
  const norms: number[] = [];
  const factors: number[] = [];
  for (const gradient of perSample) {
    if (gradient.length !== size)
      throw new RangeError(`per-sample gradient of length ${gradient.length}, expected ${size}`);
    let squared = 0;
    for (let k = 0; k < size; k++) squared += gradient[k]! * gradient[k]!;
    const norm = Math.sqrt(squared);
    const factor = clipFactor(norm, options.maxNorm);
    norms.push(norm);
    factors.push(factor);
    for (let k = 0; k < size; k++) sum[k]! += factor * gradient[k]!;
  }
  for (let k = 0; k < size; k++) sum[k] = (sum[k]! + options.noise[k]!) / options.expectedBatchSize;
  return { gradient: sum, factors, norms };
}

/** Poisson sampling: each of `count` rows joins the batch independently with probability q. */
export function poissonSample(count: number, sampleRate: number, uniform: () => number): Int32Array {
  const rows: number[] = [];
  for (let i = 0; i < count; i++) if (uniform() < sampleRate) rows.push(i);
  return Int32Array.from(rows);
}
