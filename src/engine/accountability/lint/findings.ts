import type { FindingData, Range, Severity } from '../../../shared/findings';

/** A card-lint finding in the shape the scan's collector admits (`NewFinding`), declared here so lint needs no scan import. */
export interface CardFinding {
  code: string;
  range: Range;
  severity: Severity;
  message: string;
  /** What was found, never where: the fingerprint comes from it. */
  subject: string;
  data?: Omit<FindingData, 'fingerprint'>;
}

export function lineRange(line: number, text: string): Range {
  return { start: { line, character: 0 }, end: { line, character: text.length } };
}
