import { IdentityTermMatcher } from '../bias';
import { swapTerms, type SwapTerm } from './swapTable';

/** The text with one identity-term occurrence swapped. Offsets are UTF-16 into the original text. */
export interface Counterfactual {
  text: string;
  start: number;
  end: number;
  /** The occurrence as written, and what replaced it (case kept). */
  original: string;
  replacement: string;
  /** The term's category: pronoun, gender, given_name, race_ethnicity, religion, nationality, … */
  category: string;
}

/** Finds swappable terms in texts and writes one counterfactual per occurrence. */
export class CounterfactualGenerator {
  private readonly matcher: IdentityTermMatcher;

  constructor(private readonly terms: readonly SwapTerm[] = swapTerms()) {
    this.matcher = new IdentityTermMatcher(terms.map((entry) => entry.term));
  }

  /**
   * One counterfactual per occurrence of a swappable term (LIT's word-replacer convention; only that occurrence
   * changes), with the original's case: UPPER stays upper, Capitalised words stay capitalised.
   */
  counterfactuals(text: string): Counterfactual[] {
    const out: Counterfactual[] = [];
    this.matcher.forEachMatch(text, (index, start, end) => {
      const entry = this.terms[index]!;
      const original = text.slice(start, end);
      const words = entry.replace(formIndex(entry, original), text.slice(end));
      const replacement = withCase(original, joinLike(original, words));
      if (replacement.toLowerCase() === original.toLowerCase()) return;
      out.push({
        text: text.slice(0, start) + replacement + text.slice(end),
        start,
        end,
        original,
        replacement,
        category: entry.term.category,
      });
    });
    return out;
  }
}

/** Which of the term's forms (singular, plural …) the occurrence is; 0 when none matches exactly. */
function formIndex(entry: SwapTerm, original: string): number {
  const words = original
    .toLowerCase()
    .split(/[\s\u00a0-]+/)
    .filter((word) => word.length > 0)
    .join(' ');
  const index = entry.term.forms.findIndex((form) => form.join(' ') === words);
  return Math.max(0, index);
}

/** The replacement words joined as the original's were: by its first hyphen if it had one, else by spaces. */
function joinLike(original: string, words: readonly string[]): string {
  return words.join(original.includes('-') ? '-' : ' ');
}

/** Applies the original's case to the replacement: all caps, each word capitalised, first capitalised, or lower. */
export function withCase(original: string, replacement: string): string {
  const letters = original.replace(/[^\p{L}]/gu, '');
  if (letters.length > 1 && letters === letters.toUpperCase() && letters !== letters.toLowerCase())
    return replacement.toUpperCase();
  const capitalised = (word: string) =>
    word.length > 0 && word[0] === word[0]!.toUpperCase() && word[0] !== word[0]!.toLowerCase();
  const originalWords = original.split(/[\s\u00a0-]+/).filter((word) => word.length > 0);
  if (originalWords.length > 1 && originalWords.every(capitalised))
    return replacement.replace(/(^|[\s-])(\p{Ll})/gu, (_, lead: string, c: string) => lead + c.toUpperCase());
  if (capitalised(original)) return replacement.charAt(0).toUpperCase() + replacement.slice(1);
  return replacement;
}
