import path from 'node:path';
import { parseFile } from '../../parse';
import type { Cell, DataRecord, ParseIssue, Position } from '../../parse';

export type TrainingFormat = 'csv' | 'tsv' | 'jsonl' | 'json';

/** Bad training data: the message starts with `file:line:column:` (1-based, as editors and compilers print). */
export class DatasetError extends Error {
  override readonly name = 'DatasetError';
}

export function describePosition(file: string, position: Position): string {
  return `${file}:${position.line + 1}:${position.character + 1}`;
}

/** The columns a job reads, as strings (missing cells are ''), one array per column. */
export interface DataTable {
  file: string;
  format: TrainingFormat;
  /** Every column the file has, in order of first appearance. */
  columns: string[];
  rows: number;
  values: Map<string, string[]>;
}

/** Says what is wrong with one value (undefined when it is fine); the first failure stops the read. */
export type CellCheck = (value: string) => string | undefined;

/** Sees every value of a column with its position (to profile a column and point at its odd values later). */
export type CellObserver = (value: string, position: Position) => void;

export interface ReadOptions {
  /** Columns read when the file has them, e.g. a weight column found by its name; absent ones are not missing. */
  optional?: (column: string) => boolean;
  /** The check of each optional column found. */
  optionalCheck?: (column: string) => CellCheck;
  observe?: Readonly<Record<string, CellObserver>>;
}

export function inferFormat(file: string): TrainingFormat {
  const extension = path.extname(file).toLowerCase();
  if (extension === '.csv') return 'csv';
  if (extension === '.tsv' || extension === '.tab') return 'tsv';
  if (extension === '.jsonl' || extension === '.ndjson') return 'jsonl';
  if (extension === '.json') return 'json';
  throw new DatasetError(`${file}: cannot tell the format from '${extension}' (expected .csv, .tsv, .jsonl or .json)`);
}

/**
 * Reads the `wanted` columns of a dataset with the project's parser. Throws a `DatasetError` naming file, line and
 * column for a parse error, a check that fails, or a wanted column the file does not have.
 */
export async function readDataTable(
  file: string,
  format: TrainingFormat,
  wanted: readonly string[],
  checks: Readonly<Record<string, CellCheck>> = {},
  options: ReadOptions = {},
): Promise<DataTable> {
  const columns: string[] = [];
  const seen = new Set<string>();
  const values = new Map(wanted.map((column) => [column, [] as string[]]));
  const allChecks: Record<string, CellCheck> = { ...checks };
  let rows = 0;
  let failure: DatasetError | undefined;
  const noteColumn = (cell: Cell) => {
    if (seen.has(cell.column)) return;
    seen.add(cell.column);
    columns.push(cell.column);
    if (values.has(cell.column) || !options.optional?.(cell.column)) return;
    values.set(cell.column, []);
    const check = options.optionalCheck?.(cell.column);
    if (check) allChecks[cell.column] = check;
  };
  await parseFile(file, format, {
    header: (cells: Cell[]) => cells.forEach((cell) => noteColumn(cell)),
    record(record: DataRecord) {
      if (failure) return;
      failure = storeRecord(
        file,
        record,
        { values, checks: allChecks, observe: options.observe ?? {} },
        noteColumn,
        (column) => seen.has(column),
      );
      rows = record.index + 1;
    },
    issue(issue: ParseIssue) {
      failure ??= new DatasetError(`${describePosition(file, issue.range.start)}: ${issue.message}`);
    },
  });
  if (failure) throw failure;
  const missing = wanted.filter((column) => !seen.has(column));
  if (missing.length > 0) {
    throw new DatasetError(
      `${file}: no column ${missing.map((c) => `'${c}'`).join(', ')} (columns: ${columns.join(', ') || 'none'})`,
    );
  }
  for (const columnValues of values.values()) while (columnValues.length < rows) columnValues.push('');
  return { file, format, columns, rows, values };
}

interface RecordStore {
  values: Map<string, string[]>;
  checks: Readonly<Record<string, CellCheck>>;
  observe: Readonly<Record<string, CellObserver>>;
}

function storeRecord(
  file: string,
  record: DataRecord,
  { values, checks, observe }: RecordStore,
  noteColumn: (cell: Cell) => void,
  isKnown: (column: string) => boolean,
): DatasetError | undefined {
  const present = new Set<string>();
  for (const cell of record.cells) {
    noteColumn(cell);
    const columnValues = values.get(cell.column);
    if (!columnValues || present.has(cell.column)) continue;
    present.add(cell.column);
    while (columnValues.length < record.index) columnValues.push('');
    columnValues.push(cell.value);
    observe[cell.column]?.(cell.value, cell.start);
    const problem = checks[cell.column]?.(cell.value);
    if (problem) return new DatasetError(`${describePosition(file, cell.start)}: ${problem}`);
  }
  for (const [column, check] of Object.entries(checks)) {
    // A column no record has had yet is reported once, as missing from the file, after the read.
    if (present.has(column) || !values.has(column) || !isKnown(column)) continue;
    const problem = check('');
    if (problem)
      return new DatasetError(
        `${describePosition(file, record.range.start)}: ${problem} (no '${column}' in this record)`,
      );
  }
  return undefined;
}

/** SHA-256 of the file's bytes: recorded so a run names exactly the data it saw. */
export { sha256File } from '../../io';

/** Records read to learn a JSON or JSONL file's columns (keys can appear later: this is a first look only). */
const PEEKED_RECORDS = 100;

/**
 * The columns a dataset starts with — a CSV/TSV header, or the keys of the first records of JSON Lines — read from
 * the first chunks only, so a settings file can be checked against the data before the whole file is read.
 */
export async function peekColumns(file: string, format: TrainingFormat): Promise<string[]> {
  const columns: string[] = [];
  const note = (name: string) => columns.includes(name) || columns.push(name);
  const enough = new AbortController();
  let records = 0;
  await parseFile(
    file,
    format,
    {
      header: (cells: Cell[]) => {
        cells.forEach((cell) => note(cell.value));
        enough.abort();
      },
      record(record: DataRecord) {
        record.cells.forEach((cell) => note(cell.column));
        if (++records >= PEEKED_RECORDS) enough.abort();
      },
      issue: () => undefined,
    },
    { chunkBytes: 1 << 16, signal: enough.signal },
  ).catch((error: unknown) => {
    if (!enough.signal.aborted) throw error;
  });
  return columns;
}
