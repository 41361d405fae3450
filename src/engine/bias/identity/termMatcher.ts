import type { IdentityTerm } from './lexicon';

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 16777619;
const APOSTROPHE = 0x27;
const RIGHT_SINGLE_QUOTE = 0x2019;

/** A-Z or a-z: `| 0x20` folds A-Z onto a-z and moves no other code into that range, so one comparison is left. */
export function isAsciiLetter(c: number): boolean {
  return ((c | 0x20) - 97) >>> 0 < 26;
}

function isAsciiDigitOrUnderscore(c: number): boolean {
  return (c >= 48 && c <= 57) || c === 95;
}

/** ASCII punctuation that Unicode word breaking may join to a neighbouring letter (MidLetter, MidNumLet, Single_Quote). */
function isMidLetter(c: number): boolean {
  return c === 0x2e || c === 0x3a || c === APOSTROPHE;
}

/** Space, tab, no-break space and hyphen join the words of a multi-word term ("African American", "African-American"). */
export function isJoiner(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0xa0 || c === 0x2d;
}

function hashLowerAscii(text: string, start: number, end: number): number {
  let h = FNV_OFFSET;
  for (let i = start; i < end; i++) h = Math.imul(h ^ (text.charCodeAt(i) | 0x20), FNV_PRIME);
  return h >>> 0;
}

interface TrieNode {
  children: Map<number, number>;
  /** Index of the term a match ending here is, or -1. */
  term: number;
}

/**
 * Finds identity terms in text at Unicode word boundaries (UAX #29, as `Intl.Segmenter` with word granularity):
 * a term matches where the segmenter puts boundaries at both of its ends, with an English possessive 's allowed.
 * Intl.Segmenter costs about 30 µs per 12-word row (30 s per million rows), so it is not run on every row: lexicon
 * words are ASCII, two ASCII letters are never split (UAX #29 WB5), so runs of ASCII letters are exact candidates;
 * the segmenter only settles the rare boundary that ASCII context cannot (a neighbouring non-ASCII character, or a
 * `.` `:` `'` next to a letter). A property test checks the result against segmenting everything.
 */
export class IdentityTermMatcher {
  private readonly nodes: TrieNode[] = [{ children: new Map(), term: -1 }];
  /** Lexicon words by hash, open addressing in typed arrays: a Map lookup per word of text costs 3× more. */
  private readonly table: WordTable;
  private readonly segmenter = new Intl.Segmenter('en', { granularity: 'word' });
  private starts = new Int32Array(64);
  private ends = new Int32Array(64);
  private ids = new Int32Array(64);
  private joined = new Uint8Array(64);

  constructor(readonly terms: readonly IdentityTerm[]) {
    const words = new Map<string, number>();
    terms.forEach((term, index) => {
      for (const form of term.forms) {
        let node = 0;
        for (const word of form) {
          if (!/^[a-z]+$/.test(word))
            throw new Error(`identity term '${term.term}': '${word}' is not lower-case ASCII letters`);
          let id = words.get(word);
          if (id === undefined) words.set(word, (id = words.size));
          node = this.child(node, id);
        }
        const target = this.nodes[node];
        if (target && target.term < 0) target.term = index;
      }
    });
    this.table = new WordTable([...words.keys()]);
  }

  private child(node: number, word: number): number {
    const current = this.nodes[node];
    if (!current) throw new Error('trie node missing');
    let next = current.children.get(word);
    if (next === undefined) {
      next = this.nodes.push({ children: new Map(), term: -1 }) - 1;
      current.children.set(word, next);
    }
    return next;
  }

  /** Calls `onMatch` for each occurrence, left to right, longest term first, never overlapping. Offsets are UTF-16. */
  forEachMatch(text: string, onMatch: (term: number, start: number, end: number) => void): void {
    const count = this.lexiconWords(text);
    for (let k = 0; k < count; ) {
      const match = this.longestMatchAt(text, k, count);
      if (match) {
        onMatch(match.term, this.starts[k] ?? 0, this.ends[match.last] ?? 0);
        k = match.last + 1;
      } else {
        k++;
      }
    }
  }

  /** Fills the word buffers with the runs of ASCII letters that are lexicon words; returns how many. */
  private lexiconWords(text: string): number {
    let count = 0;
    let previousWasLexicon = false;
    let previousEnd = -1;
    const length = text.length;
    for (let i = 0; i < length; ) {
      if (!isAsciiLetter(text.charCodeAt(i))) {
        i++;
        continue;
      }
      const start = i;
      let h = FNV_OFFSET;
      for (let c = text.charCodeAt(i); i < length && isAsciiLetter(c); c = text.charCodeAt(++i))
        h = Math.imul(h ^ (c | 0x20), FNV_PRIME);
      const id = this.wordId(h >>> 0, text, start, i);
      if (id >= 0) {
        if (count === this.starts.length) this.grow();
        this.starts[count] = start;
        this.ends[count] = i;
        this.ids[count] = id;
        this.joined[count] = previousWasLexicon && onlyJoiners(text, previousEnd, start) ? 1 : 0;
        count++;
      }
      previousWasLexicon = id >= 0;
      previousEnd = i;
    }
    return count;
  }

  private wordId(hash: number, text: string, start: number, end: number): number {
    return this.table.find(hash, text, start, end);
  }

  private grow(): void {
    const size = this.starts.length * 2;
    const grown = <T extends Int32Array | Uint8Array>(array: T, make: (n: number) => T): T => {
      const next = make(size);
      next.set(array);
      return next;
    };
    this.starts = grown(this.starts, (n) => new Int32Array(n));
    this.ends = grown(this.ends, (n) => new Int32Array(n));
    this.ids = grown(this.ids, (n) => new Int32Array(n));
    this.joined = grown(this.joined, (n) => new Uint8Array(n));
  }

  /** The longest term starting at lexicon word k whose ends are word boundaries; shorter terms are tried when it is not. */
  private longestMatchAt(text: string, k: number, count: number): { term: number; last: number } | undefined {
    const candidates: Array<{ term: number; last: number }> = [];
    let node = 0;
    for (let j = k; j < count; j++) {
      if (j > k && this.joined[j] !== 1) break;
      const next = this.nodes[node]?.children.get(this.ids[j] ?? -1);
      if (next === undefined) break;
      node = next;
      const term = this.nodes[node]?.term ?? -1;
      if (term >= 0) candidates.push({ term, last: j });
    }
    for (let c = candidates.length - 1; c >= 0; c--) {
      const candidate = candidates[c];
      if (candidate && this.atWordBoundaries(text, this.starts[k] ?? 0, this.ends[candidate.last] ?? 0))
        return candidate;
    }
    return undefined;
  }

  private atWordBoundaries(text: string, start: number, end: number): boolean {
    const before = startBoundary(text, start);
    const after = endBoundary(text, end);
    if (before === 'no' || after === 'no') return false;
    if (before === 'yes' && after === 'yes') return true;
    return this.segmenterAgrees(text, start, end);
  }

  /** Asks Intl.Segmenter, over the whole value when it is short and a window around the match otherwise. */
  private segmenterAgrees(text: string, start: number, end: number): boolean {
    const from = text.length <= 512 ? 0 : Math.max(0, start - 64);
    const to = text.length <= 512 ? text.length : Math.min(text.length, end + 64);
    const segments = this.segmenter.segment(text.slice(from, to));
    const first = segments.containing(start - from);
    if (!first || first.index !== start - from) return false;
    const last = segments.containing(end - 1 - from);
    if (!last) return false;
    const lastEnd = last.index + last.segment.length + from;
    return lastEnd === end || (lastEnd === end + 2 && isPossessive(text, end));
  }
}

/** Word → id by FNV-1a hash of its lower-case letters; ids are positions in `words`. */
class WordTable {
  private readonly mask: number;
  private readonly hashes: Uint32Array;
  private readonly ids: Int32Array;

  constructor(private readonly words: readonly string[]) {
    let size = 16;
    while (size < words.length * 4) size *= 2;
    this.mask = size - 1;
    this.hashes = new Uint32Array(size);
    this.ids = new Int32Array(size).fill(-1);
    words.forEach((word, id) => {
      let at = hashLowerAscii(word, 0, word.length) & this.mask;
      while ((this.ids[at] ?? -1) >= 0) at = (at + 1) & this.mask;
      this.hashes[at] = hashLowerAscii(word, 0, word.length);
      this.ids[at] = id;
    });
  }

  /** The id of the word `text[start, end)` (case-insensitive), or -1. */
  find(hash: number, text: string, start: number, end: number): number {
    for (let at = hash & this.mask; ; at = (at + 1) & this.mask) {
      const id = this.ids[at] ?? -1;
      if (id < 0) return -1;
      if (this.hashes[at] === hash && sameLowerAscii(this.words[id] ?? '', text, start, end)) return id;
    }
  }
}

function sameLowerAscii(word: string, text: string, start: number, end: number): boolean {
  if (word.length !== end - start) return false;
  for (let k = 0; k < word.length; k++) if ((text.charCodeAt(start + k) | 0x20) !== word.charCodeAt(k)) return false;
  return true;
}

type Boundary = 'yes' | 'no' | 'ask';

function startBoundary(text: string, start: number): Boundary {
  if (start === 0) return 'yes';
  const c = text.charCodeAt(start - 1);
  if (c >= 128 || isMidLetter(c)) return 'ask';
  return isAsciiDigitOrUnderscore(c) ? 'no' : 'yes';
}

function endBoundary(text: string, end: number): Boundary {
  if (end === text.length) return 'yes';
  const c = text.charCodeAt(end);
  if (isPossessive(text, end) && safeAfterPossessive(text, end + 2)) return 'yes';
  if (c >= 128) return 'ask';
  if (isAsciiDigitOrUnderscore(c)) return 'no';
  if (!isMidLetter(c)) return 'yes';
  const next = text.charCodeAt(end + 1);
  return end + 1 < text.length && (next >= 128 || isAsciiLetter(next)) ? 'ask' : 'yes';
}

function isPossessive(text: string, at: number): boolean {
  const quote = text.charCodeAt(at);
  const s = text.charCodeAt(at + 1);
  return (quote === APOSTROPHE || quote === RIGHT_SINGLE_QUOTE) && (s === 0x73 || s === 0x53);
}

function safeAfterPossessive(text: string, at: number): boolean {
  if (at >= text.length) return true;
  const c = text.charCodeAt(at);
  return c < 128 && !isAsciiLetter(c) && !isAsciiDigitOrUnderscore(c) && !isMidLetter(c);
}

function onlyJoiners(text: string, from: number, to: number): boolean {
  if (to <= from) return false;
  for (let i = from; i < to; i++) if (!isJoiner(text.charCodeAt(i))) return false;
  return true;
}
