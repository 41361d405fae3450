/**
 * Text → hashed n-gram ids (the "hashing trick" of fastText and Vowpal Wabbit): no vocabulary to learn or store,
 * every backend gets the same integers, and unseen words still share character n-grams with seen ones.
 */

export interface TextFeatureOptions {
  /** Ids are 1 … hashBuckets − 1; 0 is padding. */
  hashBuckets: number;
  /** Tokens kept per example: words first, then bigrams, then character n-grams. */
  maxTokens: number;
  wordBigrams: boolean;
  /** Character n-gram sizes, taken inside `<word>` with boundary marks as fastText does. */
  charNgrams: readonly number[];
}

const WORD = /[\p{L}\p{N}]+(?:['’][\p{L}]+)*/gu;

/** Lowercased words: letters and digits, keeping inner apostrophes (`don't`). */
export function words(text: string): string[] {
  return text.normalize('NFKC').toLowerCase().match(WORD) ?? [];
}

/** The n-gram strings an example is made of, before hashing; prefixes keep words, bigrams and n-grams apart. */
export function textTokens(text: string, options: Omit<TextFeatureOptions, 'hashBuckets'>): string[] {
  const found = words(text);
  const tokens = found.map((word) => `w:${word}`);
  if (options.wordBigrams) {
    for (let i = 1; i < found.length; i++) tokens.push(`b:${found[i - 1]} ${found[i]}`);
  }
  for (const size of options.charNgrams) {
    for (const word of found) {
      const marked = `<${word}>`;
      for (let start = 0; start + size <= marked.length && tokens.length < options.maxTokens * 2; start++) {
        tokens.push(`c:${marked.slice(start, start + size)}`);
      }
    }
  }
  return tokens.slice(0, options.maxTokens);
}

/** The ids of an example's tokens, in order, each in 1 … hashBuckets − 1. */
export function hashedTokenIds(text: string, options: TextFeatureOptions): Int32Array {
  const tokens = textTokens(text, options);
  const ids = new Int32Array(tokens.length);
  tokens.forEach((token, i) => (ids[i] = tokenId(token, options.hashBuckets)));
  return ids;
}

export function tokenId(token: string, hashBuckets: number): number {
  return bucketOf(fnv1a(token), hashBuckets);
}

/** The id of a token whose FNV-1a state is `hash`: 1 … hashBuckets − 1 (0 is the padding row). */
export function bucketOf(hash: number, hashBuckets: number): number {
  return 1 + ((hash >>> 0) % (hashBuckets - 1));
}

/** FNV-1a's starting state. */
export const FNV1A_OFFSET = 0x811c9dc5;

/**
 * 32-bit FNV-1a over UTF-16 code units. Written out because saved models depend on these exact values forever:
 * a five-line published algorithm (Fowler–Noll–Vo) is easier to pin than a dependency's hash.
 */
export function fnv1a(text: string): number {
  return fnv1aUpdate(FNV1A_OFFSET, text) >>> 0;
}

/**
 * The FNV-1a state after text[start, end) is hashed onto `hash` (signed 32 bits; `>>> 0` makes it fnv1a's value):
 * a token made of pieces hashes as the pieces one after another, without building the token's string.
 */
export function fnv1aUpdate(hash: number, text: string, start = 0, end = text.length): number {
  for (let i = start; i < end; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  return hash;
}

/** Many examples' ids in one flat array: example i is ids[offsets[i] … offsets[i + 1]). */
export interface RaggedIds {
  offsets: Int32Array;
  ids: Int32Array;
}

export function encodeTexts(texts: readonly string[], options: TextFeatureOptions): RaggedIds {
  const perExample = texts.map((text) => hashedTokenIds(text, options));
  const offsets = new Int32Array(texts.length + 1);
  perExample.forEach((ids, i) => (offsets[i + 1] = offsets[i]! + ids.length));
  const ids = new Int32Array(offsets[texts.length]!);
  perExample.forEach((exampleIds, i) => ids.set(exampleIds, offsets[i]!));
  return { offsets, ids };
}

/**
 * The examples `rows` as a zero-padded [rows.length, longest] block, the shape the embedding bag reads.
 * At least one column, so an example without any word is a row of padding (its mean embedding is zero).
 */
export function paddedBatch(encoded: RaggedIds, rows: ArrayLike<number>): { ids: Int32Array; length: number } {
  let length = 1;
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i]!;
    length = Math.max(length, encoded.offsets[row + 1]! - encoded.offsets[row]!);
  }
  const ids = new Int32Array(rows.length * length);
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i]!;
    ids.set(encoded.ids.subarray(encoded.offsets[row]!, encoded.offsets[row + 1]!), i * length);
  }
  return { ids, length };
}
