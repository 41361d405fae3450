import { PendingIssues } from './csvIssues';
import { binaryFileIssue } from './issues';
import type { ReplacementOracle } from './replacementMarks';
import type { RecordSink } from './types';

// Character codes are declared in each file that scans, not imported: a transpiled import can become a getter
// call, which costs a third of the time in the hot loops.
const NUL = 0;
/** U+FFFD, where the decoder met invalid UTF-8. */
const REPLACEMENT_CHARACTER = 0xfffd;
/** `scanUntil` result: more input is needed before this U+FFFD run can be measured. */
const WAIT = -1;
const LF = 10;
const CR = 13;
const QUOTE = 34;

/** Lookup table of the characters that stop a scan (NUL and U+FFFD always do): one load per character. */
export function stopTable(codes: number[]): Uint8Array {
  const table = new Uint8Array(65536);
  for (const code of [...codes, NUL, REPLACEMENT_CHARACTER]) table[code] = 1;
  return table;
}

export const QUOTED_STOPS = stopTable([QUOTE, LF, CR]);
export const LINE_STOPS = stopTable([LF, CR]);
const valueStopsByDelimiter = new Map<number, Uint8Array>();

/** What ends an unquoted value: the delimiter, a quote (reported) or a line break. */
export function valueStops(delimiterCode: number): Uint8Array {
  let table = valueStopsByDelimiter.get(delimiterCode);
  if (!table) {
    table = stopTable([delimiterCode, QUOTE, LF, CR]);
    valueStopsByDelimiter.set(delimiterCode, table);
  }
  return table;
}

/**
 * The text buffer of the CSV scanner and where it stands in the document. The buffer holds only what the
 * current field still needs (see `keepFrom`); indexes into it shift when a chunk arrives, line and column
 * do not.
 */
export abstract class CsvCursor {
  protected buf = '';
  /** Offset of `buf[0]` in the whole text pushed so far: what replacement marks are kept by. */
  private bufOffset = 0;
  /** Next character to interpret in `buf`. */
  protected pos = 0;
  /** Where the current scan resumes in `buf` (inside a field or a skipped line). */
  protected scanPos = 0;
  protected line = 0;
  /** Index in `buf` of the current line's first character; negative when that line began in an earlier chunk. */
  protected lineStart = 0;
  /** No more input will come: scans may end at the end of the buffer. */
  protected final = false;
  /** A NUL byte was met: the file is binary and nothing more is read. */
  stopped = false;

  protected fieldStart = 0;
  protected fieldLine = 0;
  protected fieldCharacter = 0;
  protected readonly pending = new PendingIssues();

  constructor(
    protected readonly sink: RecordSink,
    protected readonly maxFieldLength: number,
    private readonly marks: ReplacementOracle,
  ) {}

  /** The first buffer index the current state still needs. */
  protected abstract keepFrom(): number;

  /** Called before a U+FFFD run at `at` is recorded (the scanner may first decide a field is too long). */
  protected abstract beforeInvalidUtf8(at: number): void;

  protected append(text: string): void {
    const keep = this.keepFrom();
    // `join` builds one flat string where `+` would make a rope, which every `charCodeAt` of the scan unwraps.
    this.buf = [keep === 0 ? this.buf : this.buf.slice(keep), text].join('');
    this.bufOffset += keep;
    this.marks.forgetBefore(this.bufOffset);
    this.shift(keep);
  }

  protected shift(removed: number): void {
    this.pos -= removed;
    this.scanPos -= removed;
    this.fieldStart -= removed;
    this.lineStart -= removed;
  }

  /**
   * Advances from `from` over characters not in `stops`, recording runs of U+FFFD that replaced invalid bytes
   * (a U+FFFD that is the character itself is passed over). Returns the index of the next delimiter, line break,
   * quote or NUL, `buf.length` at the end of the buffer, or WAIT inside a U+FFFD run.
   */
  protected scanUntil(stops: Uint8Array, from: number): number {
    const buf = this.buf;
    const len = buf.length;
    let i = from;
    for (;;) {
      while (i < len && stops[buf.charCodeAt(i)] === 0) i++;
      if (i >= len) return len;
      if (buf.charCodeAt(i) !== REPLACEMENT_CHARACTER) return i;
      if (!this.invalidAt(i)) {
        i++;
        continue;
      }
      // Runs are cut every maxFieldLength characters so a binary file cannot grow the buffer without bound.
      const limit = Math.min(len, i + this.maxFieldLength);
      let end = i + 1;
      while (end < limit && buf.charCodeAt(end) === REPLACEMENT_CHARACTER && this.invalidAt(end)) end++;
      if (end === len && !this.final && end - i < this.maxFieldLength) {
        this.scanPos = i;
        return WAIT;
      }
      this.beforeInvalidUtf8(i);
      this.pending.pushInvalidUtf8(this.line, i - this.lineStart, end - i);
      i = end;
    }
  }

  private invalidAt(index: number): boolean {
    return this.marks.isInvalid(this.bufOffset + index);
  }

  /** Moves `pos` past blank lines (they are not records); false when more input is needed to know. */
  protected skipBlankLines(): boolean {
    const buf = this.buf;
    let pos = this.pos;
    while (pos < buf.length) {
      const c = buf.charCodeAt(pos);
      if (c !== LF && c !== CR) {
        this.pos = pos;
        return true;
      }
      if (c === CR && pos + 1 >= buf.length && !this.final) break; // a CRLF may be split across chunks
      pos += c === CR && buf.charCodeAt(pos + 1) === LF ? 2 : 1;
      this.line++;
      this.lineStart = pos;
    }
    this.pos = pos;
    return false;
  }

  /** Moves `pos` past the line break at `pos`; false when a CR ends the buffer (an LF may follow). */
  protected consumeLineBreak(): boolean {
    const buf = this.buf;
    const pos = this.pos;
    if (buf.charCodeAt(pos) === CR) {
      if (pos + 1 >= buf.length && !this.final) return false;
      this.pos = buf.charCodeAt(pos + 1) === LF ? pos + 2 : pos + 1;
    } else {
      this.pos = pos + 1;
    }
    this.line++;
    this.lineStart = this.pos;
    return true;
  }

  protected stopAtBinary(at: number): false {
    this.flushIssues();
    this.sink.issue(binaryFileIssue(this.line, at - this.lineStart));
    this.stopped = true;
    this.buf = '';
    return false;
  }

  protected flushIssues(): void {
    if (!this.pending.isEmpty) this.pending.flushTo(this.sink);
  }
}

/** `""` → `"`. By hand: `replaceAll('""', '"')` cost a tenth of parsing a file with many quoted quotes. */
export function unescapeQuotes(raw: string): string {
  let value = '';
  let from = 0;
  for (let quotes = raw.indexOf('""'); quotes !== -1; quotes = raw.indexOf('""', from)) {
    value += raw.slice(from, quotes + 1);
    from = quotes + 2;
  }
  return value + raw.slice(from);
}
