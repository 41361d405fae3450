/**
 * Row fingerprints for duplicate and leak detection, computed in one pass over the characters without building
 * strings: an exact 64-bit hash of the normalised text and a 64-byte MinHash signature of its character 5-grams.
 *
 * Normalisation: case folded, every run of characters that are not letters or digits becomes one space,
 * so "Great movie!!" and "great  movie" are the same row.
 *
 * The signature is one-permutation MinHash (Li, Owen & Zhang 2012) with optimal densification (Shrivastava 2017):
 * each 5-gram is hashed once into one of 64 bins, so a row costs a hash per character rather than 64; each bin
 * keeps the low 8 bits of its minimum (b-bit MinHash, Li & König 2010). Written by hand because the npm MinHash
 * packages hash every shingle k times (32× slower here) and keep full 32-bit values (4× the memory); 64 one-byte values estimate a Jaccard similarity of 0.8 within ±0.05 (one standard deviation).
 */

export const SIGNATURE_BYTES = 64;
const SHINGLE = 5;
const EMPTY = 0xffffffff;

/** Non-ASCII characters: 0 not yet looked at, 1 letter or digit, 2 separator; and their lower case. */
const kind = new Uint8Array(65536);
const lower = new Uint16Array(65536);

function classify(c: number): number {
  const ch = String.fromCharCode(c);
  kind[c] = /[\p{L}\p{N}\p{M}]/u.test(ch) ? 1 : 2;
  const folded = ch.toLowerCase();
  lower[c] = folded.length === 1 ? folded.charCodeAt(0) : c;
  return kind[c] ?? 2;
}

/** The folded character, or -1 for a separator. */
function foldedOrSeparator(c: number): number {
  if (c < 128) {
    if (c >= 65 && c <= 90) return c | 0x20;
    if ((c >= 97 && c <= 122) || (c >= 48 && c <= 57)) return c;
    return -1;
  }
  const k = kind[c] || classify(c);
  return k === 1 ? (lower[c] ?? c) : -1;
}

/** MurmurHash3's finaliser: spreads every input bit over the output. */
export function mix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/** ASCII characters folded (lower case), or -1 for a separator: one load instead of three comparisons. */
const ASCII_FOLDED = Int16Array.from({ length: 128 }, (_, c) => {
  if (c >= 65 && c <= 90) return c | 0x20;
  return (c >= 97 && c <= 122) || (c >= 48 && c <= 57) ? c : -1;
});

/** Accumulates one row's hashes; reused across rows (no allocation per row). */
export class RowFingerprinter {
  hashA = 0;
  hashB = 0;
  /** Normalised characters fed so far; 0 means the key was empty. */
  length = 0;
  private readonly bins = new Uint32Array(SIGNATURE_BYTES);
  /** The last SHINGLE characters, a ring: `slot` is where the next one goes (`length % SHINGLE`). */
  private readonly window = new Int32Array(SHINGLE);
  private slot = 0;
  private rolling = 0;
  private pendingSpace = false;
  private shingles = 0;

  begin(): void {
    this.hashA = 0x811c9dc5;
    this.hashB = 0x9747b28c;
    this.length = 0;
    this.slot = 0;
    this.rolling = 0;
    this.pendingSpace = false;
    this.shingles = 0;
    this.bins.fill(EMPTY);
    this.window.fill(0);
  }

  /**
   * Adds a table value as it is written, trimmed, for an exact whole-row key: no folding (`-1` is not `1`, `A` not
   * `a`) and no shingles (a row of numbers and categories has no text to be near). A unit separator ends each value,
   * so `ab|c` and `a|bc` differ.
   */
  addValue(value: string): void {
    const trimmed = value.trim();
    for (let i = 0; i < trimmed.length; i++) this.hashExactly(trimmed.charCodeAt(i));
    this.hashExactly(0x1f);
  }

  private hashExactly(c: number): void {
    this.hashA = Math.imul(this.hashA ^ c, 16777619);
    const b = Math.imul(this.hashB ^ c, 0x5bd1e995);
    this.hashB = b ^ (b >>> 15);
    this.length++;
  }

  /** Adds a text value, normalised; `separate` puts a boundary first (between the text columns of a row). */
  addText(value: string, separate: boolean): void {
    if (separate && this.length > 0) this.pendingSpace = true;
    const end = value.length;
    for (let i = 0; i < end; ) {
      const code = value.charCodeAt(i);
      if (code < 128) {
        i = this.addAsciiRun(value, i);
        continue;
      }
      const c = foldedOrSeparator(code);
      if (c >= 0) this.addCharacter(c);
      else if (this.length > 0) this.pendingSpace = true;
      i++;
    }
  }

  /** A letter or digit, folded, after the space a separator before it left pending. */
  private addCharacter(c: number): void {
    if (this.pendingSpace) {
      this.pendingSpace = false;
      this.feed(0x20);
    }
    this.feed(c);
  }

  /**
   * `addText` of `value` from `i` to its first non-ASCII character (whose index it returns), the state in local
   * variables for the run: the same hashes as `feed`, which loads and stores every field per character (a run
   * here costs about 10 % less; the hashing itself, ~12 ns a character, is the rest).
   */
  private addAsciiRun(value: string, i: number): number {
    const { bins, window } = this;
    let { hashA, hashB, length, slot, rolling, pendingSpace, shingles } = this;
    for (; i < value.length; i++) {
      const code = value.charCodeAt(i);
      if (code >= 128) break;
      const folded = ASCII_FOLDED[code] ?? -1;
      if (folded < 0) {
        if (length > 0) pendingSpace = true;
        continue;
      }
      // A pending separator is fed as a space first: two rounds of the same step.
      for (let c = pendingSpace ? 0x20 : folded; c >= 0; c = c === folded ? -1 : folded) {
        hashA = Math.imul(hashA ^ c, 16777619);
        const b = Math.imul(hashB ^ c, 0x5bd1e995);
        hashB = b ^ (b >>> 15);
        const outgoing = window[slot] ?? 0;
        window[slot] = c;
        slot = slot === SHINGLE - 1 ? 0 : slot + 1;
        rolling = (Math.imul(rolling, 31) + c - Math.imul(outgoing, POW31_SHINGLE)) | 0;
        if (++length >= SHINGLE) {
          const mixed = mix32(rolling);
          const bin = mixed >>> 26;
          const value = mixed & 0x03ffffff;
          if (value < (bins[bin] ?? EMPTY)) bins[bin] = value;
          shingles++;
        }
      }
      pendingSpace = false;
    }
    Object.assign(this, { hashA, hashB, length, slot, rolling, pendingSpace, shingles });
    return i;
  }

  private feed(c: number): void {
    this.hashA = Math.imul(this.hashA ^ c, 16777619);
    const b = Math.imul(this.hashB ^ c, 0x5bd1e995);
    this.hashB = b ^ (b >>> 15);
    // Polynomial rolling hash of the last SHINGLE characters, modulo 2^32 (exact with Math.imul).
    const slot = this.slot;
    const outgoing = this.window[slot] ?? 0;
    this.window[slot] = c;
    this.slot = slot === SHINGLE - 1 ? 0 : slot + 1;
    this.rolling = (Math.imul(this.rolling, 31) + c - Math.imul(outgoing, POW31_SHINGLE)) | 0;
    if (++this.length >= SHINGLE) this.addShingle(this.rolling);
  }

  private addShingle(hash: number): void {
    const mixed = mix32(hash);
    const bin = mixed >>> 26;
    const value = mixed & 0x03ffffff;
    if (value < (this.bins[bin] ?? EMPTY)) this.bins[bin] = value;
    this.shingles++;
  }

  /** Writes the signature (low 8 bits of each bin's minimum) at `offset`; false when the row had no characters. */
  signatureInto(target: Uint8Array, offset: number): boolean {
    if (this.length === 0) return false;
    if (this.shingles === 0) this.addShingle(this.rolling);
    for (let bin = 0; bin < SIGNATURE_BYTES; bin++) {
      const value = this.bins[bin] ?? EMPTY;
      // The minimum's low bits are as uniform as the hash's: they are the b-bit value as they are.
      target[offset + bin] = (value === EMPTY ? this.borrowed(bin) : value) & 0xff;
    }
    return true;
  }

  /** Optimal densification: an empty bin takes the value of the first non-empty bin of its own fixed probe sequence. */
  private borrowed(bin: number): number {
    for (let attempt = 0; attempt < PROBES_PER_BIN; attempt++) {
      const value = this.bins[PROBES[bin * PROBES_PER_BIN + attempt] ?? 0] ?? EMPTY;
      if (value !== EMPTY) return value;
    }
    for (let attempt = PROBES_PER_BIN + 1; attempt <= 256; attempt++) {
      const value = this.bins[probe(bin, attempt)] ?? EMPTY;
      if (value !== EMPTY) return value;
    }
    // Reached only when nearly every bin is empty: the first non-empty bin is as deterministic.
    return this.bins.find((value) => value !== EMPTY) ?? 0;
  }

  get exactHashA(): number {
    return (this.hashA ^ this.length) >>> 0;
  }

  get exactHashB(): number {
    return mix32(this.hashB ^ Math.imul(this.length, 0x27d4eb2d));
  }
}

function probe(bin: number, attempt: number): number {
  return mix32(Math.imul(bin + 1, 0x9e3779b9) + attempt) & (SIGNATURE_BYTES - 1);
}

/** The first probes of every bin's sequence, computed once. */
const PROBES_PER_BIN = 16;
const PROBES = Uint8Array.from({ length: SIGNATURE_BYTES * PROBES_PER_BIN }, (_, i) =>
  probe(Math.floor(i / PROBES_PER_BIN), (i % PROBES_PER_BIN) + 1),
);

const POW31_SHINGLE = (() => {
  let power = 1;
  for (let i = 0; i < SHINGLE; i++) power = Math.imul(power, 31);
  return power;
})();

/** The signatures as 32-bit words (4 signature bytes each), for comparing 4 bytes at once. */
export function signatureWords(signatures: Uint8Array): Uint32Array {
  return new Uint32Array(signatures.buffer, signatures.byteOffset, signatures.byteLength >>> 2);
}

const WORDS = SIGNATURE_BYTES / 4;

/** Number of zero bytes of a 32-bit word (exact: no carries between bytes). */
function zeroBytes(x: number): number {
  let t = ~(((x & 0x7f7f7f7f) + 0x7f7f7f7f) | x | 0x7f7f7f7f);
  t = t >>> 7;
  return (t & 1) + ((t >>> 8) & 1) + ((t >>> 16) & 1) + ((t >>> 24) & 1);
}

/** Estimated Jaccard similarity of two b-bit (8-bit) signatures: matches beyond the 1/256 chance rate. */
export function estimatedSimilarity(words: Uint32Array, a: number, b: number): number {
  let same = 0;
  const at = a * WORDS;
  const bt = b * WORDS;
  for (let k = 0; k < WORDS; k++) same += zeroBytes((words[at + k] ?? 0) ^ (words[bt + k] ?? 0));
  const chance = 1 / 256;
  return Math.max(0, (same / SIGNATURE_BYTES - chance) / (1 - chance));
}
