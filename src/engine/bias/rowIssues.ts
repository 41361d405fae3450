import type { DataRecord, ParseIssue, Position } from '../parse';

/**
 * Parse errors matched to the records that hold them. A parser reports a record's errors (a ragged row, an
 * open quote, invalid UTF-8, a bad JSON line) before the record itself, so a record is bad when an error not yet
 * charged to an earlier record lies within its range; errors outside every record (an empty or binary file)
 * are the file's. `rml audit --skip-bad-rows` and `--reweigh` leave the bad records out and count them.
 */
export class RecordIssues {
  private pending: ParseIssue[] = [];
  /** Every error seen. */
  readonly all: ParseIssue[] = [];
  /** Errors within no record. */
  readonly fileIssues: ParseIssue[] = [];
  badRecords = 0;

  issue(issue: ParseIssue): void {
    this.all.push(issue);
    this.pending.push(issue);
  }

  /** Whether `record` holds a parse error (then counted as bad). */
  isBad(record: DataRecord): boolean {
    let bad = false;
    const rest: ParseIssue[] = [];
    for (const issue of this.pending) {
      if (within(issue.range.start, record)) bad = true;
      else if (compare(issue.range.start, record.range.start) < 0) this.fileIssues.push(issue);
      else rest.push(issue);
    }
    this.pending = rest;
    if (bad) this.badRecords++;
    return bad;
  }

  /** Call after the last record: errors after it belong to the file. */
  finish(): void {
    this.fileIssues.push(...this.pending);
    this.pending = [];
  }
}

function within(position: Position, record: DataRecord): boolean {
  return compare(position, record.range.start) >= 0 && compare(position, record.range.end) <= 0;
}

function compare(a: Position, b: Position): number {
  return a.line - b.line || a.character - b.character;
}
