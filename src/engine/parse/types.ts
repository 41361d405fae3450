import type { Position, Range } from '../../shared/findings';

/** The dataset formats the engine reads. `text` is a plain document (prompts, markdown). */
export type DatasetFormat = 'csv' | 'tsv' | 'jsonl' | 'json' | 'text';

/**
 * One value of a dataset with its exact place in the document.
 * CSV: one field. JSON/JSONL: one string (or number) leaf.
 */
export interface Cell {
  /** The decoded value: CSV quotes unescaped, JSON escapes decoded. */
  value: string;
  /** CSV: the header name (or `column N` without a header). JSON: the key path, e.g. `email`, `messages[].content`. */
  column: string;
  /** CSV: 0-based field index. JSON: the index of the key path among the paths seen so far in the file. */
  columnIndex: number;
  /** Position of the first value character (just after an opening quote). */
  start: Position;
  /** Position just after the last value character (just before a closing quote). */
  end: Position;
  /** How the source text encodes the value: a fix must write it back the same way. */
  encoding: 'plain' | 'csv-quoted' | 'json-string' | 'json-literal';
  /** The source text between `start` and `end` when it differs from `value` (escapes present); absent otherwise. */
  raw?: string;
}

export interface DataRecord {
  /** 0-based index among data records (a CSV header is not a record). */
  index: number;
  cells: Cell[];
  range: Range;
}

/** Malformed input; becomes a `data/parse-error` finding. */
export interface ParseIssue {
  message: string;
  range: Range;
}

/** Receives what a parser finds, in document order. */
export interface RecordSink {
  /** CSV/TSV only: the header row, when the first row is one. Its cells carry the header positions. */
  header?(cells: Cell[]): void;
  record(record: DataRecord): void;
  issue(issue: ParseIssue): void;
}

/** A push parser: feed it text chunks of any size (a whole document or 1 MB pieces of a file), then `end()`. */
export interface StreamParser {
  push(chunk: string): void;
  end(): void;
}
