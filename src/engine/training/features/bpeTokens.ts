/**
 * Text → BPE token ids for the transformer, with gpt-tokenizer's cl100k_base encoding (the GPT-4 tokenizer, its
 * ranks shipped inside the package). The encoding has 100,256 ids; the model's embedding table has `vocabulary`
 * rows, so id t becomes 1 + (t mod (vocabulary − 1)), and 0 stays padding. cl100k ranks its tokens by merge order,
 * roughly by frequency, so with the default 16,384 rows the ~16k most common tokens get rows of their own and only
 * rarer ones share.
 */
import { decode, encode } from 'gpt-tokenizer/encoding/cl100k_base';
import type { RaggedIds } from '../../text';

export const BPE_ENCODING = 'cl100k_base';

export interface BpeTokenOptions {
  encoding: typeof BPE_ENCODING;
  /** Embedding rows, padding (0) included. */
  vocabulary: number;
  /** Tokens kept per example (the first ones); the sequence length. */
  maxTokens: number;
}

/** Special tokens (`<|endoftext|>`) in a text are read as ordinary characters, never refused. */
const AS_TEXT = { disallowedSpecial: new Set<string>(), allowedSpecial: new Set<string>() };

/** The raw cl100k ids of the first `maxTokens` tokens of `text`. */
export function bpeTokens(text: string, maxTokens: number): number[] {
  return encode(text, AS_TEXT).slice(0, maxTokens);
}

/** A raw BPE id → its embedding row, in 1 … vocabulary − 1. */
export function bpeRow(token: number, vocabulary: number): number {
  return 1 + (token % (vocabulary - 1));
}

export function encodeBpeTexts(texts: readonly string[], options: BpeTokenOptions): RaggedIds {
  const perExample = texts.map((text) => bpeTokens(text, options.maxTokens));
  const offsets = new Int32Array(texts.length + 1);
  perExample.forEach((tokens, i) => (offsets[i + 1] = offsets[i]! + tokens.length));
  const ids = new Int32Array(offsets[texts.length]!);
  perExample.forEach((tokens, i) =>
    tokens.forEach((token, j) => (ids[offsets[i]! + j] = bpeRow(token, options.vocabulary))),
  );
  return { offsets, ids };
}

/** One kept token with the characters of the text it came from (UTF-16 offsets, end exclusive). */
export interface BpeSpan {
  row: number;
  start: number;
  end: number;
}

/**
 * The kept tokens of `text` with their spans. gpt-tokenizer gives no offsets, so each token's end is the length of
 * the decoded prefix that ends with it. A token that ends inside a character (BPE works on UTF-8 bytes, so an emoji
 * can be split) decodes with a replacement mark; its end is then held at the last whole character, and the token
 * that completes the character takes it.
 */
export function bpeSpans(text: string, options: BpeTokenOptions): BpeSpan[] {
  const tokens = bpeTokens(text, options.maxTokens);
  const spans: BpeSpan[] = [];
  let start = 0;
  for (let i = 0; i < tokens.length; i++) {
    const prefix = decode(tokens.slice(0, i + 1));
    const partial = prefix.endsWith('\uFFFD') && text[prefix.length - 1] !== '\uFFFD';
    let end = Math.min(text.length, partial ? prefix.length - 1 : prefix.length);
    if (end > start && isHighSurrogate(text.charCodeAt(end - 1))) end--; // never split a surrogate pair
    spans.push({ row: bpeRow(tokens[i]!, options.vocabulary), start, end: Math.max(start, end) });
    start = Math.max(start, end);
  }
  return spans;
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}
