/**
 * A whole CSV held as rows of strings, for the commands that rewrite it with extra columns (`rml thresholds --out`)
 * or look at several columns at once (`rml robustness`). Problems name the file, line and column.
 */
import { parseFile } from '../../engine/io';
import { encodeCsvField, type Cell, type RecordSink } from '../../engine/parse';
import { UsageError } from '../io';

export interface CsvTable {
  display: string;
  header: string[];
  /** Field values by column index; a short row is padded with '' (and reported by `column`). */
  rows: string[][];
  /** 1-based line of each row, for messages. */
  lines: number[];
}

export async function readCsvTable(file: string, display: string): Promise<CsvTable> {
  const table: CsvTable = { display, header: [], rows: [], lines: [] };
  let problem: string | undefined;
  let sawHeader = false;
  const sink: RecordSink = {
    header: (cells) => {
      sawHeader = true;
      table.header = cells.map((cell) => cell.value.trim());
    },
    record: (record) => {
      if (problem !== undefined) return;
      const row = new Array<string>(table.header.length).fill('');
      for (const cell of record.cells as Cell[]) if (cell.columnIndex < row.length) row[cell.columnIndex] = cell.value;
      table.rows.push(row);
      table.lines.push(record.range.start.line + 1);
    },
    issue: (issue) => {
      problem ??= `${display}:${issue.range.start.line + 1}:${issue.range.start.character + 1}: ${issue.message}`;
    },
  };
  try {
    await parseFile(file, 'csv', sink, { header: true });
  } catch (error) {
    const code = ((error as Error).cause as NodeJS.ErrnoException | undefined)?.code;
    if (code === 'ENOENT') throw new UsageError(`${display}: no such file`);
    if (code === 'EISDIR') throw new UsageError(`${display}: is a directory, expected a CSV file`);
    throw new UsageError(`${display}: ${(error as Error).message}`);
  }
  if (problem !== undefined) throw new UsageError(problem);
  if (!sawHeader) throw new UsageError(`${display}: no header row`);
  return table;
}

/** Index of a column, or a message listing the columns there are. */
export function columnIndex(table: CsvTable, column: string): number {
  const at = table.header.indexOf(column);
  if (at < 0) throw new UsageError(`${table.display}: no column '${column}' (columns: ${table.header.join(', ')})`);
  return at;
}

/** `file:line:column` of a cell (1-based column number of the field). */
export function cellPlace(table: CsvTable, row: number, column: number): string {
  return `${table.display}:${table.lines[row]}: column '${table.header[column]}'`;
}

/** The values of a column, each checked to be a finite number. */
export function numberColumn(table: CsvTable, column: string): Float64Array {
  const at = columnIndex(table, column);
  return Float64Array.from(table.rows, (row, i) => {
    const text = row[at]!.trim();
    const value = text === '' ? NaN : Number(text);
    if (!Number.isFinite(value)) throw new UsageError(`${cellPlace(table, i, at)}: '${row[at]}' is not a number`);
    return value;
  });
}

/** Several columns' values joined with ',' (intersectional groups, as `rml fairness`). */
export function groupColumn(table: CsvTable, columns: readonly string[]): string[] {
  const indices = columns.map((column) => columnIndex(table, column));
  return table.rows.map((row, i) =>
    indices
      .map((at) => {
        const value = row[at]!.trim();
        if (value === '') throw new UsageError(`${cellPlace(table, i, at)}: empty value`);
        return value;
      })
      .join(','),
  );
}

/** The table as CSV text with extra columns appended. */
export function csvWithColumns(table: CsvTable, extra: Record<string, ArrayLike<string | number>>): string {
  const names = Object.keys(extra);
  const line = (fields: readonly string[]) => fields.map((field) => encodeCsvField(field, ',')).join(',');
  const out = [line([...table.header, ...names])];
  table.rows.forEach((row, i) => out.push(line([...row, ...names.map((name) => String(extra[name]![i]))])));
  return `${out.join('\n')}\n`;
}
