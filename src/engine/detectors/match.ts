import { contextSignal, scoreWithContext, type ContextSignal, type SensitiveKind } from './context';
import type { DetectorInput, DetectorMatch } from './types';

/** What a detector found and validated, before context is weighed. */
export interface ValidatedHit {
  code: string;
  kind: SensitiveKind;
  start: number;
  end: number;
  /** Confidence from the structure and validation alone. */
  base: number;
  /** Validation reasons, e.g. "Luhn checksum valid". */
  evidence: string[];
  message: string;
  placeholder: string;
  data?: Record<string, unknown>;
}

/** Weighs the column and nearby words (or a signal already computed) and builds the match. */
export function contextualMatch(input: DetectorInput, hit: ValidatedHit, signal?: ContextSignal): DetectorMatch {
  const context = signal ?? contextSignal(hit.kind, input, hit.start, hit.end);
  return {
    code: hit.code,
    start: hit.start,
    end: hit.end,
    confidence: scoreWithContext(hit.base, context),
    message: hit.message,
    evidence: combinedEvidence(hit.evidence, context.evidence),
    placeholder: hit.placeholder,
    ...(hit.data ? { data: hit.data } : {}),
  };
}

/**
 * `[...own, ...context]`, the same frozen array as for every match before with the same reasons: a column's
 * matches give the same few reasons millions of times in a large table, and one array for them lets the steps
 * after (the report line of each finding, its packing across threads) work once per array, not once per finding.
 * Set by a hash of the match's own reasons (and the lengths of the context's, which a column repeats), four
 * arrays to a set, compared string by string. By the lengths alone, reasons of the same lengths (the top-level
 * domains '.jp', '.uk', '.de' of a column of mail addresses) took turns at one slot and made a new array for most
 * matches: 13,080 arrays for 65,000 addresses at ten domains, each then written and packed anew.
 */
function combinedEvidence(own: readonly string[], context: readonly string[]): string[] {
  let hash = own.length;
  for (const reason of own)
    for (let k = 0; k < reason.length; k++) hash = Math.imul(hash ^ reason.charCodeAt(k), 0x01000193);
  for (const reason of context) hash = Math.imul(hash ^ reason.length, 0x01000193);
  const set = (hash ^ (hash >>> 16)) & (EVIDENCE_SETS - 1);
  const first = set * EVIDENCE_WAYS;
  for (let slot = first; slot < first + EVIDENCE_WAYS; slot++) {
    const known = evidenceSlots[slot];
    if (known && sameStrings(known.own, own) && sameStrings(known.context, context)) return known.combined;
  }
  const combined = Object.freeze([...own, ...context]) as string[];
  const way = nextWay[set]!;
  nextWay[set] = (way + 1) % EVIDENCE_WAYS;
  evidenceSlots[first + way] = { own: [...own], context: [...context], combined };
  return combined;
}

const EVIDENCE_SETS = 64;
const EVIDENCE_WAYS = 4;
const evidenceSlots = new Array<{ own: string[]; context: string[]; combined: string[] } | undefined>(
  EVIDENCE_SETS * EVIDENCE_WAYS,
).fill(undefined);
/** Per set, the way the next new array takes (round robin). */
const nextWay = new Uint8Array(EVIDENCE_SETS);

function sameStrings(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let k = 0; k < a.length; k++) if (a[k] !== b[k]) return false;
  return true;
}

/** Char code at `index`, or -1 outside the value: boundary checks read past either end safely. */
export function codeAt(value: string, index: number): number {
  return index >= 0 && index < value.length ? value.charCodeAt(index) : -1;
}

export function isDigitCode(code: number): boolean {
  return code >= 48 && code <= 57;
}

export function isAsciiLetterCode(code: number): boolean {
  return (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
}

export function isAsciiAlnumCode(code: number): boolean {
  return isDigitCode(code) || isAsciiLetterCode(code);
}

/** True when a digit follows `index` after one character (".5", "-7"): the number goes on. */
export function digitAfter(value: string, index: number): boolean {
  return isDigitCode(codeAt(value, index + 1));
}

/**
 * Every match of the global, non-unicode `pattern` in `text`, as `text.matchAll(pattern)` gives them. `matchAll`
 * copies the pattern on every call, which cost more than the search on the short values of a dataset.
 */
export function allMatches(pattern: RegExp, text: string): RegExpExecArray[] {
  const found: RegExpExecArray[] = [];
  pattern.lastIndex = 0;
  for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
    found.push(match);
    if (match[0].length === 0) pattern.lastIndex++;
  }
  pattern.lastIndex = 0;
  return found;
}
