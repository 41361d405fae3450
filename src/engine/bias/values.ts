/** How raw cell values become groups: missing markers pooled, numbers binned. */

export const MISSING = '(missing)';
export const OTHER = '(other)';

const MISSING_MARKERS = new Set(['', 'na', 'n/a', 'nan', 'null', 'none', '?']);

export function isMissing(value: string): boolean {
  // Markers are at most 4 letters: longer values without surrounding spaces skip the trim and lower-casing.
  const length = value.length;
  if (length > 4 && value.charCodeAt(0) > 32 && value.charCodeAt(length - 1) > 32) return false;
  return MISSING_MARKERS.has(value.trim().toLowerCase());
}

/** The group a raw value belongs to: trimmed, with missing markers pooled. */
export function groupValue(raw: string): string {
  return isMissing(raw) ? MISSING : raw.trim();
}

/**
 * A decimal number (`12`, `-3.5`, `.5`, `1.`, `2e-3`) between optional white space, as `Number` reads it; undefined
 * for anything else (hex, `Infinity`, thousands separators, empty). Scanned by hand: trim, a regular expression and
 * `Number` per cell were a hot spot of audits of large files. Up to 15 digits and a power of ten within ±22, one
 * multiplication or division of exact doubles is correctly rounded (Clinger's fast path), so the value is the one
 * `Number` gives; longer numbers go to `Number`, which ignores the same white space that `trim` removes.
 */
export function parseNumber(value: string): number | undefined {
  let end = value.length;
  let i = 0;
  while (i < end && isWhiteSpace(value.charCodeAt(i))) i++;
  while (end > i && isWhiteSpace(value.charCodeAt(end - 1))) end--;
  let c = value.charCodeAt(i);
  const negative = c === MINUS;
  if (c === PLUS || c === MINUS) c = value.charCodeAt(++i);
  let mantissa = 0;
  let digits = 0;
  let power = 0;
  for (; isDigit(c); c = value.charCodeAt(++i), digits++) mantissa = mantissa * 10 + (c - 48);
  if (c === DOT) {
    for (c = value.charCodeAt(++i); isDigit(c); c = value.charCodeAt(++i), digits++, power--)
      mantissa = mantissa * 10 + (c - 48);
  }
  if (digits === 0) return undefined;
  if (c === LOWER_E || c === UPPER_E) {
    c = value.charCodeAt(++i);
    const exponentSign = c === MINUS ? -1 : 1;
    if (c === PLUS || c === MINUS) c = value.charCodeAt(++i);
    const exponentStart = i;
    let exponent = 0;
    for (; isDigit(c); c = value.charCodeAt(++i)) exponent = Math.min(exponent * 10 + (c - 48), 1e6);
    if (i === exponentStart) return undefined;
    power += exponentSign * exponent;
  }
  if (i !== end) return undefined;
  if (digits > 15 || power < -22 || power > 22) return Number(value);
  const magnitude =
    power < 0 ? mantissa / (EXACT_POWERS_OF_TEN[-power] ?? 1) : mantissa * (EXACT_POWERS_OF_TEN[power] ?? 1);
  return negative ? -magnitude : magnitude;
}

/** 10^0 … 10^22: the powers of ten a double holds exactly. */
const EXACT_POWERS_OF_TEN = Array.from({ length: 23 }, (_, k) => Number(`1e${k}`));
const PLUS = 43;
const MINUS = 45;
const DOT = 46;
const UPPER_E = 69;
const LOWER_E = 101;

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

/** What `String.prototype.trim` removes: ECMAScript WhiteSpace and LineTerminator. */
function isWhiteSpace(code: number): boolean {
  if (code > 32 && code < 127) return false;
  return (
    (code >= 9 && code <= 13) ||
    code === 32 ||
    code === 0xa0 ||
    code === 0x1680 ||
    (code >= 0x2000 && code <= 0x200a) ||
    code === 0x2028 ||
    code === 0x2029 ||
    code === 0x202f ||
    code === 0x205f ||
    code === 0x3000 ||
    code === 0xfeff
  );
}

/** True when nearly all non-missing sample values are numbers (a stray typo should not make age categorical). */
export function looksNumeric(values: readonly string[]): boolean {
  const present = values.filter((value) => !isMissing(value));
  if (present.length === 0) return false;
  const numeric = present.filter((value) => parseNumber(value) !== undefined).length;
  return numeric >= 0.95 * present.length;
}

export type Binner = (raw: string) => string;

/** Numbers binned by ascending upper-exclusive edges: `<18`, `[18, 25)`, …, `≥65`. */
export class NumericBins {
  readonly edges: number[];
  readonly names: string[];

  constructor(edges: readonly number[]) {
    const sorted = [...new Set(edges)].sort((a, b) => a - b);
    this.edges = sorted;
    this.names = [
      `<${sorted[0]}`,
      ...sorted.slice(1).map((edge, i) => `[${sorted[i]}, ${edge})`),
      `≥${sorted[sorted.length - 1]}`,
    ];
  }

  /** The index of the bin (in `names`) that `number` falls in. */
  binOf(number: number): number {
    let bin = 0;
    while (bin < this.edges.length && number >= (this.edges[bin] ?? Infinity)) bin++;
    return bin;
  }
}

/** Bins numbers by `edges` (see `NumericBins`). Non-numbers stay as they are. */
export function binByEdges(edges: readonly number[]): Binner {
  const bins = new NumericBins(edges);
  return (raw) => {
    const number = parseNumber(raw);
    if (number === undefined) return groupValue(raw);
    return bins.names[bins.binOf(number)] ?? raw;
  };
}

/** Edges that split the sample into `parts` bins of about equal size (quantiles), without repeats. */
export function quantileEdges(values: readonly string[], parts: number): number[] {
  const numbers = values
    .map(parseNumber)
    .filter((n): n is number => n !== undefined)
    .sort((a, b) => a - b);
  const edges: number[] = [];
  for (let k = 1; k < parts; k++) {
    const edge = numbers[Math.floor((k * numbers.length) / parts)];
    if (edge !== undefined && edge !== edges[edges.length - 1] && edge !== numbers[0]) edges.push(edge);
  }
  return edges;
}

/** Age bands used when an age column has no configured bins. */
export const DEFAULT_AGE_EDGES = [18, 25, 35, 45, 55, 65];
