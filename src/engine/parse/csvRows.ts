import { tooManyColumnsIssue } from './issues';
import type { Cell, RecordSink } from './types';

const NUMBER = /^\s*[-+]?(\d+([.,]\d*)?|[.,]\d+)([eE][-+]?\d+)?\s*(?:%\s*)?$/;

/** 'auto' header rule: every value non-empty, all distinct, and fewer than half of them numbers. */
export function looksLikeHeader(values: readonly string[]): boolean {
  if (values.length === 0 || values.some((v) => v.trim() === '')) return false;
  if (new Set(values.map((v) => v.trim())).size !== values.length) return false;
  const numeric = values.filter((v) => NUMBER.test(v)).length;
  return numeric * 2 < values.length;
}

/**
 * Turns the fields the CSV scanner finds into header, records and row-level issues: names columns, decides
 * whether the first row is a header, and reports ragged rows.
 */
export class CsvRowAssembler {
  private cells: Cell[] = [];
  private fieldCount = 0;
  private rowStartLine = 0;
  private rowStartCharacter = 0;
  private rowReported = false;
  private columnNames: string[] = [];
  private expectedFieldCount = -1;
  private expectedFrom: 'header' | 'first row' = 'first row';
  private recordIndex = 0;
  private tooWideReported = false;
  /** Rows seen, the header included. */
  rowCount = 0;

  constructor(
    private readonly sink: RecordSink,
    private readonly headerMode: boolean | 'auto',
    private readonly delimiter: string,
    private readonly maxColumns: number,
  ) {}

  startRow(line: number, character: number): void {
    this.cells = [];
    this.fieldCount = 0;
    this.rowStartLine = line;
    this.rowStartCharacter = character;
    this.rowReported = false;
  }

  addCell(
    value: string,
    raw: string | undefined,
    encoding: 'plain' | 'csv-quoted',
    startLine: number,
    startCharacter: number,
    endLine: number,
    endCharacter: number,
  ): void {
    const columnIndex = this.fieldCount++;
    if (columnIndex >= this.maxColumns) return this.reportTooWide(startLine, startCharacter);
    const column = this.rowCount === 0 ? '' : this.columnName(columnIndex);
    const start = { line: startLine, character: startCharacter };
    const end = { line: endLine, character: endCharacter };
    const cell: Cell =
      raw === undefined
        ? { value, column, columnIndex, start, end, encoding, delimiter: this.delimiter }
        : { value, column, columnIndex, start, end, encoding, raw, delimiter: this.delimiter };
    this.cells.push(cell);
  }

  private reportTooWide(line: number, character: number): void {
    if (this.tooWideReported) return;
    this.tooWideReported = true;
    this.sink.issue(tooManyColumnsIssue(line, character, this.maxColumns));
  }

  /** A field that exists in the row but whose value is not emitted (too long, or broken). */
  skipField(): void {
    this.fieldCount++;
  }

  /** The row already has an issue that explains its shape: no ragged-row issue on top. */
  markRowReported(): void {
    this.rowReported = true;
  }

  endRow(endLine: number, endCharacter: number): void {
    const range = {
      start: { line: this.rowStartLine, character: this.rowStartCharacter },
      end: { line: endLine, character: endCharacter },
    };
    if (this.rowCount++ === 0 && this.takeFirstRowAsHeader()) return;
    if (this.expectedFieldCount !== this.fieldCount && !this.rowReported) {
      this.sink.issue({
        message: `row has ${this.fieldCount} field${this.fieldCount === 1 ? '' : 's'}, expected ${this.expectedFieldCount} like the ${this.expectedFrom}`,
        range,
      });
    }
    this.sink.record({ index: this.recordIndex++, cells: this.cells, range });
  }

  /** Decides the header, names the first row's cells; true when the row was the header. */
  private takeFirstRowAsHeader(): boolean {
    this.expectedFieldCount = this.fieldCount;
    const values = this.cells.map((c) => c.value);
    const isHeader =
      this.headerMode === 'auto'
        ? values.length === Math.min(this.fieldCount, this.maxColumns) && looksLikeHeader(values)
        : this.headerMode;
    if (isHeader) {
      this.expectedFrom = 'header';
      for (const cell of this.cells) {
        this.columnNames[cell.columnIndex] = headerColumnName(cell.value, cell.columnIndex);
      }
    }
    for (const cell of this.cells) cell.column = this.columnName(cell.columnIndex);
    if (isHeader) this.sink.header?.(this.cells);
    return isHeader;
  }

  private columnName(index: number): string {
    let name = this.columnNames[index];
    if (name === undefined) {
      // Fill gaps too, so the array stays dense (fast) when a ragged row is wider than the header.
      for (let i = this.columnNames.length; i <= index; i++) this.columnNames[i] = defaultColumnName(i);
      name = this.columnNames[index] ?? defaultColumnName(index);
    }
    return name;
  }
}

/** The name of a column the header does not name (blank, or beyond a short header). */
export function defaultColumnName(index: number): string {
  return `column ${index + 1}`;
}

/**
 * The column a header cell names: its text without surrounding spaces (UCI's Adult census ships `sex ,class `;
 * nobody means the space, and `--sensitive sex` should find it), or `column N` when it is blank.
 */
export function headerColumnName(value: string, index: number): string {
  const name = value.trim();
  return name === '' ? defaultColumnName(index) : name;
}
