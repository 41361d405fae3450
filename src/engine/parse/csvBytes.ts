/**
 * CSV/TSV rows read straight from UTF-8 bytes, for the scanner's fast path (scan/fastCsv.ts): no string per
 * field, only offsets, so a value is decoded only when a check needs it. It knows the well-formed part of RFC 4180
 * only: blank lines, quoted fields with `""` and line breaks inside, CRLF/LF/CR, ragged rows. Anything the full
 * parser (csvScanner.ts) reports in place (a stray or unterminated quote, text after a closing quote, NUL, a field
 * over maxFieldLength, a row over maxColumns) makes `next` answer `Irregular`, and the caller starts again with
 * the full parser: the two agree on every well-formed file, which a test checks on every fixture.
 */
import { DEFAULT_MAX_COLUMNS, DEFAULT_MAX_FIELD_LENGTH } from './issues';

const LF = 10;
const CR = 13;
const QUOTE = 34;
const NUL = 0;

export const enum RowResult {
  Row,
  /** The row (or the line break after it) continues past the bytes given: call again with more. */
  NeedMore,
  /** Something only the full parser handles; see the file comment. */
  Irregular,
  /** No row left. */
  End,
}

/** `brokenFrom` of a row without line breaks. */
const NOT_BROKEN = 0x7fffffff;

/** Field flags. */
export const QUOTED = 1;
export const ESCAPED_QUOTES = 2;

/**
 * What the reader does with a field's bytes on its way to the field's end: by default nothing; the scanner sums
 * them up for its prefilter (detectors/shape.ts `ByteGates`), so each byte is read once. `Stops` is the walker's
 * own table of the bytes that end a walk.
 */
export interface FieldWalker<Stops> {
  stopsOf(codes: number[]): Stops;
  /**
   * Walks `bytes` from `from` up to `to` or the first byte `stops` marks, and answers where it stopped. `first`:
   * a field starts at `from`; else this piece goes on with the field walked last (a quoted field's next piece).
   */
  walk(bytes: Uint8Array, from: number, to: number, stops: Stops, first: boolean): number;
  /** After `walk`: the summary of the field's pieces so far (`CsvByteRows.summary`). */
  readonly summary: number;
}

/** Finds the stops and sums up nothing. */
export const SKIP_FIELD: FieldWalker<Uint8Array> = {
  stopsOf(codes) {
    const table = new Uint8Array(256);
    for (const code of codes) table[code] = 1;
    return table;
  },
  walk(bytes, from, to, stops) {
    let i = from;
    while (i < to && stops[bytes[i] ?? 0] === 0) i++;
    return i;
  },
  summary: 0,
};

/**
 * A reader of a table's rows on the bytes: the fields of the row read last (offsets into the buffer given to `next`),
 * valid until the next `next`. CsvByteRows is the one that knows RFC 4180; scan/kernelRows.ts reads the plain rows
 * in WebAssembly and hands it every other.
 */
export interface ByteRows {
  readonly fieldCount: number;
  readonly start: Int32Array;
  readonly end: Int32Array;
  readonly flags: Uint8Array;
  readonly summary: Int32Array;
  readonly rowLine: number;
  readonly rowEnd: number;
  readonly rowEndLine: number;
  readonly rowEndLineAt: number;
  readonly nextAt: number;
  readonly nextLine: number;
  next(buf: Uint8Array, length: number, at: number, line: number, final: boolean): RowResult;
  lineOf(field: number, end: boolean): number;
  lineAtOf(field: number, end: boolean): number;
}

/** The fields of the last row read; arrays are reused, valid until the next `next`. */
export class CsvByteRows<Stops = Uint8Array> implements ByteRows {
  fieldCount = 0;
  /** Byte offsets of each field's value (inside the quotes) in the buffer given to `next`. */
  start = new Int32Array(64);
  end = new Int32Array(64);
  flags = new Uint8Array(64);
  /** What the walker made of each field's bytes (the scanner: the prefilter's gates). */
  summary = new Int32Array(64);
  /**
   * Line of each value's start and end, and the byte offset where that line starts (`lineOf`, `lineAtOf`): kept
   * only from the field with the row's first line break on (`brokenFrom`); the fields before it, every field of
   * most rows, lie on the row's first line, so a row costs no line bookkeeping until it breaks a line.
   */
  private startLine = new Float64Array(64);
  private startLineAt = new Int32Array(64);
  private endLine = new Float64Array(64);
  private endLineAt = new Int32Array(64);
  private brokenFrom = NOT_BROKEN;
  /** The row: its first line (it starts at column 0) and byte, where it ends (before its line break), on which line. */
  rowLine = 0;
  rowStart = 0;
  rowEnd = 0;
  rowEndLine = 0;
  rowEndLineAt = 0;
  /** Where the next row may start, in the same buffer, and the line there. */
  nextAt = 0;
  nextLine = 0;
  private readonly valueStops: Stops;
  private readonly quotedStops: Stops;

  constructor(
    private readonly delimiter: number,
    private readonly walker: FieldWalker<Stops>,
    private readonly maxFieldLength = DEFAULT_MAX_FIELD_LENGTH,
    private readonly maxColumns = DEFAULT_MAX_COLUMNS,
  ) {
    this.valueStops = walker.stopsOf([delimiter, QUOTE, LF, CR, NUL]);
    this.quotedStops = walker.stopsOf([QUOTE, LF, CR, NUL]);
  }

  /**
   * Reads the row at `at` (line `line`) of `buf[0, length)`, skipping blank lines first. `final`: no bytes follow
   * `length`. On `Row` the fields are set and `nextAt`/`nextLine` say where to go on.
   */
  next(buf: Uint8Array, length: number, at: number, line: number, final: boolean): RowResult {
    let pos = at;
    while (pos < length && (buf[pos] === LF || buf[pos] === CR)) {
      if (buf[pos] === CR && pos + 1 >= length && !final) return RowResult.NeedMore;
      pos += buf[pos] === CR && buf[pos + 1] === LF ? 2 : 1;
      line++;
    }
    if (pos >= length) return final ? RowResult.End : RowResult.NeedMore;
    this.rowLine = line;
    this.rowStart = pos;
    this.fieldCount = 0;
    this.brokenFrom = NOT_BROKEN;
    return this.fields(buf, length, pos, line, final);
  }

  /** The line of the start (or `end`) of `field`'s value. */
  lineOf(field: number, end: boolean): number {
    if (field < this.brokenFrom) return this.rowLine;
    return (end ? this.endLine[field] : this.startLine[field]) ?? 0;
  }

  /** The byte offset where the line of the start (or `end`) of `field`'s value starts. */
  lineAtOf(field: number, end: boolean): number {
    if (field < this.brokenFrom) return this.rowStart;
    return (end ? this.endLineAt[field] : this.startLineAt[field]) ?? 0;
  }

  private fields(buf: Uint8Array, length: number, rowStart: number, firstLine: number, final: boolean): RowResult {
    const walker = this.walker;
    const valueStops = this.valueStops;
    const delimiter = this.delimiter;
    const maxFieldLength = this.maxFieldLength;
    let i = rowStart;
    let line = firstLine;
    let lineAt = rowStart;
    let field = 0;
    for (; ; field++) {
      if (field >= this.maxColumns) return RowResult.Irregular;
      if (field === this.start.length) this.grow();
      this.fieldCount = field + 1;
      const broken = field >= this.brokenFrom;
      if (broken) {
        this.startLine[field] = line;
        this.startLineAt[field] = lineAt;
      }
      let valueStart = i;
      let valueEnd: number;
      let flags = 0;
      const c0 = i < length ? buf[i] : -1;
      if (c0 === QUOTE) {
        flags = QUOTED;
        valueStart = ++i;
        for (let first = true; ; first = false) {
          i = walker.walk(buf, i, length, this.quotedStops, first);
          if (i >= length) return final ? RowResult.Irregular : RowResult.NeedMore;
          const c = buf[i];
          if (c === QUOTE) {
            if (i + 1 >= length && !final) return RowResult.NeedMore;
            if (buf[i + 1] !== QUOTE) break;
            flags |= ESCAPED_QUOTES;
            i += 2;
            continue;
          }
          if (c === NUL) return RowResult.Irregular;
          if (c === CR && i + 1 >= length && !final) return RowResult.NeedMore;
          if (this.brokenFrom > field) this.breaksLine(field, firstLine, rowStart);
          i += c === CR && buf[i + 1] === LF ? 2 : 1;
          line++;
          lineAt = i;
        }
        valueEnd = i++;
        if (i < length && buf[i] !== delimiter && buf[i] !== LF && buf[i] !== CR) return RowResult.Irregular;
      } else {
        i = walker.walk(buf, i, length, valueStops, true);
        valueEnd = i;
      }
      const c = i < length ? (buf[i] as number) : -1;
      if (c === -1 && !final) return RowResult.NeedMore;
      if (c === QUOTE || c === NUL) return RowResult.Irregular;
      if (valueEnd - valueStart > maxFieldLength) return RowResult.Irregular;
      this.start[field] = valueStart;
      this.end[field] = valueEnd;
      this.flags[field] = flags;
      this.summary[field] = walker.summary;
      if (broken || this.brokenFrom === field) {
        this.endLine[field] = line;
        this.endLineAt[field] = lineAt;
      }
      if (c === delimiter) {
        i++;
        continue;
      }
      return this.endRow(buf, length, i, line, lineAt, final);
    }
  }

  /** The row's first line break is in `field`, which starts on the row's first line. */
  private breaksLine(field: number, firstLine: number, rowStart: number): void {
    this.brokenFrom = field;
    this.startLine[field] = firstLine;
    this.startLineAt[field] = rowStart;
  }

  /** The row ends at `at` (a line break or the end of the bytes). */
  private endRow(buf: Uint8Array, length: number, at: number, line: number, lineAt: number, final: boolean): RowResult {
    this.rowEnd = at;
    this.rowEndLine = line;
    this.rowEndLineAt = lineAt;
    if (at >= length) {
      this.nextAt = at;
      this.nextLine = line;
      return RowResult.Row;
    }
    // A CR that ends the buffer may be the first half of a CRLF: read the row again with more bytes.
    if (buf[at] === CR && at + 1 >= length && !final) return RowResult.NeedMore;
    this.nextAt = at + (buf[at] === CR && buf[at + 1] === LF ? 2 : 1);
    this.nextLine = line + 1;
    return RowResult.Row;
  }

  private grow(): void {
    const size = this.start.length * 2;
    const grown = <T extends Int32Array | Uint8Array | Float64Array>(old: T, make: (n: number) => T): T => {
      const next = make(size);
      next.set(old);
      return next;
    };
    this.start = grown(this.start, (n) => new Int32Array(n));
    this.end = grown(this.end, (n) => new Int32Array(n));
    this.flags = grown(this.flags, (n) => new Uint8Array(n));
    this.summary = grown(this.summary, (n) => new Int32Array(n));
    this.startLine = grown(this.startLine, (n) => new Float64Array(n));
    this.startLineAt = grown(this.startLineAt, (n) => new Int32Array(n));
    this.endLine = grown(this.endLine, (n) => new Float64Array(n));
    this.endLineAt = grown(this.endLineAt, (n) => new Int32Array(n));
  }
}

/** UTF-16 units of the (valid UTF-8) bytes `buf[from, to)`: what an editor column counts. */
export function utf16Length(buf: Uint8Array, from: number, to: number): number {
  let units = 0;
  for (let i = from; i < to; i++) {
    const b = buf[i] ?? 0;
    if ((b & 0xc0) !== 0x80) units += b >= 0xf0 ? 2 : 1;
  }
  return units;
}
