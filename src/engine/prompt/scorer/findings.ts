import type { DetectorMatch } from '../../detectors';
import type { PromptCode } from '../codes';
import { riskMatch } from '../match';
import { sourceSpan, type TextView } from '../textView';
import { bucketOf, FNV1A_OFFSET, fnv1aUpdate, tokenId } from '../../text';
import { classProbabilities, logits, softmax, spannedTokens, tokenContributions, type SpannedToken } from './infer';
import { passesGate } from './gate';
import { shippedScorer, type ScorerModel } from './model';

// The learned scorer as findings: the plain view of a text is cut into word windows, each window scored; a window
// whose attack probability passes the threshold becomes a finding of the most likely attack class, with the words
// that drove the score (their character spans in the original text) as evidence.

const CLASS_CODES: Record<string, PromptCode> = {
  injection: 'prompt/injection',
  jailbreak: 'prompt/jailbreak',
  leak: 'prompt/system-prompt-leak',
};

const CLASS_WORDS: Record<string, string> = {
  injection: 'an injected instruction',
  jailbreak: "a jailbreak (a persona or framing that lifts the model's rules)",
  leak: 'a request for the hidden instructions',
};

/** The codes the scorer can report. */
export const SCORER_CODES: readonly PromptCode[] = Object.values(CLASS_CODES);

const WORD = /[\p{L}\p{N}]+(?:['’][\p{L}]+)*/gu;
const TOP_WORDS = 6;
/** Windows of fewer words are not scored: one or two words make a mean of a handful of n-grams, too little to read. */
export const MIN_WORDS = 5;

export interface ScoredWindow {
  /** View offsets. */
  start: number;
  end: number;
  probabilities: number[];
  attack: number;
  attackClass: number;
  words: number;
}

/**
 * A word's own tokens (the word and its character n-grams): how many, and the sum of their embedding rows. The sum
 * is kept because a word sits in two windows (stride = half a window) and its dozen rows lie anywhere in a 2 MiB
 * table: adding them once per word instead of once per window was most of the scorer's time on a dataset.
 */
interface OwnTokens {
  count: number;
  sum: Float64Array;
}

/** Each word's own tokens and the bigram id joining it to the word before. */
interface WordIds {
  own: OwnTokens;
  bigram: number;
}

/** FNV-1a states after the prefixes of character n-grams ("c:") and bigrams ("b:"), hashed once. */
const NGRAM_PREFIX_STATE = fnv1aUpdate(FNV1A_OFFSET, 'c:');
const BIGRAM_PREFIX_STATE = fnv1aUpdate(FNV1A_OFFSET, 'b:');

/** tokenId(`b:${before} ${word}`) without building the string. */
function bigramId(before: string, word: string, hashBuckets: number): number {
  return bucketOf(fnv1aUpdate(fnv1aUpdate(fnv1aUpdate(BIGRAM_PREFIX_STATE, before), ' '), word), hashBuckets);
}

/** tokenId(`c:${marked.slice(at, at + size)}`) without building the string. */
function ngramId(marked: string, at: number, size: number, hashBuckets: number): number {
  return bucketOf(fnv1aUpdate(NGRAM_PREFIX_STATE, marked, at, at + size), hashBuckets);
}

/**
 * A word's own ids (the word, then its character n-grams by size), remembered per model: dataset columns repeat
 * their words from row to row, and hashing a word's n-grams again costs more than finding it here. Bounded: the
 * memo starts again empty when it holds MEMO_WORDS words.
 */
const ownIdsMemo = new WeakMap<ScorerModel, Map<string, OwnTokens>>();
const MEMO_WORDS = 50_000;

function ownIds(model: ScorerModel, word: string): OwnTokens {
  let memo = ownIdsMemo.get(model);
  if (!memo) ownIdsMemo.set(model, (memo = new Map()));
  const known = memo.get(word);
  if (known) return known;
  const { hashBuckets, charNgrams } = model.features;
  const { dim, table } = model;
  const sum = new Float64Array(dim);
  const add = (id: number) => {
    const row = id * dim;
    for (let d = 0; d < dim; d++) sum[d]! += table[row + d]!;
  };
  const marked = `<${word}>`;
  let count = 1;
  add(tokenId(`w:${word}`, hashBuckets));
  for (const size of charNgrams)
    for (let at = 0; at + size <= marked.length; at++, count++) add(ngramId(marked, at, size, hashBuckets));
  const own = { count, sum };
  if (memo.size >= MEMO_WORDS) memo.clear();
  memo.set(word, own);
  return own;
}

/** The ids `textTokens` gives each word, computed once for all the windows that contain it. */
function wordIds(model: ScorerModel, words: readonly string[]): WordIds[] {
  const { hashBuckets, wordBigrams } = model.features;
  return words.map((word, i) => ({
    own: ownIds(model, word),
    bigram: wordBigrams && i > 0 ? bigramId(words[i - 1]!, word, hashBuckets) : 0,
  }));
}

/**
 * Class probabilities of words first..last, from the cached ids: the sum is over the same ids `textTokens` makes
 * of the window's text, so the result is the engine's (a window that `maxTokens` would truncate is scored from its
 * text instead, as the engine reads it). Each word's own rows come pre-summed, so the additions run in another
 * order than the engine's: the probabilities agree to about 1e-15 (a test holds them to 1e-12 of the engine's).
 */
function windowProbabilities(
  model: ScorerModel,
  ids: readonly WordIds[],
  first: number,
  last: number,
  text: () => string,
): number[] {
  let count = 0;
  for (let i = first; i <= last; i++) count += ids[i]!.own.count + (i > first && ids[i]!.bigram > 0 ? 1 : 0);
  if (count > model.features.maxTokens) return classProbabilities(model, text());
  const { dim, table } = model;
  const mean = new Float64Array(dim);
  for (let i = first; i <= last; i++) {
    const { own, bigram } = ids[i]!;
    for (let d = 0; d < dim; d++) mean[d]! += own.sum[d]!;
    if (i > first && bigram > 0) {
      const row = bigram * dim;
      for (let d = 0; d < dim; d++) mean[d]! += table[row + d]!;
    }
  }
  for (let d = 0; d < dim; d++) mean[d]! /= Math.max(1, count);
  return softmax(logits(model, mean));
}

/** Whether NFKC and lower case leave `text` as it is; ASCII without capitals is answered without copying it. */
function isNormalised(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code >= 0x80 || (code >= 0x41 && code <= 0x5a)) return text.normalize('NFKC').toLowerCase() === text;
  }
  return true;
}

/** Longer runs are encodings, hashes or markup, never words of a sentence. */
const LONGEST_WORD = 30;
/**
 * At least this share of a window's words must be words: two letters or more, no letter three times in a row (the
 * fragments of a base64 attachment between its "+" and "/": "waaap8a", "iiiiij3h4ep"), or letters spelled out one
 * by one…
 */
const MIN_WORD_SHARE = 0.5;
/** …and, where it has MIN_REPEAT_WORDS words of two characters or more, at least this share of them distinct. */
const MIN_DISTINCT_SHARE = 0.25;
const MIN_REPEAT_WORDS = 20;
/** Single letters in a row that spell a word out ("i g n o r e"), an obfuscation the scorer must still read. */
const SPELLED_RUN = 3;

/**
 * Whether words first..last read as prose, the only text the scorer was trained on. Outside it its score means
 * nothing: quoted-printable HTML ("=3D" 40 times), hex dumps and log columns scored 0.9 and more on SpamAssassin's
 * e-mails, where no attack was. Obfuscated attacks still pass: leet words keep their letters ("1gn0r3"), spelled-out
 * words are runs of letters, and encoded payloads are decoded and checked by the rules.
 */
function readsAsProse(
  view: string,
  texts: readonly string[],
  spans: ReadonlyArray<readonly [number, number]>,
  first: number,
  last: number,
  asciiView: boolean,
): boolean {
  let lexical = 0;
  let spelled = 0;
  let longer = 0;
  const distinct = new Set<string>();
  // Once this many words are distinct the share holds whatever follows: the set stops growing there.
  const enoughDistinct = MIN_DISTINCT_SHARE * (last - first + 1);
  const endRun = () => {
    if (spelled >= SPELLED_RUN) lexical += spelled;
    spelled = 0;
  };
  for (let i = first; i <= last; i++) {
    const word = texts[i]!;
    if (word.length === 1) {
      // A letter continues a spelled word when only a space, a dot, a hyphen, an underscore or a star separates it
      // from the letter before ("s e c o n d", "f.o.r.g.e.t"), not an escape sequence's "<" or "(".
      if (!LETTER.test(word)) endRun();
      else if (spelled > 0 && !SPELLING_GAP.test(view.slice(spans[i - 1]![1], spans[i]![0]))) spelled = 1;
      else spelled++;
      continue;
    }
    endRun();
    longer++;
    if (distinct.size < enoughDistinct) distinct.add(word.toLowerCase());
    // A word of an ASCII view is ASCII: asking again per word and test was a third of this loop's time.
    const ascii = asciiView || isAscii(word);
    if (word.length <= LONGEST_WORD && hasTwoLetters(word, ascii) && !hasTripledLetter(word, ascii)) lexical++;
  }
  endRun();
  const count = last - first + 1;
  if (lexical < MIN_WORD_SHARE * count) return false;
  return longer < MIN_REPEAT_WORDS || distinct.size >= enoughDistinct || distinct.size >= MIN_DISTINCT_SHARE * longer;
}

const LETTER = /\p{L}/u;
const SPELLING_GAP = /^[ .\-_*]{1,3}$/;
const TRIPLED_LETTER = /(\p{L})\1\1/u;

// Both tests read character codes for ASCII words (nearly every word of a dataset's text), a regular expression
// per character or word otherwise: they ran on every word of every window.
function isAsciiLetter(code: number): boolean {
  return (code >= 0x61 && code <= 0x7a) || (code >= 0x41 && code <= 0x5a);
}

function isAscii(word: string): boolean {
  for (let i = 0; i < word.length; i++) if (word.charCodeAt(i) >= 0x80) return false;
  return true;
}

function hasTwoLetters(word: string, ascii: boolean): boolean {
  let letters = 0;
  if (ascii) {
    for (let i = 0; i < word.length; i++) if (isAsciiLetter(word.charCodeAt(i)) && ++letters >= 2) return true;
    return false;
  }
  for (const char of word) if (LETTER.test(char) && ++letters >= 2) return true;
  return false;
}

function hasTripledLetter(word: string, ascii: boolean): boolean {
  if (!ascii) return TRIPLED_LETTER.test(word);
  for (let i = 2; i < word.length; i++) {
    const code = word.charCodeAt(i);
    if (isAsciiLetter(code) && code === word.charCodeAt(i - 1) && code === word.charCodeAt(i - 2)) return true;
  }
  return false;
}

/** The spans of `WORD`'s matches. */
export function wordSpans(view: string): Array<readonly [number, number]> {
  const spans: Array<readonly [number, number]> = [];
  WORD.lastIndex = 0;
  for (let match = WORD.exec(view); match; match = WORD.exec(view))
    spans.push([match.index, match.index + match[0].length]);
  return spans;
}

const isAsciiDigit = (code: number) => code >= 0x30 && code <= 0x39;

/**
 * `wordSpans` of an ASCII text, read by character codes (a Unicode-property pattern per text was a tenth of the
 * scorer's time): letters and digits, then any number of an apostrophe followed by letters.
 */
export function asciiWordSpans(view: string): Array<readonly [number, number]> {
  const spans: Array<readonly [number, number]> = [];
  const length = view.length;
  let i = 0;
  while (i < length) {
    const code = view.charCodeAt(i);
    if (!isAsciiLetter(code) && !isAsciiDigit(code)) {
      i++;
      continue;
    }
    const start = i;
    while (i < length && (isAsciiLetter(view.charCodeAt(i)) || isAsciiDigit(view.charCodeAt(i)))) i++;
    while (i + 1 < length && view.charCodeAt(i) === 0x27 && isAsciiLetter(view.charCodeAt(i + 1))) {
      i += 2;
      while (i < length && isAsciiLetter(view.charCodeAt(i))) i++;
    }
    spans.push([start, i]);
  }
  return spans;
}

/** Windows of `model.window.words` words every `stride` words over the view text (one window when it is shorter). */
export function scoreWindows(model: ScorerModel, view: string): ScoredWindow[] {
  const asciiView = isAscii(view);
  const words = asciiView ? asciiWordSpans(view) : wordSpans(view);
  if (words.length < MIN_WORDS) return [];
  const texts = words.map(([start, end]) => view.slice(start, end));
  // The cached ids assume the view is already what textTokens' normalisation makes of it (the plain view is).
  const cached = isNormalised(view) ? wordIds(model, texts) : undefined;
  const { words: size, stride } = model.window;
  const benign = model.classes.indexOf('benign');
  const windows: ScoredWindow[] = [];
  for (let first = 0; ; first += stride) {
    const last = Math.min(words.length, first + size) - 1;
    const start = words[first]![0];
    const end = words[last]![1];
    const text = () => view.slice(start, end);
    if (!readsAsProse(view, texts, words, first, last, asciiView)) {
      if (last >= words.length - 1) return windows;
      continue;
    }
    const probabilities = cached
      ? windowProbabilities(model, cached, first, last, text)
      : classProbabilities(model, text());
    let attackClass = benign === 0 ? 1 : 0;
    for (let c = 0; c < probabilities.length; c++)
      if (c !== benign && probabilities[c]! > probabilities[attackClass]!) attackClass = c;
    windows.push({
      start,
      end,
      probabilities,
      attack: 1 - probabilities[benign]!,
      attackClass,
      words: last - first + 1,
    });
    if (last >= words.length - 1) return windows;
  }
}

interface DrivingWord {
  text: string;
  /** View offsets. */
  start: number;
  end: number;
  weight: number;
}

/** The words whose tokens raised the window's attack log-odds most (n-grams summed per word span). */
function drivingWords(model: ScorerModel, view: string, window: ScoredWindow): DrivingWord[] {
  const text = view.slice(window.start, window.end);
  const tokens = spannedTokens(text, model.features);
  if (!tokens) return [];
  const weights = tokenContributions(model, tokens, window.attackClass);
  const bySpan = new Map<string, DrivingWord>();
  tokens.forEach((token: SpannedToken, i) => {
    // Bigrams spread their weight over the two words they join.
    const parts = token.token.startsWith('b:') ? splitBigram(text, token) : [[token.start, token.end] as const];
    for (const [start, end] of parts) {
      const key = `${start}:${end}`;
      const entry = bySpan.get(key) ?? {
        text: text.slice(start, end),
        start: window.start + start,
        end: window.start + end,
        weight: 0,
      };
      entry.weight += weights[i]! / parts.length;
      bySpan.set(key, entry);
    }
  });
  return [...bySpan.values()]
    .filter((word) => word.weight > 0)
    .sort((a, b) => b.weight - a.weight)
    .slice(0, TOP_WORDS);
}

function splitBigram(text: string, token: SpannedToken): Array<readonly [number, number]> {
  const [first, second] = token.token.slice(2).split(' ') as [string, string];
  return [
    [token.start, token.start + first.length],
    [token.end - second.length, token.end],
  ];
}

function windowMatch(model: ScorerModel, view: TextView, window: ScoredWindow): DetectorMatch {
  const className = model.classes[window.attackClass]!;
  const words = drivingWords(model, view.text, window).sort((a, b) => a.start - b.start);
  const [viewStart, viewEnd] =
    words.length > 0 ? [words[0]!.start, words[words.length - 1]!.end] : [window.start, window.end];
  const [start, end] = sourceSpan(view, viewStart, viewEnd);
  const quoted = words.map((word) => `"${word.text}"`).join(', ');
  const probabilities = Object.fromEntries(model.classes.map((name, i) => [name, round(window.probabilities[i]!)]));
  return riskMatch(CLASS_CODES[className]!, start, end, {
    confidence: window.attack,
    message: `Learned scorer: reads like ${CLASS_WORDS[className]} (score ${window.attack.toFixed(2)})`,
    evidence: [`words that drove the score: ${quoted || 'the whole passage'}`],
    details: [
      "The learned scorer (a small n-gram model trained on this project's corpus) weighs every word; this passage crossed its threshold.",
    ],
    extra: {
      detector: 'prompt-scorer',
      score: round(window.attack),
      probabilities,
      words: words.map((word) => ({ text: word.text, ...sourceRange(view, word), weight: round(word.weight) })),
    },
  });
}

function sourceRange(view: TextView, word: DrivingWord): { start: number; end: number } {
  const [start, end] = sourceSpan(view, word.start, word.end);
  return { start, end };
}

/** The threshold a window must reach: the short-text one below `short.words` words. */
export function thresholdFor(model: ScorerModel, window: Pick<ScoredWindow, 'words'>): number {
  return model.short && window.words < model.short.words ? model.short.threshold : model.threshold;
}

const round = (value: number) => Math.round(value * 10_000) / 10_000;

/** Scorer findings on a text's plain view (offsets into the source); none when this build ships no scorer. */
export function findScorerRisks(view: TextView, model: ScorerModel | null = shippedScorer()): DetectorMatch[] {
  if (!model || view.text.length === 0) return [];
  return scoreWindows(model, view.text)
    .filter((window) => window.attack >= thresholdFor(model, window) && windowPassesGate(model, view.text, window))
    .map((window) => windowMatch(model, view, window));
}

/** Whether a scored window may raise a finding under the model's gate (gate.ts). */
export function windowPassesGate(model: ScorerModel, view: string, window: ScoredWindow): boolean {
  return passesGate(model, view, window.start, window.end, model.classes[window.attackClass]!);
}
