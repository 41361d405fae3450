import { binaryFileIssue, InvalidUtf8Reports, LeadingBomStripper, reportInvalidUtf8InText } from './issues';
import { LineIndex } from './positions';
import { EVERY_REPLACEMENT_INVALID, type ReplacementOracle } from './replacementMarks';
import type { RecordSink, StreamParser } from './types';

export interface TextParserOptions {
  /** Longest document scanned, in UTF-16 units (default 50,000,000); the rest is reported and ignored. */
  maxTextLength?: number;
  replacementMarks?: ReplacementOracle;
}

const DEFAULT_MAX_TEXT_LENGTH = 50_000_000;

/**
 * A plain document (prompt, markdown) as one record with one cell (column '') holding the whole text.
 * Chunks are kept until end(): prompt documents are small, and the cap keeps a huge file from exceeding V8's
 * string limit. An empty document yields no record and no issue: a prompt file being written may be empty.
 */
class TextParser implements StreamParser {
  private readonly bom = new LeadingBomStripper();
  private readonly chunks: string[] = [];
  private length = 0;
  private truncated = false;
  private ended = false;

  constructor(
    private readonly sink: RecordSink,
    private readonly maxLength: number,
    private readonly marks: ReplacementOracle,
  ) {}

  push(chunk: string): void {
    if (this.ended) throw new Error('text parser: push() after end()');
    const text = this.bom.strip(chunk);
    if (this.truncated || text.length === 0) return;
    const room = this.maxLength - this.length;
    if (text.length > room) {
      this.truncated = true;
      // Never keep half of a surrogate pair.
      const cut = isHighSurrogate(text.charCodeAt(room - 1)) ? room - 1 : room;
      this.chunks.push(text.slice(0, Math.max(0, cut)));
      this.length += Math.max(0, cut);
      return;
    }
    this.chunks.push(text);
    this.length += text.length;
  }

  end(): void {
    if (this.ended) return;
    this.ended = true;
    const text = this.chunks.join('');
    this.chunks.length = 0;
    const lines = new LineIndex(text);
    const nul = text.indexOf('\0');
    const upTo = nul === -1 ? text.length : nul;
    const isInvalid = (offset: number) => this.marks.isInvalid(offset + this.bom.removed);
    reportInvalidUtf8InText(text, lines, upTo, new InvalidUtf8Reports(), (issue) => this.sink.issue(issue), isInvalid);
    if (nul !== -1) {
      const at = lines.positionAt(nul);
      this.sink.issue(binaryFileIssue(at.line, at.character));
      return;
    }
    const end = lines.positionAt(text.length);
    if (this.truncated) {
      this.sink.issue({
        message: `document longer than ${this.maxLength} characters (maxTextLength): the rest is not checked`,
        range: { start: end, end },
      });
    }
    if (text.length === 0) return;
    const start = { line: 0, character: 0 };
    this.sink.record({
      index: 0,
      cells: [{ value: text, column: '', columnIndex: 0, start, end, encoding: 'plain' }],
      range: { start, end },
    });
  }
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

export function createTextParser(sink: RecordSink, options: TextParserOptions = {}): StreamParser {
  const max = options.maxTextLength ?? DEFAULT_MAX_TEXT_LENGTH;
  if (!Number.isInteger(max) || max < 1) throw new Error(`maxTextLength must be a positive integer, got ${max}`);
  return new TextParser(sink, max, options.replacementMarks ?? EVERY_REPLACEMENT_INVALID);
}
