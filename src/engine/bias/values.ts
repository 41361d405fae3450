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

const NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

export function parseNumber(value: string): number | undefined {
  const trimmed = value.trim();
  return NUMBER.test(trimmed) ? Number(trimmed) : undefined;
}

/** True when nearly all non-missing sample values are numbers (a stray typo should not make age categorical). */
export function looksNumeric(values: readonly string[]): boolean {
  const present = values.filter((value) => !isMissing(value));
  if (present.length === 0) return false;
  const numeric = present.filter((value) => parseNumber(value) !== undefined).length;
  return numeric >= 0.95 * present.length;
}

export type Binner = (raw: string) => string;

/** Bins numbers by ascending upper-exclusive edges: `<18`, `[18, 25)`, …, `≥65`. Non-numbers stay as they are. */
export function binByEdges(edges: readonly number[]): Binner {
  const sorted = [...new Set(edges)].sort((a, b) => a - b);
  const names = [`<${sorted[0]}`, ...sorted.slice(1).map((edge, i) => `[${sorted[i]}, ${edge})`), `≥${sorted[sorted.length - 1]}`];
  return (raw) => {
    const number = parseNumber(raw);
    if (number === undefined) return groupValue(raw);
    let bin = 0;
    while (bin < sorted.length && number >= (sorted[bin] ?? Infinity)) bin++;
    return names[bin] ?? raw;
  };
}

/** Edges that split the sample into `parts` bins of about equal size (quantiles), without repeats. */
export function quantileEdges(values: readonly string[], parts: number): number[] {
  const numbers = values.map(parseNumber).filter((n): n is number => n !== undefined).sort((a, b) => a - b);
  const edges: number[] = [];
  for (let k = 1; k < parts; k++) {
    const edge = numbers[Math.floor((k * numbers.length) / parts)];
    if (edge !== undefined && edge !== edges[edges.length - 1] && edge !== numbers[0]) edges.push(edge);
  }
  return edges;
}

/** Age bands used when an age column has no configured bins. */
export const DEFAULT_AGE_EDGES = [18, 25, 35, 45, 55, 65];
