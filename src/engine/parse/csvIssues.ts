import type { Range } from '../../shared/findings';
import { InvalidUtf8Reports } from './issues';
import type { ParseIssue, RecordSink } from './types';

function at(line: number, character: number, length: number): Range {
  return { start: { line, character }, end: { line, character: character + length } };
}

export function strayQuoteIssue(line: number, character: number): ParseIssue {
  return {
    message: 'quote (") inside an unquoted field: quote the whole field and double the quotes inside it',
    range: at(line, character, 1),
  };
}

export function longFieldIssue(line: number, character: number, maxFieldLength: number): ParseIssue {
  return {
    message: `field longer than ${maxFieldLength} characters (maxFieldLength): its value is skipped`,
    range: at(line, character, 1),
  };
}

export function textAfterQuoteIssue(range: Range): ParseIssue {
  return {
    message: 'unexpected text after the closing quote of a field: put it inside the quotes or after a delimiter',
    range,
  };
}

/** `maxFieldLength` when the quote stayed open that long, undefined when the file ended first. */
export function unterminatedQuoteIssue(line: number, character: number, maxFieldLength?: number): ParseIssue {
  const where =
    maxFieldLength === undefined
      ? 'before the end of the file'
      : `within ${maxFieldLength} characters (maxFieldLength)`;
  return {
    message: `unterminated quoted field: no closing quote (") ${where}; the rest of this line is skipped`,
    range: at(line, character, 1),
  };
}

/**
 * Issues found while a field is read, held until the field ends: a field whose quote turns out unterminated is
 * read again from the next line, and its issues must then not be reported twice. Holding them also keeps the
 * order of issues the same however the input was cut into chunks.
 */
export class PendingIssues {
  private issues: ParseIssue[] = [];
  private invalidUtf8Held = 0;
  private readonly invalidUtf8 = new InvalidUtf8Reports();

  push(issue: ParseIssue): void {
    this.issues.push(issue);
  }

  pushInvalidUtf8(line: number, character: number, length: number): void {
    const issue = this.invalidUtf8.next(line, character, length);
    if (!issue) return;
    this.issues.push(issue);
    this.invalidUtf8Held++;
  }

  get isEmpty(): boolean {
    return this.issues.length === 0;
  }

  flushTo(sink: RecordSink): void {
    for (const issue of this.issues) sink.issue(issue);
    this.issues = [];
    this.invalidUtf8Held = 0;
  }

  discard(): void {
    this.invalidUtf8.forget(this.invalidUtf8Held);
    this.issues = [];
    this.invalidUtf8Held = 0;
  }
}
