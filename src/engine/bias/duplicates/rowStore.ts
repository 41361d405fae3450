import type { Range } from '../../../shared/findings';
import { SIGNATURE_BYTES, signatureWords } from './fingerprint';

const SIGNATURE_WORDS = SIGNATURE_BYTES / 4;

/**
 * What duplicate detection keeps per row, in typed arrays that grow by doubling up to a cap: two 32-bit hashes,
 * the file, row index, label id and range (29 bytes), and a 64-byte MinHash signature: 93 bytes per text row.
 */
export class RowStore {
  size = 0;
  truncated = false;
  hashA = new Uint32Array(0);
  hashB = new Uint32Array(0);
  file = new Uint8Array(0);
  row = new Uint32Array(0);
  label = new Int32Array(0);
  ranges = new Int32Array(0);
  signatures = new Uint8Array(0);
  /** `signatures` as 32-bit words, for copying them. */
  private words: Uint32Array = new Uint32Array(0);

  constructor(private readonly maxRows: number) {}

  /** A slot for a new row, or -1 past the cap. */
  allocate(): number {
    if (this.size >= this.maxRows) {
      this.truncated = true;
      return -1;
    }
    if (this.size === this.hashA.length) this.grow(Math.min(this.maxRows, Math.max(1024, this.size * 2)));
    return this.size++;
  }

  /** Gives slot `to` the hashes and signature of slot `from` (the same key). */
  copyFingerprint(from: number, to: number): void {
    this.hashA[to] = this.hashA[from] ?? 0;
    this.hashB[to] = this.hashB[from] ?? 0;
    // A loop of 32-bit words: `copyWithin` costs more per call than 64 byte moves, and 16 word moves less still
    // (a signature is a whole number of words at a word boundary).
    const words = this.words;
    for (let k = 0; k < SIGNATURE_WORDS; k++) words[to * SIGNATURE_WORDS + k] = words[from * SIGNATURE_WORDS + k] ?? 0;
  }

  setRange(slot: number, range: Range): void {
    const r = this.ranges;
    const at = slot * 4;
    r[at] = range.start.line;
    r[at + 1] = range.start.character;
    r[at + 2] = range.end.line;
    r[at + 3] = range.end.character;
  }

  rangeOf(slot: number): Range {
    const r = this.ranges;
    const at = slot * 4;
    return {
      start: { line: r[at] ?? 0, character: r[at + 1] ?? 0 },
      end: { line: r[at + 2] ?? 0, character: r[at + 3] ?? 0 },
    };
  }

  private grow(capacity: number): void {
    const copy = <T extends Uint32Array | Int32Array | Uint8Array>(old: T, make: (n: number) => T, width = 1): T => {
      const next = make(capacity * width);
      next.set(old);
      return next;
    };
    this.hashA = copy(this.hashA, (n) => new Uint32Array(n));
    this.hashB = copy(this.hashB, (n) => new Uint32Array(n));
    this.file = copy(this.file, (n) => new Uint8Array(n));
    this.row = copy(this.row, (n) => new Uint32Array(n));
    this.label = copy(this.label, (n) => new Int32Array(n));
    this.ranges = copy(this.ranges, (n) => new Int32Array(n), 4);
    this.signatures = copy(this.signatures, (n) => new Uint8Array(n), SIGNATURE_BYTES);
    this.words = signatureWords(this.signatures);
  }
}
