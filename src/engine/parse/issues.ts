import { LineIndex } from './positions';
import type { ParseIssue } from './types';

/** U+FFFD: what a UTF-8 decoder puts where the file had bytes that are not valid UTF-8. */
export const REPLACEMENT_CHARACTER = 0xfffd;
export const BYTE_ORDER_MARK = 0xfeff;
export const DEFAULT_MAX_FIELD_LENGTH = 1_000_000;
/**
 * Values kept per record (CSV fields, JSON leaves): Excel's column limit. A row of 10⁶ fields held as cells took
 * 1 GB; the fields beyond this are still counted (ragged rows are still found) but not checked.
 */
export const DEFAULT_MAX_COLUMNS = 16_384;

/** The issue, once per file, at the first value past `maxColumns`. */
export function tooManyColumnsIssue(line: number, character: number, maxColumns: number): ParseIssue {
  return spanIssue(
    `more than ${maxColumns} values in a record (maxColumns): from value ${maxColumns + 1} on they are not checked (reported once per file)`,
    line,
    character,
    1,
  );
}

function spanIssue(message: string, line: number, character: number, length: number): ParseIssue {
  return { message, range: { start: { line, character }, end: { line, character: character + length } } };
}

export function invalidUtf8Issue(line: number, character: number, length: number): ParseIssue {
  const what = length === 1 ? 'invalid UTF-8 byte sequence' : `invalid UTF-8 byte sequences (${length} in a row)`;
  return spanIssue(`${what}: the file is not valid UTF-8 here (shown as U+FFFD)`, line, character, length);
}

/**
 * Invalid UTF-8 reports of one file, capped: a Latin-1 file would otherwise yield one issue per accented letter.
 * After `max` issues, one more says the file is probably in another encoding, then nothing.
 */
export class InvalidUtf8Reports {
  private count = 0;

  constructor(private readonly max = 1000) {}

  /** The issue for a run of `length` U+FFFD at (line, character), or undefined once capped. */
  next(line: number, character: number, length: number): ParseIssue | undefined {
    if (this.count > this.max) return undefined;
    if (this.count++ < this.max) return invalidUtf8Issue(line, character, length);
    return spanIssue(
      `more than ${this.max} invalid UTF-8 sequences: the file is probably in another encoding (Latin-1, Windows-1252?); further ones are not reported`,
      line,
      character,
      length,
    );
  }

  /** Takes back `issues` reports that were dropped unsent (their text will be read again). */
  forget(issues: number): void {
    this.count -= issues;
  }
}

const INVALID_UTF8 = /^invalid UTF-8 byte sequences?[: ]/;
const TOO_MANY_INVALID_UTF8 = /^more than \d+ invalid UTF-8 sequences: /;
const ONCE_PER_FILE = '(reported once per file)';
const BINARY = /^binary file: NUL byte at line /;

/**
 * The issues of a file's chunks, each parsed on its own (in a worker thread), as one parser over the whole file
 * reports them: a chunk's parser caps its invalid UTF-8 reports and reports too many values once, for the chunk;
 * here the caps count for the file. Issues come in file order, their ranges already the file's.
 */
export class ChunkIssues {
  private readonly invalidUtf8 = new InvalidUtf8Reports();
  private readonly reportedOnce = new Set<string>();

  /** The issue the whole-file parser would report in its place, or undefined. */
  admit(issue: ParseIssue): ParseIssue | undefined {
    // A chunk's own "more than 1000" comes after its 1000 reports: the file's cap was reached by then.
    if (TOO_MANY_INVALID_UTF8.test(issue.message)) return undefined;
    if (INVALID_UTF8.test(issue.message)) {
      const { start, end } = issue.range;
      return this.invalidUtf8.next(start.line, start.character, end.character - start.character);
    }
    // Its message names the line: the chunk's.
    if (BINARY.test(issue.message)) return binaryFileIssue(issue.range.start.line, issue.range.start.character);
    if (!issue.message.endsWith(ONCE_PER_FILE)) return issue;
    if (this.reportedOnce.has(issue.message)) return undefined;
    this.reportedOnce.add(issue.message);
    return issue;
  }
}

export function binaryFileIssue(line: number, character: number): ParseIssue {
  return spanIssue(
    `binary file: NUL byte at line ${line + 1}, column ${character + 1}; nothing after it is read`,
    line,
    character,
    1,
  );
}

export function emptyFileIssue(onlyBlankLines: boolean): ParseIssue {
  return spanIssue(onlyBlankLines ? 'empty file: only blank lines' : 'empty file', 0, 0, 0);
}

/**
 * Reports each run of U+FFFD in `text[from, to)` that replaced invalid bytes (`isInvalid` of the offset in `text`;
 * other U+FFFD are the character itself), the range lying on one line that starts at `lineStart`.
 */
export function reportInvalidUtf8OnLine(
  text: string,
  from: number,
  to: number,
  line: number,
  lineStart: number,
  reports: InvalidUtf8Reports,
  report: (issue: ParseIssue) => void,
  isInvalid: (offset: number) => boolean = everyOffset,
): void {
  let i = text.indexOf('\uFFFD', from);
  while (i !== -1 && i < to) {
    let runEnd = i + 1;
    if (isInvalid(i)) {
      while (runEnd < to && text.charCodeAt(runEnd) === REPLACEMENT_CHARACTER && isInvalid(runEnd)) runEnd++;
      const issue = reports.next(line, i - lineStart, runEnd - i);
      if (issue) report(issue);
    }
    i = text.indexOf('\uFFFD', runEnd);
  }
}

const everyOffset = (_offset: number): boolean => true;

/** Reports each run of invalid-UTF-8 U+FFFD in `text` before `upTo`, line by line, through the capped `reports`. */
export function reportInvalidUtf8InText(
  text: string,
  lines: LineIndex,
  upTo: number,
  reports: InvalidUtf8Reports,
  report: (issue: ParseIssue) => void,
  isInvalid: (offset: number) => boolean = everyOffset,
): void {
  const first = text.indexOf('\uFFFD');
  if (first === -1 || first >= upTo) return;
  for (let line = lines.positionAt(first).line; line < lines.lineCount; line++) {
    const lineStart = lines.offsetAt({ line, character: 0 });
    if (lineStart >= upTo) break;
    const lineEnd = Math.min(upTo, lines.offsetAt({ line, character: Number.MAX_SAFE_INTEGER }));
    reportInvalidUtf8OnLine(text, lineStart, lineEnd, line, lineStart, reports, report, isInvalid);
  }
}

/** Drops a leading byte-order mark: VS Code's document text has none, so positions must not count it. */
export class LeadingBomStripper {
  private firstCharSeen = false;
  private textSeen = false;
  /** Characters removed (0 or 1): what a parser adds to its offsets to find them in the text it was pushed. */
  removed = 0;

  /** True once any character (after a BOM) has been pushed. */
  get sawText(): boolean {
    return this.textSeen;
  }

  strip(chunk: string): string {
    if (chunk.length === 0) return chunk;
    let text = chunk;
    if (!this.firstCharSeen) {
      this.firstCharSeen = true;
      if (chunk.charCodeAt(0) === BYTE_ORDER_MARK) {
        text = chunk.slice(1);
        this.removed = 1;
      }
    }
    if (text.length > 0) this.textSeen = true;
    return text;
  }
}
