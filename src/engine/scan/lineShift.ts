import type { Range } from '../../shared/findings';

/**
 * `range` moved down `lines` lines, as a new object: a worker counts lines from its chunk's start, and a message
 * from it may share one position object between several ranges, so nothing is shifted in place.
 */
export function shifted(range: Range, lines: number): Range {
  return {
    start: { line: range.start.line + lines, character: range.start.character },
    end: { line: range.end.line + lines, character: range.end.character },
  };
}
