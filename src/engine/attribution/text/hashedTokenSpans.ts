import { textTokens, tokenId, words, type TextFeatureOptions } from '../../text';

/** A word of the text as the user wrote it: what attributions are shown on. Offsets are UTF-16, end exclusive. */
export interface TextWord {
  /** The characters of the original text, `text.slice(start, end)`. */
  text: string;
  start: number;
  end: number;
  /** The word as the model saw it (NFKC, lower case). */
  normalized: string;
}

/** One hashed n-gram the model reads, with the words it was made from. */
export interface HashedToken {
  /** `w:word`, `b:first second`, `c:<ab` … as `textTokens` builds them. */
  token: string;
  id: number;
  /** Indices into the words: one for a word or character n-gram, two for a word bigram. */
  words: number[];
}

/**
 * The hashed n-grams of a text (exactly `hashedTokenIds`' tokens, in order) with, for each, the words of the
 * original text it came from, so an n-gram's attribution can be put back on characters. Checked at run time
 * against `textTokens`, so a change to the tokenizer cannot silently misplace scores.
 */
export function hashedTokenSpans(
  text: string,
  options: TextFeatureOptions,
): { words: TextWord[]; tokens: HashedToken[] } {
  const found = wordSpans(text);
  const tokens: Array<{ token: string; words: number[] }> = found.map((word, i) => ({
    token: `w:${word.normalized}`,
    words: [i],
  }));
  if (options.wordBigrams) {
    for (let i = 1; i < found.length; i++)
      tokens.push({ token: `b:${found[i - 1]!.normalized} ${found[i]!.normalized}`, words: [i - 1, i] });
  }
  for (const size of options.charNgrams) {
    found.forEach((word, i) => {
      const marked = `<${word.normalized}>`;
      for (let start = 0; start + size <= marked.length && tokens.length < options.maxTokens * 2; start++) {
        tokens.push({ token: `c:${marked.slice(start, start + size)}`, words: [i] });
      }
    });
  }
  const kept = tokens.slice(0, options.maxTokens);
  const expected = textTokens(text, options);
  if (expected.length !== kept.length || expected.some((token, i) => token !== kept[i]!.token)) {
    throw new Error('attribution: the text tokenizer changed; hashedTokenSpans no longer reproduces textTokens');
  }
  return { words: found, tokens: kept.map((entry) => ({ ...entry, id: tokenId(entry.token, options.hashBuckets) })) };
}

const WORD = /[\p{L}\p{N}]+(?:['’][\p{L}]+)*/gu;

/**
 * The words `words(text)` finds, with their place in the original text. Words are found in the NFKC, lower-cased
 * text; each grapheme cluster of the original is normalised alone to map those offsets back (a cluster keeps a base
 * with its combining marks and a Hangul syllable together, so this matches normalising the whole text). Where the
 * lengths still disagree (context-dependent lower-casing changes none; a few compatibility characters might),
 * offsets are scaled, so spans stay inside the text.
 */
export function wordSpans(text: string): TextWord[] {
  const normalized = text.normalize('NFKC').toLowerCase();
  const toOriginal = offsetMap(text, normalized);
  const found: TextWord[] = [];
  for (const match of normalized.matchAll(WORD)) {
    const start = toOriginal(match.index, 'start');
    const end = toOriginal(match.index + match[0].length - 1, 'end');
    found.push({ text: text.slice(start, end), start, end, normalized: match[0] });
  }
  const expected = words(text);
  if (expected.length !== found.length || expected.some((word, i) => word !== found[i]!.normalized)) {
    throw new Error('attribution: the text tokenizer changed; wordSpans no longer reproduces words()');
  }
  return found;
}

interface Piece {
  normalizedStart: number;
  start: number;
  end: number;
}

/** normalized offset → the start (or end) of the original grapheme cluster it came from. */
function offsetMap(text: string, normalized: string): (offset: number, side: 'start' | 'end') => number {
  const pieces: Piece[] = [];
  let length = 0;
  for (const { segment, index } of new Intl.Segmenter('en', { granularity: 'grapheme' }).segment(text)) {
    pieces.push({ normalizedStart: length, start: index, end: index + segment.length });
    length += segment.normalize('NFKC').toLowerCase().length;
  }
  if (length !== normalized.length) {
    const scale = text.length / Math.max(1, normalized.length);
    return (offset, side) => Math.min(text.length, Math.round((side === 'start' ? offset : offset + 1) * scale));
  }
  return (offset, side) => {
    let low = 0;
    let high = pieces.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (pieces[mid]!.normalizedStart <= offset) low = mid;
      else high = mid - 1;
    }
    const piece = pieces[low]!;
    return side === 'start' ? piece.start : piece.end;
  };
}
