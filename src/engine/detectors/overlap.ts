import type { DetectorMatch } from './types';

/**
 * Keeps non-overlapping matches: the most confident wins, then the longer one, then the earlier one;
 * the result is sorted by start. Touching ranges ([0,5) and [5,9)) do not overlap.
 */
export function resolveOverlaps(matches: readonly DetectorMatch[]): DetectorMatch[] {
  if (matches.length < 2) return [...matches];
  const byStrength = [...matches].sort(
    (a, b) =>
      b.confidence - a.confidence ||
      b.end - b.start - (a.end - a.start) ||
      a.start - b.start ||
      a.code.localeCompare(b.code),
  );
  const kept: DetectorMatch[] = [];
  for (const candidate of byStrength) {
    if (kept.every((other) => candidate.end <= other.start || candidate.start >= other.end)) kept.push(candidate);
  }
  return kept.sort((a, b) => a.start - b.start);
}
