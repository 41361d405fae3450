import { buildLexicon, defaultLexicon, type IdentityTerm } from '../bias';
import swapData from './swaps.json';

interface SwapFile {
  pronouns: Record<string, string>;
  nouns: Array<[string, string]>;
  names: Array<[string, string]>;
  categories: Record<string, { pairs: Array<[string, string]>; default: string | null }>;
}

/** One swappable term: what each of its written forms becomes. */
export interface SwapTerm {
  term: IdentityTerm;
  /** The replacement words for the form matched (its index in `term.forms`) and the text after the match. */
  replace(form: number, after: string): string[];
}

/** Words after which `her`/`his` end a phrase (object or possessive pronoun) rather than precede a noun. */
const PHRASE_ENDERS = new Set(
  'and or but nor to that the a an in on at with for from about of by again yesterday today tomorrow now then too so very back up down out off away home here there because if when as than is was be'.split(
    ' ',
  ),
);

/** The next word of `after`, lower-cased, or '' when punctuation or the end comes first. */
function nextWord(after: string): string {
  const match = /^[ \t]+([A-Za-z]+)/.exec(after);
  return match ? match[1]!.toLowerCase() : '';
}

/**
 * `her` is possessive before a noun ("her book" → "his book") and an object otherwise ("saw her." → "saw him.");
 * `his` is possessive before a noun ("his book" → "her book") and stands alone otherwise ("it is his." → "hers").
 * Told apart by the next word only, so "I saw her yesterday" works and "I gave her flowers" does not.
 */
const CONTEXT_PRONOUNS: Record<string, (after: string) => string> = {
  her: (after) => {
    const next = nextWord(after);
    return next !== '' && !PHRASE_ENDERS.has(next) ? 'his' : 'him';
  },
  his: (after) => {
    const next = nextWord(after);
    return next !== '' && !PHRASE_ENDERS.has(next) ? 'her' : 'hers';
  },
};

let cached: SwapTerm[] | undefined;

/**
 * Every term a counterfactual swaps, with its partner: pronouns (by context for her/his), gendered nouns and given
 * names from `swaps.json`, and the audit's identity lexicon — explicit pairs first, then each remaining term of a
 * category with a default partner swaps to that partner. A form swaps to the partner's form of the same index
 * (singular ↔ singular, plural ↔ plural).
 */
export function swapTerms(): SwapTerm[] {
  cached ??= buildSwapTerms(swapData as unknown as SwapFile, defaultLexicon());
  return cached;
}

export function buildSwapTerms(file: SwapFile, lexicon: readonly IdentityTerm[]): SwapTerm[] {
  const byTerm = new Map<string, SwapTerm>();
  const single = (word: string, category: string): IdentityTerm => ({ term: word, category, forms: [[word]] });
  const add = (term: IdentityTerm, replace: SwapTerm['replace']) => {
    if (!byTerm.has(term.term)) byTerm.set(term.term, { term, replace });
  };
  const pairUp = (a: IdentityTerm, b: IdentityTerm) => {
    add(a, (form) => b.forms[form] ?? b.forms[0]!);
    add(b, (form) => a.forms[form] ?? a.forms[0]!);
  };
  for (const [word, partner] of Object.entries(file.pronouns)) add(single(word, 'pronoun'), () => [partner]);
  for (const [word, choose] of Object.entries(CONTEXT_PRONOUNS))
    add(single(word, 'pronoun'), (_, after) => [choose(after)]);
  for (const [a, b] of file.nouns) pairUp(...(buildLexicon({ gender: [a, b] }) as [IdentityTerm, IdentityTerm]));
  for (const [a, b] of file.names) pairUp(single(a, 'given_name'), single(b, 'given_name'));
  const lexiconByTerm = new Map(lexicon.map((term) => [term.term, term]));
  const known = (entry: string, category: string) =>
    lexiconByTerm.get(entry) ?? buildLexicon({ [category]: [entry] })[0]!;
  for (const [category, { pairs, default: fallback }] of Object.entries(file.categories)) {
    for (const [a, b] of pairs) pairUp(known(a, category), known(b, category));
    if (!fallback) continue;
    const partner = known(fallback, category);
    for (const term of lexicon)
      if (term.category === category) add(term, (form) => partner.forms[form] ?? partner.forms[0]!);
  }
  return [...byTerm.values()];
}
