import {
  CsvByteRows,
  type ByteRows,
  ESCAPED_QUOTES,
  QUOTED,
  SKIP_FIELD,
  utf16Length,
  unescapeQuotes,
  defaultColumnName,
  type Cell,
  type DataRecord,
} from '../parse';
import { gatedRows } from './kernelRows';

/** A table's delimiter and column names, as the fast path settles them (header, or names of a worker's table). */
export class TableColumns {
  delimiter = ',';
  names: string[] = [];

  /** The column's name: its header's, else the default name of its place (csvRows.ts names them alike). */
  name(index: number): string {
    let name = this.names[index];
    if (name === undefined) {
      for (let i = this.names.length; i <= index; i++) this.names[i] ??= defaultColumnName(i);
      name = this.names[index] ?? defaultColumnName(index);
    }
    return name;
  }
}

/**
 * The rows of a table read on the bytes (parse/csvBytes.ts), and the cells and ranges csvRows.ts would make of
 * them, made only when asked. With `gates`, the reader also counts the prefilter's gates of every field as it
 * walks it (detectors/shape.ts `ByteGates`): `rows.summary[field]`.
 */
export class CsvCells {
  readonly rows: ByteRows;
  private buf: Buffer = Buffer.alloc(0);
  private ascii = true;

  constructor(
    private readonly columns: TableColumns,
    gates: boolean,
  ) {
    const delimiter = columns.delimiter.charCodeAt(0);
    this.rows = gates ? gatedRows(delimiter) : new CsvByteRows(delimiter, SKIP_FIELD);
  }

  /** The bytes the next rows are read from; `ascii`: none of them is 0x80 or above. */
  readFrom(buf: Buffer, ascii: boolean): void {
    this.buf = buf;
    this.ascii = ascii;
  }

  /** The bytes the rows are read from (`rows.start`/`rows.end` index them). */
  get bytes(): Buffer {
    return this.buf;
  }

  /** The cell csvRows.ts would make for `field` of the row read last. */
  cell(field: number, column: string): Cell {
    const rows = this.rows;
    const start = rows.start[field] ?? 0;
    const end = rows.end[field] ?? 0;
    const flags = rows.flags[field] ?? 0;
    const raw = this.buf.toString(this.ascii ? 'latin1' : 'utf8', start, end);
    const value = flags & ESCAPED_QUOTES ? unescapeQuotes(raw) : raw;
    const encoding = flags & QUOTED ? 'csv-quoted' : 'plain';
    const startAt = { line: rows.lineOf(field, false), character: this.character(rows.lineAtOf(field, false), start) };
    const endAt = { line: rows.lineOf(field, true), character: this.character(rows.lineAtOf(field, true), end) };
    const delimiter = this.columns.delimiter;
    return flags & ESCAPED_QUOTES
      ? { value, column, columnIndex: field, start: startAt, end: endAt, encoding, raw, delimiter }
      : { value, column, columnIndex: field, start: startAt, end: endAt, encoding, delimiter };
  }

  /** The range of the row read last, from its first column to its end (before the line break). */
  rowRange(): DataRecord['range'] {
    const rows = this.rows;
    return {
      start: { line: rows.rowLine, character: 0 },
      end: { line: rows.rowEndLine, character: this.character(rows.rowEndLineAt, rows.rowEnd) },
    };
  }

  /** The editor column of byte `at` on the line that starts at byte `lineAt`. */
  private character(lineAt: number, at: number): number {
    return this.ascii ? at - lineAt : utf16Length(this.buf, lineAt, at);
  }
}
