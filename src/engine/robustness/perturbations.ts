/**
 * Label-preserving text perturbations for the robustness suite (in the spirit of CheckList's invariance tests,
 * Ribeiro et al. 2020, and NL-Augmenter): each is seeded, so a suite run is reproducible, and returns the text
 * unchanged where it finds nothing to change. Word-level regexes are single character classes (linear time).
 */
import { defaultLexicon, type IdentityTerm, IdentityTermMatcher } from '../bias';
import type { Random } from '../training';
import synonymData from './synonyms.json';

export const PERTURBATIONS = ['typos', 'casing', 'whitespace', 'synonyms', 'identity', 'invisible'] as const;
export type PerturbationName = (typeof PERTURBATIONS)[number];

export const PERTURBATION_DESCRIPTIONS: Record<PerturbationName, string> = {
  typos: 'a quarter of the words of 4+ letters get one typo: adjacent swap, deletion, doubling or a QWERTY neighbour',
  casing: 'every word upper-cased or capitalised at random',
  whitespace: 'single spaces become double spaces, tabs or line breaks; padding at both ends',
  synonyms: 'words with a common synonym (a shipped list of label-neutral pairs) replaced by it',
  identity: 'identity terms (the audit lexicon) swapped for another term of the same category: women → men',
  invisible: 'zero-width characters (U+200B, U+200C, U+200D, U+2060) inserted inside half the words of 4+ letters',
};

const LETTERS = /\p{L}+/gu;
const SPACES = / /g;

/** Applies one perturbation to one text. */
export function perturb(name: PerturbationName, text: string, random: Random): string {
  switch (name) {
    case 'typos':
      return text.replace(LETTERS, (word) => (word.length >= 4 && random() < 0.25 ? typo(word, random) : word));
    case 'casing':
      return text.replace(LETTERS, (word) => (random() < 0.5 ? word.toUpperCase() : capitalise(word.toLowerCase())));
    case 'whitespace':
      return ` ${text.replace(SPACES, () => ['  ', '\t', '\n', ' \t '][Math.floor(random() * 4)]!)}  `;
    case 'synonyms':
      return text.replace(LETTERS, (word) => {
        const options = synonymsOf().get(word.toLowerCase());
        return options ? matchCase(word, options[Math.floor(random() * options.length)]!) : word;
      });
    case 'identity':
      return swapIdentityTerms(text, random);
    case 'invisible':
      return text.replace(LETTERS, (word) => {
        if (word.length < 4 || random() >= 0.5) return word;
        const at = 1 + Math.floor(random() * (word.length - 1));
        return `${word.slice(0, at)}${INVISIBLE[Math.floor(random() * INVISIBLE.length)]}${word.slice(at)}`;
      });
  }
}

const INVISIBLE = ['\u200b', '\u200c', '\u200d', '\u2060'];

const KEYBOARD_ROWS = ['qwertyuiop', 'asdfghjkl', 'zxcvbnm'];

/** A letter next to `letter` on a QWERTY keyboard (same row), or the letter itself when it is not a–z. */
function neighbour(letter: string, random: Random): string {
  const lower = letter.toLowerCase();
  for (const row of KEYBOARD_ROWS) {
    const at = row.indexOf(lower);
    if (at < 0) continue;
    const options = [row[at - 1], row[at + 1]].filter((c): c is string => c !== undefined);
    const picked = options[Math.floor(random() * options.length)]!;
    return letter === lower ? picked : picked.toUpperCase();
  }
  return letter;
}

function typo(word: string, random: Random): string {
  const at = 1 + Math.floor(random() * (word.length - 2)); // inner letters only: first and last stay
  switch (Math.floor(random() * 4)) {
    case 0:
      return `${word.slice(0, at)}${word[at + 1]}${word[at]}${word.slice(at + 2)}`;
    case 1:
      return `${word.slice(0, at)}${word.slice(at + 1)}`;
    case 2:
      return `${word.slice(0, at)}${word[at]}${word.slice(at)}`;
    default:
      return `${word.slice(0, at)}${neighbour(word[at]!, random)}${word.slice(at + 1)}`;
  }
}

function capitalise(word: string): string {
  return word.length === 0 ? word : `${word[0]!.toUpperCase()}${word.slice(1)}`;
}

/** `replacement` written the way `original` is: ALL CAPS, Capitalised or lower case. */
export function matchCase(original: string, replacement: string): string {
  if (original.length > 1 && original === original.toUpperCase() && original !== original.toLowerCase())
    return replacement.toUpperCase();
  if (original[0] !== undefined && original[0] !== original[0].toLowerCase()) return capitalise(replacement);
  return replacement;
}

let synonymMap: Map<string, string[]> | undefined;

/** Both directions of every pair in synonyms.json. */
function synonymsOf(): Map<string, string[]> {
  if (synonymMap) return synonymMap;
  synonymMap = new Map();
  for (const group of (synonymData as { groups: string[][] }).groups) {
    for (const word of group)
      synonymMap.set(
        word,
        group.filter((other) => other !== word),
      );
  }
  return synonymMap;
}

let identity: { matcher: IdentityTermMatcher; byCategory: Map<string, IdentityTerm[]> } | undefined;

function identityLexicon() {
  if (identity) return identity;
  const terms = defaultLexicon();
  const byCategory = new Map<string, IdentityTerm[]>();
  for (const term of terms) byCategory.set(term.category, [...(byCategory.get(term.category) ?? []), term]);
  identity = { matcher: new IdentityTermMatcher(terms), byCategory };
  return identity;
}

/** Each identity term → another term of its category, plural for plural, in the original's case. */
function swapIdentityTerms(text: string, random: Random): string {
  const { matcher, byCategory } = identityLexicon();
  const matches: Array<{ term: number; start: number; end: number }> = [];
  matcher.forEachMatch(text, (term, start, end) => matches.push({ term, start, end }));
  if (matches.length === 0) return text;
  let out = '';
  let last = 0;
  for (const { term, start, end } of matches) {
    const found = matcher.terms[term]!;
    const original = text.slice(start, end);
    const words = original.toLowerCase().split(/[\s-]+/);
    const plural =
      found.forms.slice(1).some((form) => form.join(' ') === words.join(' ')) &&
      found.forms[0]!.join(' ') !== words.join(' ');
    const others = (byCategory.get(found.category) ?? []).filter((other) => other.term !== found.term);
    if (others.length === 0) continue;
    const other = others[Math.floor(random() * others.length)]!;
    const form = (plural ? other.forms[1] : other.forms[0]) ?? other.forms[0]!;
    out += text.slice(last, start) + matchCase(original, form.join(' '));
    last = end;
  }
  return out + text.slice(last);
}
