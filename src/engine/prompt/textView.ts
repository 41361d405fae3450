import unhomoglyph from 'unhomoglyph';

/**
 * A rewritten copy of a text that rules read, with a map back to the source: view character `i` came from source
 * offsets `starts[i]`..`ends[i]`. Rules are written once, in lower case, and run on every view; a match maps back
 * to the exact characters of the original text.
 */
export interface TextView {
  text: string;
  starts: Int32Array;
  ends: Int32Array;
}

/** The source offsets covered by view characters `start`..`end` (exclusive); reversed views map back too. */
export function sourceSpan(view: TextView, start: number, end: number): [number, number] {
  const last = Math.max(start, end - 1);
  const fallback = view.ends[view.ends.length - 1] ?? 0;
  const first = [view.starts[start] ?? fallback, view.ends[start] ?? fallback];
  const final = [view.starts[last] ?? fallback, view.ends[last] ?? fallback];
  return [Math.min(first[0]!, final[0]!), Math.max(first[1]!, final[1]!)];
}

/** Characters a reader does not see and a rule must see through: format controls, tags, variation selectors. */
export const HIDDEN_CHARACTER = /[\p{Cf}\u180E\uFE00-\uFE0F\u{E0000}-\u{E007F}\u{E0100}-\u{E01EF}]/u;

const FOLD_CACHE_LIMIT = 20_000;
const foldCache = new Map<string, string>();

/**
 * One character as rules read it: lower case, compatibility forms (full-width, mathematical bold) as ASCII,
 * look-alike letters (Cyrillic "о") as the Latin letter they imitate, typographic quotes as ASCII quotes.
 */
function foldCharacter(char: string): string {
  const cached = foldCache.get(char);
  if (cached !== undefined) return cached;
  let folded = char.normalize('NFKC').toLowerCase();
  if (/[^\x00-\x7F]/.test(folded)) {
    const skeleton = unhomoglyph(folded).toLowerCase();
    // Only adopt the skeleton when it is plain ASCII: the table also maps, say, Arabic alef to "l".
    if (
      /^[\x20-\x7E]+$/.test(skeleton) &&
      /\p{Script=Latin}|\p{Script=Cyrillic}|\p{Script=Greek}|\p{P}/u.test(folded)
    ) {
      folded = skeleton;
    }
  }
  if (foldCache.size >= FOLD_CACHE_LIMIT) foldCache.clear();
  foldCache.set(char, folded);
  return folded;
}

const ASCII_ONLY = /^[\x00-\x7F]*$/;

/** 0, 1, 2, …: the offsets of every identity map are views of it (grown, never written again). */
let counting = new Int32Array(0);

/**
 * Offsets 0..n-1 map to themselves: the view of plain ASCII text. Views of one shared array, not two new ones per
 * text: a prompt column asks for one per cell. No reader writes to a view's offsets.
 */
function identityMap(length: number): { starts: Int32Array; ends: Int32Array } {
  if (counting.length < length + 1) {
    counting = new Int32Array(Math.max(length + 1, counting.length * 2, 1024));
    for (let i = 0; i < counting.length; i++) counting[i] = i;
  }
  return { starts: counting.subarray(0, length), ends: counting.subarray(1, length + 1) };
}

/** Lower case, hidden characters removed, look-alikes folded. ASCII text takes the fast path. */
export function plainView(source: string): TextView {
  if (ASCII_ONLY.test(source)) return { text: source.toLowerCase(), ...identityMap(source.length) };
  const out: string[] = [];
  const starts: number[] = [];
  const ends: number[] = [];
  for (let i = 0; i < source.length; ) {
    const code = source.codePointAt(i)!;
    const width = code > 0xffff ? 2 : 1;
    if (code < 0x80) {
      out.push(code >= 65 && code <= 90 ? String.fromCharCode(code + 32) : source[i]!);
      starts.push(i);
      ends.push(i + 1);
    } else {
      const char = source.slice(i, i + width);
      if (!HIDDEN_CHARACTER.test(char)) {
        const folded = foldCharacter(char);
        for (let k = 0; k < folded.length; k++) {
          out.push(folded[k]!);
          starts.push(i);
          ends.push(i + width);
        }
      }
    }
    i += width;
  }
  return { text: out.join(''), starts: Int32Array.from(starts), ends: Int32Array.from(ends) };
}

export interface Rewrite {
  /** View offsets of the text replaced. */
  start: number;
  end: number;
  replacement: string;
}

/** Applies non-overlapping rewrites (sorted by start) to a view; rewritten characters map to the span they replace. */
export function rewriteView(view: TextView, rewrites: Rewrite[]): TextView {
  if (rewrites.length === 0) return view;
  const out: string[] = [];
  const starts: number[] = [];
  const ends: number[] = [];
  let cursor = 0;
  const copy = (from: number, to: number) => {
    for (let i = from; i < to; i++) {
      out.push(view.text[i]!);
      starts.push(view.starts[i]!);
      ends.push(view.ends[i]!);
    }
  };
  for (const rewrite of rewrites) {
    copy(cursor, rewrite.start);
    const [spanStart, spanEnd] = sourceSpan(view, rewrite.start, rewrite.end);
    for (let k = 0; k < rewrite.replacement.length; k++) {
      out.push(rewrite.replacement[k]!);
      starts.push(spanStart);
      ends.push(spanEnd);
    }
    cursor = rewrite.end;
  }
  copy(cursor, view.text.length);
  return { text: out.join(''), starts: Int32Array.from(starts), ends: Int32Array.from(ends) };
}

/** A view of a decoded payload (base64, rot13…): every character maps to the whole encoded span. */
export function payloadView(decoded: string, sourceStart: number, sourceEnd: number): TextView {
  const plain = plainView(decoded);
  return {
    text: plain.text,
    starts: new Int32Array(plain.text.length).fill(sourceStart),
    ends: new Int32Array(plain.text.length).fill(sourceEnd),
  };
}
