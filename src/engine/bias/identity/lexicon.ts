import lexiconData from './lexicon.json';

/** One identity term with every written form it matches (plural, hyphenated), as lists of lower-case words. */
export interface IdentityTerm {
  term: string;
  category: string;
  forms: string[][];
}

interface LexiconFile {
  categories: Record<string, string[]>;
}

/** Regular English plural of a word; over-generating ("jewishes") is harmless, the form never occurs. */
export function regularPlural(word: string): string {
  if (/(s|x|z|ch|sh)$/.test(word)) return `${word}es`;
  if (/[^aeiou]y$/.test(word)) return `${word.slice(0, -1)}ies`;
  return `${word}s`;
}

function words(text: string): string[] {
  return text
    .trim()
    .toLowerCase()
    .split(/[\s-]+/)
    .filter((word) => word.length > 0);
}

/** Terms from `entries` such as `woman|women` or `african american`; a term listed under two categories keeps the first. */
export function buildLexicon(categories: Record<string, readonly string[]>): IdentityTerm[] {
  const byTerm = new Map<string, IdentityTerm>();
  for (const [category, entries] of Object.entries(categories)) {
    for (const entry of entries) {
      const [singular = '', ...irregular] = entry.split('|');
      const base = words(singular);
      const term = base.join(' ');
      if (term === '' || byTerm.has(term)) continue;
      const last = base[base.length - 1] ?? '';
      const plurals = irregular.length > 0 ? irregular.map(words) : [[...base.slice(0, -1), regularPlural(last)]];
      byTerm.set(term, { term, category, forms: [base, ...plurals] });
    }
  }
  return [...byTerm.values()];
}

let cached: IdentityTerm[] | undefined;

/** The lexicon shipped with the engine (sources in lexicon.json). */
export function defaultLexicon(): IdentityTerm[] {
  cached ??= buildLexicon((lexiconData as LexiconFile).categories);
  return cached;
}
