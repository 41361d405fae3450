import { CsvCursor, LINE_STOPS, QUOTED_STOPS, unescapeQuotes, valueStops } from './csvCursor';
import { longFieldIssue, strayQuoteIssue, textAfterQuoteIssue, unterminatedQuoteIssue } from './csvIssues';
import type { CsvRowAssembler } from './csvRows';
import type { ReplacementOracle } from './replacementMarks';
import type { RecordSink } from './types';

// Declared here, not imported, for speed (see csvCursor.ts).
const LF = 10;
const CR = 13;
const QUOTE = 34;
const NUL = 0;
/** Same value as in csvCursor.ts: `scanUntil` needs more input. */
const WAIT = -1;

const enum State {
  RowStart,
  FieldStart,
  Unquoted,
  Quoted,
  AfterField,
  LineBreak,
  SkipLine,
}

/** What the Unquoted state does with the characters it scans. */
const enum Mode {
  Value,
  /** A field over maxFieldLength: scanned to its end, not kept. */
  SkipLongField,
  /** Text after a closing quote, up to the next delimiter. */
  TextAfterQuote,
}

/**
 * The RFC 4180 state machine over the cursor's buffer. Every decision that depends on how far a scan got
 * (a field too long, a quote left open) is taken at a character position, never at a chunk end, so any
 * chunking of the input gives the same records and issues in the same order.
 */
export class CsvScanner extends CsvCursor {
  private readonly delimiterCode: number;
  private readonly stops: Uint8Array;
  private state = State.RowStart;
  private mode = Mode.Value;
  private quoteLineStart = 0;
  private hasEscapedQuote = false;
  private strayQuoteReported = false;

  constructor(
    sink: RecordSink,
    private readonly rows: CsvRowAssembler,
    delimiter: string,
    maxFieldLength: number,
    marks: ReplacementOracle,
  ) {
    super(sink, maxFieldLength, marks);
    this.delimiterCode = delimiter.charCodeAt(0);
    this.stops = valueStops(this.delimiterCode);
  }

  write(text: string): void {
    if (this.stopped) return;
    this.append(text);
    this.run();
  }

  finish(): void {
    this.final = true;
    this.run();
    this.flushIssues();
    this.buf = '';
  }

  protected keepFrom(): number {
    if (this.state === State.Quoted) return this.fieldStart - 1; // from the quote, to recover if unterminated
    if (this.state === State.Unquoted) return this.mode === Mode.Value ? this.fieldStart : this.scanPos;
    if (this.state === State.SkipLine) return this.scanPos;
    return this.pos;
  }

  protected override shift(removed: number): void {
    super.shift(removed);
    this.quoteLineStart -= removed;
  }

  protected beforeInvalidUtf8(at: number): void {
    if (this.state === State.Unquoted) this.checkLongField(at);
  }

  private run(): void {
    let going = !this.stopped;
    while (going) {
      switch (this.state) {
        case State.RowStart:
          going = this.startRow();
          break;
        case State.FieldStart:
          going = this.startField();
          break;
        case State.Unquoted:
          going = this.scanUnquoted();
          break;
        case State.Quoted:
          going = this.scanQuoted();
          break;
        case State.AfterField:
          going = this.afterField();
          break;
        case State.LineBreak:
          going = this.nextRow();
          break;
        case State.SkipLine:
          going = this.skipLine();
          break;
      }
    }
  }

  private startRow(): boolean {
    if (!this.skipBlankLines()) return false;
    this.rows.startRow(this.line, this.pos - this.lineStart);
    this.state = State.FieldStart;
    return true;
  }

  private startField(): boolean {
    const pos = this.pos;
    if (pos >= this.buf.length && !this.final) return false;
    const quoted = this.buf.charCodeAt(pos) === QUOTE;
    this.state = quoted ? State.Quoted : State.Unquoted;
    this.mode = Mode.Value;
    this.fieldStart = quoted ? pos + 1 : pos;
    this.scanPos = this.fieldStart;
    this.fieldLine = this.line;
    this.fieldCharacter = this.fieldStart - this.lineStart;
    this.quoteLineStart = this.lineStart;
    this.hasEscapedQuote = false;
    this.strayQuoteReported = false;
    return true;
  }

  /** Scans unquoted fields; stays in this loop across delimiters while the next field is unquoted too. */
  private scanUnquoted(): boolean {
    let i = this.scanPos;
    for (;;) {
      i = this.scanUntil(this.stops, i);
      if (i === WAIT) return this.waitInUnquoted(this.scanPos);
      const buf = this.buf;
      if (i >= buf.length && !this.final) return this.waitInUnquoted(i);
      const c = buf.charCodeAt(i);
      if (c === NUL) {
        this.checkLongField(i);
        return this.stopAtBinary(i);
      }
      if (c === QUOTE) {
        this.reportStrayQuote(i);
        i++;
        continue;
      }
      const wasValue = this.mode === Mode.Value;
      this.finishUnquoted(i);
      const next = i + 1;
      if (c !== this.delimiterCode || !wasValue || next >= buf.length || buf.charCodeAt(next) === QUOTE) {
        this.pos = i;
        this.state = State.AfterField;
        return true;
      }
      // Fast path: the next field starts right here, unquoted.
      this.mode = Mode.Value;
      this.fieldStart = next;
      this.fieldCharacter = next - this.lineStart;
      this.strayQuoteReported = false;
      i = next;
    }
  }

  private reportStrayQuote(at: number): void {
    this.checkLongField(at);
    if (this.mode !== Mode.Value || this.strayQuoteReported) return;
    this.strayQuoteReported = true;
    this.pending.push(strayQuoteIssue(this.line, at - this.lineStart));
  }

  private waitInUnquoted(scanPos: number): false {
    this.scanPos = scanPos;
    this.checkLongField(scanPos);
    this.flushIssues();
    return false;
  }

  /**
   * Once a scan has passed maxFieldLength characters of an unquoted value, the value is skipped. Checked wherever
   * the scan stops (a quote, U+FFFD, NUL, a chunk end, the field end), so the outcome does not depend on chunking.
   */
  private checkLongField(scannedTo: number): void {
    if (this.mode !== Mode.Value || scannedTo - this.fieldStart <= this.maxFieldLength) return;
    this.mode = Mode.SkipLongField;
    this.pending.push(longFieldIssue(this.fieldLine, this.fieldCharacter, this.maxFieldLength));
  }

  private finishUnquoted(end: number): void {
    this.checkLongField(end);
    if (this.mode === Mode.Value) {
      const value = this.buf.slice(this.fieldStart, end);
      this.rows.addCell(
        value,
        undefined,
        'plain',
        this.fieldLine,
        this.fieldCharacter,
        this.line,
        end - this.lineStart,
      );
    } else if (this.mode === Mode.SkipLongField) {
      this.rows.skipField();
    } else {
      const start = { line: this.fieldLine, character: this.fieldCharacter };
      this.pending.push(textAfterQuoteIssue({ start, end: { line: this.line, character: end - this.lineStart } }));
    }
    this.flushIssues();
  }

  private scanQuoted(): boolean {
    let i = this.scanPos;
    for (;;) {
      i = this.scanUntil(QUOTED_STOPS, i);
      if (i === WAIT) return this.waitInQuoted(this.scanPos);
      const buf = this.buf;
      if (i >= buf.length) return this.final ? this.recoverFromUnterminatedQuote(i) : this.waitInQuoted(i);
      const c = buf.charCodeAt(i);
      if (c === NUL) {
        // Past the limit the quote counts as unterminated (the lines after it are read again) before the NUL.
        return i - this.fieldStart > this.maxFieldLength ? this.recoverFromUnterminatedQuote(i) : this.stopAtBinary(i);
      }
      if (c === QUOTE) {
        if (i + 1 >= buf.length && !this.final) return this.waitInQuoted(i); // `""` may be split
        if (buf.charCodeAt(i + 1) === QUOTE) {
          this.hasEscapedQuote = true;
          i += 2;
          continue;
        }
        if (i - this.fieldStart > this.maxFieldLength) return this.recoverFromUnterminatedQuote(i);
        this.closeQuoted(i);
        return true;
      }
      if (c === CR && i + 1 >= buf.length && !this.final) return this.waitInQuoted(i);
      i += c === CR && buf.charCodeAt(i + 1) === LF ? 2 : 1;
      this.line++;
      this.lineStart = i;
    }
  }

  private waitInQuoted(scanPos: number): boolean {
    this.scanPos = scanPos;
    return scanPos - this.fieldStart > this.maxFieldLength && this.recoverFromUnterminatedQuote(scanPos);
  }

  private closeQuoted(closingQuote: number): void {
    const raw = this.buf.slice(this.fieldStart, closingQuote);
    const value = this.hasEscapedQuote ? unescapeQuotes(raw) : raw;
    const rawIfEscaped = this.hasEscapedQuote ? raw : undefined;
    const endCharacter = closingQuote - this.lineStart;
    this.rows.addCell(value, rawIfEscaped, 'csv-quoted', this.fieldLine, this.fieldCharacter, this.line, endCharacter);
    this.flushIssues();
    this.pos = closingQuote + 1;
    this.state = State.AfterField;
  }

  /**
   * No closing quote within maxFieldLength characters (or before the end): report the opening quote, drop the
   * field, and resume at the line after the quote, as if the quote had been a stray character.
   */
  private recoverFromUnterminatedQuote(scannedTo: number): true {
    this.pending.discard();
    const tooLong = scannedTo - this.fieldStart > this.maxFieldLength;
    const quoteCharacter = this.fieldCharacter - 1;
    this.sink.issue(unterminatedQuoteIssue(this.fieldLine, quoteCharacter, tooLong ? this.maxFieldLength : undefined));
    this.rows.skipField();
    this.rows.markRowReported();
    this.line = this.fieldLine;
    this.lineStart = this.quoteLineStart;
    this.scanPos = this.fieldStart;
    this.state = State.SkipLine;
    return true;
  }

  private skipLine(): boolean {
    const i = this.scanUntil(LINE_STOPS, this.scanPos);
    if (i === WAIT) return false;
    if (this.buf.charCodeAt(i) === NUL) return this.stopAtBinary(i);
    this.flushIssues();
    if (i >= this.buf.length && !this.final) {
      this.scanPos = i;
      return false;
    }
    this.rows.endRow(this.line, i - this.lineStart);
    this.pos = i;
    this.state = i < this.buf.length ? State.LineBreak : State.RowStart;
    return true;
  }

  /** After a value: a delimiter, a line break, the end, or (after a closing quote) stray text. */
  private afterField(): boolean {
    const pos = this.pos;
    if (pos >= this.buf.length) {
      if (!this.final) return false;
      this.rows.endRow(this.line, pos - this.lineStart);
      this.state = State.RowStart;
      return true;
    }
    const c = this.buf.charCodeAt(pos);
    if (c === this.delimiterCode) {
      this.pos = pos + 1;
      this.state = State.FieldStart;
    } else if (c === LF || c === CR) {
      this.rows.endRow(this.line, pos - this.lineStart);
      this.state = State.LineBreak;
    } else {
      this.state = State.Unquoted;
      this.mode = Mode.TextAfterQuote;
      this.fieldLine = this.line;
      this.fieldCharacter = pos - this.lineStart;
      this.scanPos = pos;
    }
    return true;
  }

  private nextRow(): boolean {
    if (!this.consumeLineBreak()) return false;
    this.state = State.RowStart;
    return true;
  }
}
