import type { DetectorMatch } from '../detectors';

/** Entries a column keeps; the table has twice as many slots, so a probe ends soon. */
const CAPACITY = 4096;
const SLOTS = 2 * CAPACITY;

/**
 * The detectors' answers for the values of one table column, by the value's raw bytes (as written, inside the
 * quotes, `""` and all: the same bytes are the same value), for a scan that meets the same values again and again
 * (dates, categories, a placeholder number): such a value is decoded and detected once, and a cell is made only
 * when the answer has a match. The answers depend on nothing but the value, the column, the region and the
 * enabled codes, which a scan keeps. Looked up on the bytes, with a hash of them, so that a value met before
 * costs no string. Bounded; a column of mostly distinct values (ids, addresses) is soon left alone, so that it
 * costs no lookups.
 */
export class ColumnAnswers {
  /** Per slot: 1 + the index of its entry, 0 when free (linear probing). */
  private readonly slots = new Int32Array(SLOTS);
  private readonly hashes: number[] = [];
  private readonly keys: Uint8Array[] = [];
  private readonly answers: DetectorMatch[][] = [];
  private hits = 0;
  /** The slot `get` stopped at: where `set` puts the bytes it just missed. */
  private freeSlot = -1;
  private lastHash = 0;
  /** False once the memo proved useless for this column. */
  active = true;

  /** The answer kept for the bytes `bytes[start, end)`, if any. */
  get(bytes: Uint8Array, start: number, end: number): DetectorMatch[] | undefined {
    const hash = hashOf(bytes, start, end);
    for (let slot = hash & (SLOTS - 1); ; slot = (slot + 1) & (SLOTS - 1)) {
      const entry = (this.slots[slot] ?? 0) - 1;
      if (entry < 0) {
        this.freeSlot = slot;
        this.lastHash = hash;
        return undefined;
      }
      if (this.hashes[entry] === hash && sameBytes(this.keys[entry]!, bytes, start, end)) {
        this.hits++;
        return this.answers[entry];
      }
    }
  }

  /** Keeps `answer` for the bytes `get` was asked about last and did not know. */
  set(bytes: Uint8Array, start: number, end: number, answer: DetectorMatch[]): void {
    const entry = this.keys.length;
    if (entry < CAPACITY) {
      this.slots[this.freeSlot] = entry + 1;
      this.hashes.push(this.lastHash);
      this.keys.push(bytes.slice(start, end));
      this.answers.push(answer);
      return;
    }
    // Full: worth keeping only if it answered at least as often as it was filled.
    if (this.hits < CAPACITY) this.active = false;
  }
}

/** FNV-1a over the bytes. */
function hashOf(bytes: Uint8Array, start: number, end: number): number {
  let hash = 0x811c9dc5;
  for (let i = start; i < end; i++) hash = Math.imul(hash ^ bytes[i]!, 0x01000193);
  return hash >>> 0;
}

function sameBytes(key: Uint8Array, bytes: Uint8Array, start: number, end: number): boolean {
  if (key.length !== end - start) return false;
  for (let i = 0; i < key.length; i++) if (key[i] !== bytes[start + i]) return false;
  return true;
}
