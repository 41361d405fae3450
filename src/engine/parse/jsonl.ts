import { visit } from 'jsonc-parser';
import {
  binaryFileIssue,
  DEFAULT_MAX_COLUMNS,
  DEFAULT_MAX_FIELD_LENGTH,
  emptyFileIssue,
  InvalidUtf8Reports,
  LeadingBomStripper,
  reportInvalidUtf8OnLine,
  tooManyColumnsIssue,
} from './issues';
import { tooDeepAt, tooDeepMessage } from './jsonDepth';
import { ColumnNumbering, jsonErrorMessage, keyPath, leafCell, STRICT_JSON } from './jsonLeaves';
import { EVERY_REPLACEMENT_INVALID, type ReplacementOracle } from './replacementMarks';
import type { Cell, ParseIssue, RecordSink, StreamParser } from './types';

export interface JsonlParserOptions {
  /** Longest line kept, in UTF-16 units (default 1,000,000): longer lines are reported and skipped. */
  maxFieldLength?: number;
  /** Leaves kept per line (default 16,384). */
  maxColumns?: number;
  replacementMarks?: ReplacementOracle;
  /**
   * The text is a chunk of a file, cut at line starts (scanned apart, in a worker thread): no empty-file issue, the
   * caller adds the chunks up; a 'later' chunk starts inside the file, where a leading U+FEFF is text, not a BOM.
   */
  chunk?: 'first' | 'later';
}

/** How far a JSONL parser got: what the scan of a chunk hands back so chunks add up to the whole file. */
export interface JsonlProgress {
  /** Line breaks read. */
  lines: number;
  records: number;
  nonBlankLines: number;
  /** A NUL byte stopped the parser: nothing after it is read. */
  stopped: boolean;
}

export interface JsonlStreamParser extends StreamParser {
  readonly progress: JsonlProgress;
}

const LF = 10;
const CR = 13;

/**
 * JSON Lines: one JSON value per line (LF, CRLF or lone CR), blank lines allowed. A line is buffered until its
 * line break; a line with a syntax error yields one issue (jsonc-parser's first error, at its exact place) and
 * no record, and the next lines are parsed as usual.
 */
class JsonlParser implements JsonlStreamParser {
  private readonly bom: Pick<LeadingBomStripper, 'strip' | 'removed' | 'sawText'>;
  private readonly columns = new ColumnNumbering();
  private buf = '';
  /** Offset of `buf[0]` in the text pushed (after a stripped BOM): what replacement marks are kept by. */
  private bufOffset = 0;
  private lineStart = 0;
  private scanPos = 0;
  private line = 0;
  private skippingLongLine = false;
  private stopped = false;
  private ended = false;
  private final = false;
  private recordIndex = 0;
  private nonBlankLines = 0;
  private tooWideReported = false;
  private readonly invalidUtf8 = new InvalidUtf8Reports();

  constructor(
    private readonly sink: RecordSink,
    private readonly maxLineLength: number,
    private readonly marks: ReplacementOracle,
    private readonly maxColumns: number,
    private readonly chunk: JsonlParserOptions['chunk'],
  ) {
    this.bom = chunk === 'later' ? { strip: (chunk) => chunk, removed: 0, sawText: true } : new LeadingBomStripper();
  }

  get progress(): JsonlProgress {
    return { lines: this.line, records: this.recordIndex, nonBlankLines: this.nonBlankLines, stopped: this.stopped };
  }

  push(chunk: string): void {
    if (this.ended) throw new Error('JSONL parser: push() after end()');
    const text = this.bom.strip(chunk);
    if (this.stopped || text.length === 0) return;
    this.buf = this.buf.slice(this.lineStart) + text;
    this.bufOffset += this.lineStart;
    this.marks.forgetBefore(this.bufOffset + this.bom.removed);
    this.scanPos -= this.lineStart;
    this.lineStart = 0;
    this.readLines();
  }

  end(): void {
    if (this.ended) return;
    this.ended = true;
    this.final = true;
    if (!this.stopped) {
      this.readLines();
      if (this.nonBlankLines === 0 && !this.chunk) this.sink.issue(emptyFileIssue(this.bom.sawText));
    }
    this.buf = '';
  }

  private readLines(): void {
    const buf = this.buf;
    const len = buf.length;
    let i = this.scanPos;
    while (!this.stopped) {
      while (i < len && buf.charCodeAt(i) !== LF && buf.charCodeAt(i) !== CR) i++;
      if (i >= len && !this.final) return this.waitForLineBreak(len);
      if (i + 1 >= len && buf.charCodeAt(i) === CR && !this.final) return this.waitForLineBreak(i); // CRLF split
      if (this.skippingLongLine) this.skippingLongLine = false;
      else this.readLine(this.lineStart, i);
      if (i >= len) return;
      i += buf.charCodeAt(i) === CR && buf.charCodeAt(i + 1) === LF ? 2 : 1;
      this.line++;
      this.lineStart = i;
      this.scanPos = i;
    }
  }

  /** Keeps the unfinished line, unless it is already too long: then report it once and drop what comes. */
  private waitForLineBreak(scannedTo: number): void {
    this.scanPos = scannedTo;
    if (!this.skippingLongLine && scannedTo - this.lineStart > this.maxLineLength) {
      this.reportLongLine();
      this.skippingLongLine = true;
    }
    if (this.skippingLongLine) this.lineStart = this.scanPos;
  }

  private reportLongLine(): void {
    this.nonBlankLines++;
    this.sink.issue({
      message: `line longer than ${this.maxLineLength} characters (maxFieldLength): skipped`,
      range: { start: { line: this.line, character: 0 }, end: { line: this.line, character: 1 } },
    });
  }

  private readLine(start: number, end: number): void {
    if (end - start > this.maxLineLength) return this.reportLongLine();
    const text = this.buf.slice(start, end);
    const nul = text.indexOf('\0');
    this.reportInvalidUtf8(text, start, nul === -1 ? text.length : nul);
    if (nul !== -1) {
      this.sink.issue(binaryFileIssue(this.line, nul));
      this.stopped = true;
      return;
    }
    if (/^[ \t]*$/.test(text)) return;
    this.nonBlankLines++;
    const deep = tooDeepAt(text);
    if (deep >= 0) {
      const range = { start: { line: this.line, character: deep }, end: { line: this.line, character: deep + 1 } };
      return this.sink.issue({ message: tooDeepMessage('line'), range });
    }
    const cells = this.parseLine(text);
    if (!cells) return;
    let first = 0;
    while (isBlank(text.charCodeAt(first))) first++;
    let last = text.length;
    while (isBlank(text.charCodeAt(last - 1))) last--;
    this.sink.record({
      index: this.recordIndex++,
      cells,
      range: { start: { line: this.line, character: first }, end: { line: this.line, character: last } },
    });
  }

  /** The line's leaves, or undefined after reporting its first syntax error. */
  private parseLine(text: string): Cell[] | undefined {
    const cells: Cell[] = [];
    let error: ParseIssue | undefined;
    let firstTooMany = -1;
    const line = this.line;
    visit(
      text,
      {
        onLiteralValue: (value, offset, length, _line, _character, pathSupplier) => {
          if (cells.length >= this.maxColumns) {
            if (firstTooMany < 0) firstTooMany = offset;
            return;
          }
          // Column numbers are given once the line is known good, so bad lines do not use any up.
          const cell = leafCell(value, text, offset, length, line, offset, keyPath(pathSupplier()), -1);
          if (cell) cells.push(cell);
        },
        onError: (code, offset, length) => {
          error ??= {
            message: jsonErrorMessage(code, text, offset, 'one JSON value per line expected'),
            range: { start: { line, character: offset }, end: { line, character: offset + length } },
          };
        },
      },
      STRICT_JSON,
    );
    if (error) {
      this.sink.issue(error);
      return undefined;
    }
    if (firstTooMany >= 0 && !this.tooWideReported) {
      this.tooWideReported = true;
      this.sink.issue(tooManyColumnsIssue(line, firstTooMany, this.maxColumns));
    }
    for (const cell of cells) cell.columnIndex = this.columns.indexOf(cell.column);
    return cells;
  }

  /** `text` is the line that starts at `buf[start]`. */
  private reportInvalidUtf8(text: string, start: number, upTo: number): void {
    const streamOffset = this.bufOffset + start + this.bom.removed;
    const isInvalid = (offset: number) => this.marks.isInvalid(streamOffset + offset);
    reportInvalidUtf8OnLine(
      text,
      0,
      upTo,
      this.line,
      0,
      this.invalidUtf8,
      (issue) => this.sink.issue(issue),
      isInvalid,
    );
  }
}

function isBlank(code: number): boolean {
  return code === 32 || code === 9;
}

export function createJsonlParser(sink: RecordSink, options: JsonlParserOptions = {}): JsonlStreamParser {
  const max = options.maxFieldLength ?? DEFAULT_MAX_FIELD_LENGTH;
  if (!Number.isInteger(max) || max < 1) throw new Error(`maxFieldLength must be a positive integer, got ${max}`);
  const maxColumns = options.maxColumns ?? DEFAULT_MAX_COLUMNS;
  if (!Number.isInteger(maxColumns) || maxColumns < 1)
    throw new Error(`maxColumns must be a positive integer, got ${maxColumns}`);
  const marks = options.replacementMarks ?? EVERY_REPLACEMENT_INVALID;
  return new JsonlParser(sink, max, marks, maxColumns, options.chunk);
}
