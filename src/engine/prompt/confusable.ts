import unhomoglyph from 'unhomoglyph';
import type { DetectorMatch } from '../detectors';
import { riskMatch } from './match';

// Mixed-script and whole-script confusables in the spirit of Unicode TS #39 (UTS 39) section 5; the look-alike
// table is Unicode's confusables.txt, through the `unhomoglyph` package.

/** Scripts whose letters imitate Latin ones in attacks (Cyrillic "а", Greek "ο", Cherokee "Ꭺ", Lisu "ꓲ"). */
const LOOKALIKE_SCRIPT =
  /\p{Script=Cyrillic}|\p{Script=Greek}|\p{Script=Armenian}|\p{Script=Cherokee}|\p{Script=Lisu}|\p{Script=Coptic}/u;
const LATIN = /\p{Script=Latin}/u;
/** Greek letters that are ordinary in science and units ("5 μm", "α-helix"). */
const SCIENTIFIC_GREEK = new Set([...'αβγδεζηθκλμνξπρστφχψωΔΣΩΦΨΛΘΓΠµ']);
/** Styled Latin letters: mathematical alphanumerics, full-width forms, enclosed letters. */
const STYLED_LETTER = /[\u{1D400}-\u{1D7FF}\uFF21-\uFF3A\uFF41-\uFF5A\u24B6-\u24E9\u{1F130}-\u{1F189}]/u;

function latinLookalike(char: string): string | undefined {
  if (!LOOKALIKE_SCRIPT.test(char) || SCIENTIFIC_GREEK.has(char)) return undefined;
  const skeleton = unhomoglyph(char);
  return /^[A-Za-z]+$/.test(skeleton) ? skeleton : undefined;
}

interface Token {
  text: string;
  start: number;
}

function* wordTokens(text: string): Generator<Token> {
  const word = /[\p{L}\p{M}\p{N}]+/gu;
  for (let found = word.exec(text); found; found = word.exec(text)) {
    if (/[^\x00-\x7F]/.test(found[0])) yield { text: found[0], start: found.index };
  }
}

/** Share of letters in the text that are Latin: whole-script spoofs only matter inside Latin text. */
function latinShare(text: string): number {
  let letters = 0;
  let latin = 0;
  for (const char of text) {
    if (!/\p{L}/u.test(char)) continue;
    letters++;
    if (LATIN.test(char)) latin++;
  }
  return letters === 0 ? 0 : latin / letters;
}

function analyse(token: Token, mostlyLatin: boolean): DetectorMatch | undefined {
  const chars = [...token.text];
  if (chars.some((char) => STYLED_LETTER.test(char))) {
    const plain = token.text.normalize('NFKC');
    if (/^[A-Za-z0-9]+$/.test(plain)) {
      return riskMatch('prompt/confusable', token.start, token.start + token.text.length, {
        confidence: 0.5,
        message: `Styled look-alike letters read as "${plain}"`,
        evidence: ['mathematical, full-width or enclosed letters'],
        fixes: ['replace'],
        suggestions: [plain],
      });
    }
  }
  const lookalikes = chars.map(latinLookalike);
  const hasLatin = chars.some((char) => LATIN.test(char) && /\p{L}/u.test(char));
  const lookalikeCount = lookalikes.filter(Boolean).length;
  if (lookalikeCount === 0) return undefined;
  const letters = chars.filter((char) => /\p{L}/u.test(char));
  const wholeScript = !hasLatin && lookalikeCount === letters.length && letters.length >= 2 && mostlyLatin;
  if (!hasLatin && !wholeScript) return undefined;
  const latinSpelling = chars.map((char, i) => lookalikes[i] ?? char).join('');
  const foreign = chars
    .filter((_, i) => lookalikes[i])
    .map((char) => `"${char}" U+${char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`);
  return riskMatch('prompt/confusable', token.start, token.start + token.text.length, {
    confidence: hasLatin ? 0.8 : 0.6,
    message: hasLatin
      ? `Mixed-script word "${token.text}" reads as "${latinSpelling}"`
      : `Word written in look-alike letters reads as "${latinSpelling}"`,
    evidence: [
      hasLatin ? 'Latin mixed with look-alike letters' : 'whole word in look-alike letters inside Latin text',
      ...foreign.slice(0, 4),
    ],
    fixes: ['replace'],
    suggestions: [latinSpelling],
  });
}

export function findConfusables(text: string): DetectorMatch[] {
  if (!/[^\x00-\x7F]/.test(text)) return [];
  const matches: DetectorMatch[] = [];
  let mostlyLatin: boolean | undefined;
  for (const token of wordTokens(text)) {
    mostlyLatin ??= latinShare(text) >= 0.8;
    const match = analyse(token, mostlyLatin);
    if (match) matches.push(match);
  }
  return matches;
}
