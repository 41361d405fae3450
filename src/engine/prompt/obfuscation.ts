import { rewriteView, type Rewrite, type TextView } from './textView';

// Undoes the two cheapest filter evasions, leetspeak ("1gn0r3") and spacing ("i g n o r e"), so the phrase rules
// can read the result. Both need a vocabulary: a leet token is decoded only when it becomes a word the rules know,
// and a run of spaced letters is cut into such words. Hand-written: no maintained package does this with offsets.

const LEET: Record<string, string[]> = {
  '0': ['o'],
  '1': ['i', 'l'],
  '3': ['e'],
  '4': ['a'],
  '5': ['s'],
  '7': ['t'],
  '8': ['b'],
  '9': ['g'],
  '@': ['a'],
  $: ['s'],
  '!': ['i'],
  '|': ['l', 'i'],
  '+': ['t'],
};

const GLUE_WORDS = [
  'a',
  'i',
  'an',
  'the',
  'to',
  'of',
  'you',
  'your',
  'all',
  'and',
  'now',
  'are',
  'is',
  'be',
  'do',
  'me',
  'my',
  'on',
  'no',
  'any',
  'as',
  'in',
  'it',
  'this',
  'that',
  'policies',
  'rules',
  'everything',
];

/** The words the phrase rules are written with, plus glue words. */
export function vocabularyOf(patterns: readonly RegExp[]): Set<string> {
  const words = new Set(GLUE_WORDS);
  for (const pattern of patterns) for (const word of pattern.source.match(/[a-z]{3,}/g) ?? []) words.add(word);
  return words;
}

function leetCandidates(token: string, limit = 32): string[] {
  let candidates = [''];
  for (const char of token) {
    const options = LEET[char] ?? [char];
    candidates = candidates.flatMap((prefix) => options.map((option) => prefix + option)).slice(0, limit);
  }
  return candidates;
}

/** `text` without the run of `chars` at its end (a loop: `/[!]+$/` backtracks quadratically on long runs). */
export function trimTrailing(text: string, chars: string): string {
  let end = text.length;
  while (end > 0 && chars.includes(text[end - 1]!)) end--;
  return text.slice(0, end);
}

/** Character codes of a token: letters a-z (1) and the leet characters (2). */
const TOKEN_CHAR = new Uint8Array(128);
for (let code = 0x61; code <= 0x7a; code++) TOKEN_CHAR[code] = 1;
for (const char of '0123456789@$!|+') TOKEN_CHAR[char.charCodeAt(0)] = 2;

/**
 * The runs of `[a-z0-9@$!|+]` that hold a letter and a leet character, as [start, end): a loop over character
 * codes, because the regular expression made a match object of every word of every text, leet or not.
 */
function leetTokens(text: string): Array<[number, number]> {
  const tokens: Array<[number, number]> = [];
  let start = -1;
  let kinds = 0;
  for (let i = 0; i <= text.length; i++) {
    const code = i < text.length ? text.charCodeAt(i) : 0;
    const kind = code < 128 ? TOKEN_CHAR[code]! : 0;
    if (kind !== 0) {
      if (start < 0) {
        start = i;
        kinds = 0;
      }
      kinds |= kind;
    } else if (start >= 0) {
      if (kinds === 3) tokens.push([start, i]);
      start = -1;
    }
  }
  return tokens;
}

function leetRewrites(view: TextView, vocabulary: ReadonlySet<string>, taken: Rewrite[]): Rewrite[] {
  const rewrites: Rewrite[] = [];
  for (const [start, end] of leetTokens(view.text)) {
    const word = trimTrailing(view.text.slice(start, end), '!');
    if (!/[a-z]/.test(word) || !/[0-9@$!|+]/.test(word) || word.length < 3) continue;
    if (taken.some((rewrite) => start < rewrite.end && start + word.length > rewrite.start)) continue;
    const decoded = leetCandidates(word).find((candidate) => vocabulary.has(candidate));
    if (decoded) rewrites.push({ start, end: start + word.length, replacement: decoded });
  }
  return rewrites;
}

/** Greedy longest-match split of glued letters into known words ("ignoreallprevious" → "ignore all previous"). */
export function segment(letters: string, vocabulary: ReadonlySet<string>): string {
  const words: string[] = [];
  let unknown = '';
  for (let i = 0; i < letters.length; ) {
    let length = Math.min(20, letters.length - i);
    while (length > 1 && !vocabulary.has(letters.slice(i, i + length))) length--;
    if (length === 1 && !vocabulary.has(letters[i]!)) {
      unknown += letters[i];
      i++;
      continue;
    }
    if (unknown) words.push(unknown), (unknown = '');
    words.push(letters.slice(i, i + length));
    i += length;
  }
  if (unknown) words.push(unknown);
  return words.join(' ');
}

function decodeLeetLetter(char: string): string {
  return LEET[char]?.[0] ?? char;
}

function spacingRewrites(view: TextView, vocabulary: ReadonlySet<string>): Rewrite[] {
  const rewrites: Rewrite[] = [];
  const run = /(?<![a-z0-9])[a-z0-9@$](?:[ .\-_*+/]{1,3}[a-z0-9@$](?![a-z0-9])){3,}/g;
  for (let found = run.exec(view.text); found; found = run.exec(view.text)) {
    // Wider gaps ("i g n o r e   a l l") are word breaks; single separators join letters.
    const chunks = found[0].split(/[ .\-_*+/]{2,}|\s\/\s/).map((chunk) =>
      chunk
        .replace(/[ .\-_*+/]/g, '')
        .split('')
        .map(decodeLeetLetter)
        .join(''),
    );
    const words = chunks.map((chunk) => (vocabulary.has(chunk) ? chunk : segment(chunk, vocabulary))).join(' ');
    rewrites.push({ start: found.index, end: found.index + found[0].length, replacement: words });
  }
  return rewrites;
}

/** The view with leetspeak decoded and spaced letters joined, or undefined when the text uses neither. */
export function deobfuscatedView(view: TextView, vocabulary: ReadonlySet<string>): TextView | undefined {
  const spaced = spacingRewrites(view, vocabulary);
  const leet = leetRewrites(view, vocabulary, spaced);
  if (spaced.length === 0 && leet.length === 0) return undefined;
  return rewriteView(
    view,
    [...spaced, ...leet].sort((a, b) => a.start - b.start),
  );
}
