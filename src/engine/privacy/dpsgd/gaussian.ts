/**
 * Seeded Gaussian noise for DP-SGD, generated on the host into a Float32Array: one draw per parameter per step, so it
 * must be fast (a 16,384 × 16 embedding table is 262,144 draws a step). xoshiro128** (Blackman & Vigna) for the
 * uniforms and Marsaglia's polar method for the normals; a dozen lines, so written here rather than calling a
 * generator library per draw. Not cryptographically secure — as Opacus without `secure_mode`; the seed makes runs
 * reproducible. Say so wherever a guarantee is reported.
 */

/** A seeded stream of standard normal draws. */
export class GaussianNoise {
  private s0: number;
  private s1: number;
  private s2: number;
  private s3: number;
  private spare = NaN;

  constructor(seed: number) {
    // SplitMix32 expands the seed into the four state words (never all zero).
    let x = seed >>> 0;
    const next = () => {
      x = (x + 0x9e3779b9) >>> 0;
      let z = x;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
      return (z ^ (z >>> 16)) >>> 0;
    };
    this.s0 = next();
    this.s1 = next();
    this.s2 = next();
    this.s3 = next() | 1;
  }

  /** A uniform draw in [0, 1). */
  uniform(): number {
    const result = Math.imul(rotl(Math.imul(this.s1, 5), 7), 9) >>> 0;
    const t = this.s1 << 9;
    this.s2 ^= this.s0;
    this.s3 ^= this.s1;
    this.s1 ^= this.s2;
    this.s0 ^= this.s3;
    this.s2 ^= t;
    this.s3 = rotl(this.s3, 11);
    return result / 4294967296;
  }

  /** One N(0, 1) draw. */
  normal(): number {
    if (!Number.isNaN(this.spare)) {
      const value = this.spare;
      this.spare = NaN;
      return value;
    }
    for (;;) {
      const u = 2 * this.uniform() - 1;
      const v = 2 * this.uniform() - 1;
      const s = u * u + v * v;
      if (s >= 1 || s === 0) continue;
      const scale = Math.sqrt((-2 * Math.log(s)) / s);
      this.spare = v * scale;
      return u * scale;
    }
  }

  /** `size` draws of N(0, std²). */
  fill(size: number, std: number): Float32Array {
    const out = new Float32Array(size);
    if (std === 0) return out;
    for (let i = 0; i < size; i++) out[i] = this.normal() * std;
    return out;
  }
}

function rotl(x: number, k: number): number {
  return ((x << k) | (x >>> (32 - k))) >>> 0;
}
