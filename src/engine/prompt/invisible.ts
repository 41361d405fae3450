import type { DetectorMatch } from '../detectors';
import { riskMatch } from './match';

/** Names of the invisible characters seen in attacks; others are shown by code point and category. */
const NAMES: Record<number, string> = {
  0x00ad: 'SOFT HYPHEN',
  0x061c: 'ARABIC LETTER MARK',
  0x180e: 'MONGOLIAN VOWEL SEPARATOR',
  0x200b: 'ZERO WIDTH SPACE',
  0x200c: 'ZERO WIDTH NON-JOINER',
  0x200d: 'ZERO WIDTH JOINER',
  0x200e: 'LEFT-TO-RIGHT MARK',
  0x200f: 'RIGHT-TO-LEFT MARK',
  0x202a: 'LEFT-TO-RIGHT EMBEDDING',
  0x202b: 'RIGHT-TO-LEFT EMBEDDING',
  0x202c: 'POP DIRECTIONAL FORMATTING',
  0x202d: 'LEFT-TO-RIGHT OVERRIDE',
  0x202e: 'RIGHT-TO-LEFT OVERRIDE',
  0x2060: 'WORD JOINER',
  0x2061: 'FUNCTION APPLICATION',
  0x2062: 'INVISIBLE TIMES',
  0x2063: 'INVISIBLE SEPARATOR',
  0x2064: 'INVISIBLE PLUS',
  0x2066: 'LEFT-TO-RIGHT ISOLATE',
  0x2067: 'RIGHT-TO-LEFT ISOLATE',
  0x2068: 'FIRST STRONG ISOLATE',
  0x2069: 'POP DIRECTIONAL ISOLATE',
  0xfeff: 'ZERO WIDTH NO-BREAK SPACE',
};

type Kind = 'tag' | 'bidi' | 'zero-width' | 'variation-selector' | 'private-use' | 'unassigned' | 'format';

function kindOf(code: number, char: string): Kind | undefined {
  if (code >= 0xe0000 && code <= 0xe007f) return 'tag';
  if (
    (code >= 0x202a && code <= 0x202e) ||
    (code >= 0x2066 && code <= 0x2069) ||
    code === 0x200e ||
    code === 0x200f ||
    code === 0x061c
  )
    return 'bidi';
  if (code === 0x200b || code === 0x200c || code === 0x200d || code === 0x2060 || code === 0xfeff || code === 0x180e)
    return 'zero-width';
  if ((code >= 0xfe00 && code <= 0xfe0f) || (code >= 0xe0100 && code <= 0xe01ef)) return 'variation-selector';
  if (/\p{Co}/u.test(char)) return 'private-use';
  if (/\p{Cn}/u.test(char)) return 'unassigned';
  if (/\p{Cf}/u.test(char)) return 'format';
  return undefined;
}

interface Run {
  start: number;
  end: number;
  codes: number[];
  kinds: Set<Kind>;
}

/** Zero-width joiners inside emoji sequences, RTL marks in Arabic or Hebrew text, and emoji presentation selectors are ordinary. */
function isOrdinary(text: string, start: number, end: number, code: number, kind: Kind): boolean {
  const before = text.codePointAt(start - 1 >= 0 && /[\uDC00-\uDFFF]/.test(text[start - 1]!) ? start - 2 : start - 1);
  const after = text.codePointAt(end);
  const isEmoji = (cp: number | undefined) =>
    cp !== undefined &&
    /\p{Extended_Pictographic}|\p{Emoji_Modifier}|\p{Regional_Indicator}/u.test(String.fromCodePoint(cp));
  const isScriptJoining = (cp: number | undefined) =>
    cp !== undefined &&
    /\p{Script=Arabic}|\p{Script=Hebrew}|\p{Script=Syriac}|\p{Script=Devanagari}|\p{Script=Bengali}|\p{Script=Gurmukhi}|\p{Script=Gujarati}|\p{Script=Oriya}|\p{Script=Tamil}|\p{Script=Telugu}|\p{Script=Kannada}|\p{Script=Malayalam}|\p{Script=Sinhala}|\p{Script=Thaana}|\p{Script=Mongolian}/u.test(
      String.fromCodePoint(cp),
    );
  if (code === 0x200d) return isEmoji(before) || isScriptJoining(before) || isScriptJoining(after);
  if (code === 0x200c || code === 0x200e || code === 0x200f || code === 0x061c)
    return isScriptJoining(before) || isScriptJoining(after);
  if (code === 0xfeff && start === 0) return true; // a byte-order mark
  if (code === 0x00ad) return true; // soft hyphens come from word processors, shown as a hyphen at line ends
  // One selector after a character picks its glyph (emoji style, CJK variants); a run of them carries data.
  if (kind === 'variation-selector') return !isVariationSelector(before) && !isVariationSelector(after);
  return false;
}

function isVariationSelector(code: number | undefined): boolean {
  return code !== undefined && ((code >= 0xfe00 && code <= 0xfe0f) || (code >= 0xe0100 && code <= 0xe01ef));
}

function collectRuns(text: string): Run[] {
  const runs: Run[] = [];
  let current: Run | undefined;
  for (let i = 0; i < text.length; ) {
    const code = text.codePointAt(i)!;
    const width = code > 0xffff ? 2 : 1;
    const kind = code < 0x80 ? undefined : kindOf(code, String.fromCodePoint(code));
    if (kind && !isOrdinary(text, i, i + width, code, kind)) {
      if (current && current.end === i) {
        current.end = i + width;
      } else {
        current = { start: i, end: i + width, codes: [], kinds: new Set() };
        runs.push(current);
      }
      current.codes.push(code);
      current.kinds.add(kind);
    }
    i += width;
  }
  return runs;
}

/** Unicode tag characters mirror ASCII (U+E0041 is a hidden "A"): the text they spell. */
export function decodeTagCharacters(codes: readonly number[]): string {
  return codes
    .filter((code) => code >= 0xe0020 && code <= 0xe007e)
    .map((code) => String.fromCharCode(code - 0xe0000))
    .join('');
}

/**
 * Variation selectors can carry one byte each (VS1–16 = 0–15, VS17–256 = 16–255): the "emoji smuggling"
 * technique. Decoded as UTF-8 when the bytes form readable text.
 */
export function decodeVariationSelectors(codes: readonly number[]): string | undefined {
  const bytes = codes
    .map((code) =>
      code >= 0xfe00 && code <= 0xfe0f ? code - 0xfe00 : code >= 0xe0100 && code <= 0xe01ef ? code - 0xe0100 + 16 : -1,
    )
    .filter((byte) => byte >= 0);
  if (bytes.length < 4) return undefined;
  const text = Buffer.from(bytes).toString('utf8');
  return /^[\p{L}\p{N}\p{P}\p{Zs}\n]+$/u.test(text) ? text : undefined;
}

function describe(codes: readonly number[]): string {
  const counts = new Map<number, number>();
  for (const code of codes) counts.set(code, (counts.get(code) ?? 0) + 1);
  return [...counts]
    .slice(0, 6)
    .map(([code, count]) => {
      const hex = `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
      const name = NAMES[code] ?? (code >= 0xe0000 && code <= 0xe007f ? 'TAG' : 'invisible');
      return `${hex} ${name}${count > 1 ? ` ×${count}` : ''}`;
    })
    .join(', ');
}

const KIND_WORDS: Record<Kind, string> = {
  tag: 'Unicode tag characters',
  bidi: 'bidirectional control characters',
  'zero-width': 'zero-width characters',
  'variation-selector': 'variation selectors',
  'private-use': 'private-use characters',
  unassigned: 'unassigned code points',
  format: 'invisible format characters',
};

/** Invisible characters grouped in runs; tag characters and variation selectors are decoded into what they say. */
export function findInvisibleCharacters(text: string): DetectorMatch[] {
  if (!/[^\x00-\x7F]/.test(text)) return [];
  return collectRuns(text).map((run) => {
    const hiddenTag = run.kinds.has('tag') ? decodeTagCharacters(run.codes) : '';
    const hiddenBytes = run.kinds.has('variation-selector') ? decodeVariationSelectors(run.codes) : undefined;
    const decoded = hiddenTag || hiddenBytes;
    const kinds = [...run.kinds].map((kind) => KIND_WORDS[kind]).join(' and ');
    const confidence = decoded
      ? 0.95
      : run.kinds.has('bidi') || run.kinds.has('tag')
        ? 0.85
        : run.codes.length > 1
          ? 0.75
          : 0.6;
    return riskMatch('prompt/invisible-unicode', run.start, run.end, {
      confidence,
      message: decoded ? `Hidden text in ${kinds}: "${truncate(decoded)}"` : `${run.codes.length} invisible ${kinds}`,
      evidence: [describe(run.codes)],
      decoded,
      fixes: ['strip-invisible'],
      details: [`Characters: ${describe(run.codes)}.`],
      extra: { codePoints: run.codes },
    });
  });
}

function truncate(text: string, max = 80): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
