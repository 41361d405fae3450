import type { Position, Range } from '../../shared/findings';
import type { ReplacementOracle } from './replacementMarks';

export type { Position, Range };

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
  /** CSV/TSV only: the field delimiter of the file, so a fix can re-quote the cell. Absent for free text and JSON. */
  delimiter?: string;
}

export interface DataRecord {
  /** 0-based index among data records (a CSV header is not a record). */
  index: number;
  cells: Cell[];
  range: Range;
  /**
   * JSON only: the leaves outside the records array (e.g. `meta` beside `data`), gathered into one record emitted last.
   * Not a data row: statistics over rows should skip it; detectors should still scan it.
   */
  metadata?: true;
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

/** Options shared by every parser; each ignores those that do not apply to its format. */
export interface ParseOptions {
  /** CSV/TSV: the field delimiter; sniffed from the first 64 KiB among `,` `\t` `;` `|` when absent (TSV: tab). */
  delimiter?: string;
  /** CSV/TSV: whether the first row is a header; 'auto' (default) decides from its values. */
  header?: boolean | 'auto';
  /** CSV: the longest field, JSONL: the longest line, in UTF-16 units (default 1,000,000); bounds memory. */
  maxFieldLength?: number;
  /** CSV/TSV fields, JSON/JSONL leaves kept per record (default 16,384); the rest are counted, not checked. */
  maxColumns?: number;
  /**
   * Text: the longest document scanned (default 50,000,000 UTF-16 units); the rest is reported and ignored.
   * JSON: the longest document held in memory (default 200,000,000); a longer one is reported, not parsed.
   */
  maxTextLength?: number;
  /**
   * Which U+FFFD of the pushed text replaced invalid UTF-8 (the file readers know; see `replacementMarks.ts`).
   * Without it every U+FFFD is reported as invalid UTF-8, as for an editor's text.
   */
  replacementMarks?: ReplacementOracle;
}

/** A push parser: feed it text chunks of any size (a whole document or 1 MB pieces of a file), then `end()`. */
export interface StreamParser {
  push(chunk: string): void;
  end(): void;
}
