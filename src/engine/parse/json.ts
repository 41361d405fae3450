import {
  binaryFileIssue,
  emptyFileIssue,
  InvalidUtf8Reports,
  LeadingBomStripper,
  reportInvalidUtf8InText,
} from './issues';
import { tooDeepAt, tooDeepMessage } from './jsonDepth';
import { emitJsonRecords } from './jsonRecords';
import { LineIndex } from './positions';
import { EVERY_REPLACEMENT_INVALID, type ReplacementOracle } from './replacementMarks';
import type { ParseIssue, RecordSink, StreamParser } from './types';

export { jsonRecordsShape, type JsonRecordsShape } from './jsonRecords';

export interface JsonParserOptions {
  /** The longest document held in memory, in UTF-16 units (default 200,000,000, below V8's string limit). */
  maxTextLength?: number;
  replacementMarks?: ReplacementOracle;
}

const DEFAULT_MAX_JSON_LENGTH = 200_000_000;

/**
 * A whole JSON document. It is buffered until end(): the record shape depends on the root, known only once the
 * whole text is read. A document over maxTextLength is reported and not parsed (JSON Lines streams instead).
 */
class JsonDocumentParser implements StreamParser {
  private readonly bom = new LeadingBomStripper();
  private chunks: string[] = [];
  private length = 0;
  private ended = false;

  constructor(
    private readonly sink: RecordSink,
    private readonly maxLength: number,
    private readonly marks: ReplacementOracle,
  ) {}

  push(chunk: string): void {
    if (this.ended) throw new Error('JSON parser: push() after end()');
    const text = this.bom.strip(chunk);
    if (text.length === 0) return;
    this.length += text.length;
    if (this.length <= this.maxLength) this.chunks.push(text);
    else this.chunks = []; // never parsed: let the memory go
  }

  end(): void {
    if (this.ended) return;
    this.ended = true;
    if (this.length > this.maxLength) return this.sink.issue(tooLargeIssue(this.maxLength));
    const text = this.chunks.join('');
    this.chunks = [];
    if (/^[ \t\r\n]*$/.test(text)) return this.sink.issue(emptyFileIssue(text.length > 0));
    if (this.reportBadCharacters(text)) return;
    if (this.reportTooDeep(text)) return;
    emitJsonRecords(text, this.sink);
  }

  /** A document too deeply nested for the (recursive) parser is reported at the bracket that goes too deep. */
  private reportTooDeep(text: string): boolean {
    const at = tooDeepAt(text);
    if (at < 0) return false;
    const start = new LineIndex(text).positionAt(at);
    this.sink.issue({
      message: tooDeepMessage('document'),
      range: { start, end: { line: start.line, character: start.character + 1 } },
    });
    return true;
  }

  /** Reports U+FFFD runs and a NUL; true when the file is binary. */
  private reportBadCharacters(text: string): boolean {
    const nul = text.indexOf('\0');
    const upTo = nul === -1 ? text.length : nul;
    if (nul === -1 && !text.includes('\uFFFD')) return false;
    const lines = new LineIndex(text);
    const isInvalid = (offset: number) => this.marks.isInvalid(offset + this.bom.removed);
    reportInvalidUtf8InText(text, lines, upTo, new InvalidUtf8Reports(), (issue) => this.sink.issue(issue), isInvalid);
    if (nul === -1) return false;
    const at = lines.positionAt(nul);
    this.sink.issue(binaryFileIssue(at.line, at.character));
    return true;
  }
}

function tooLargeIssue(maxLength: number): ParseIssue {
  const start = { line: 0, character: 0 };
  return {
    message: `JSON document longer than ${maxLength} characters: too large to hold in memory, so it is not checked; write the records as JSON Lines (one per line) instead`,
    range: { start, end: start },
  };
}

export function createJsonParser(sink: RecordSink, options: JsonParserOptions = {}): StreamParser {
  const max = options.maxTextLength ?? DEFAULT_MAX_JSON_LENGTH;
  if (!Number.isInteger(max) || max < 1) throw new Error(`maxTextLength must be a positive integer, got ${max}`);
  return new JsonDocumentParser(sink, max, options.replacementMarks ?? EVERY_REPLACEMENT_INVALID);
}
