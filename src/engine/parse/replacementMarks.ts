/**
 * Which U+FFFD of a text stream stand for invalid UTF-8. A decoder puts U+FFFD where bytes were invalid, but
 * U+FFFD is also an ordinary character (the bytes EF BF BD) that valid files may hold. Text read from disk knows
 * which is which (`decode.ts` marks the invalid ones); text from an editor does not, so without marks every
 * U+FFFD counts as invalid, as VS Code shows it.
 *
 * Offsets count UTF-16 units from the start of the stream. Parsers ask in increasing order, except that a
 * CSV field may be read again after an unterminated quote; marks before `forgetBefore` are dropped.
 */
export class ReplacementMarks {
  private offsets: number[] = [];
  private head = 0;
  /** Units of text added so far: the next chunk's offset 0. */
  private streamLength = 0;
  /** Past this many marks the file is garbage: later U+FFFD all count as invalid, without being stored. */
  private overflowFrom = Number.POSITIVE_INFINITY;

  constructor(private readonly capacity = 1_000_000) {}

  /** Records the invalid offsets (within the chunk) of the next chunk of `length` units. */
  addChunk(length: number, invalidInChunk: readonly number[]): void {
    for (const offset of invalidInChunk) {
      if (this.offsets.length - this.head >= this.capacity) {
        this.overflowFrom = Math.min(this.overflowFrom, this.streamLength + offset);
        break;
      }
      this.offsets.push(this.streamLength + offset);
    }
    this.streamLength += length;
  }

  /** Whether the U+FFFD at stream offset `offset` replaced invalid bytes. */
  isInvalid(offset: number): boolean {
    if (offset >= this.overflowFrom) return true;
    let low = this.head;
    let high = this.offsets.length - 1;
    while (low <= high) {
      const mid = (low + high) >> 1;
      const value = this.offsets[mid] ?? 0;
      if (value === offset) return true;
      if (value < offset) low = mid + 1;
      else high = mid - 1;
    }
    return false;
  }

  /** Marks before `offset` will not be asked about again. */
  forgetBefore(offset: number): void {
    while (this.head < this.offsets.length && (this.offsets[this.head] ?? 0) < offset) this.head++;
    if (this.head > 4096 && this.head * 2 > this.offsets.length) {
      this.offsets = this.offsets.slice(this.head);
      this.head = 0;
    }
  }
}

/** Every U+FFFD is invalid: what text without marks (an editor's document) is taken to mean. */
export const EVERY_REPLACEMENT_INVALID = {
  isInvalid: (_offset: number): boolean => true,
  forgetBefore: (_offset: number): void => undefined,
};

export type ReplacementOracle = Pick<ReplacementMarks, 'isInvalid' | 'forgetBefore'>;
