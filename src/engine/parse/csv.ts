import { CsvRowAssembler } from './csvRows';
import { CsvScanner } from './csvScanner';
import { DEFAULT_MAX_COLUMNS, DEFAULT_MAX_FIELD_LENGTH, emptyFileIssue, LeadingBomStripper } from './issues';
import { EVERY_REPLACEMENT_INVALID, type ReplacementOracle } from './replacementMarks';
import { sniffDelimiter } from './sniff';
import type { RecordSink, StreamParser } from './types';

export { sniffDelimiter };

export interface CsvParserOptions {
  /** One character; sniffed from the first 64 KiB when absent. */
  delimiter?: string;
  header?: boolean | 'auto';
  maxFieldLength?: number;
  maxColumns?: number;
  replacementMarks?: ReplacementOracle;
}

const SNIFF_SAMPLE_LENGTH = 64 * 1024;

function checkDelimiter(delimiter: string): void {
  if (delimiter.length !== 1 || delimiter === '"' || delimiter === '\n' || delimiter === '\r') {
    throw new Error(
      `CSV delimiter must be one character other than a quote or line break, got ${JSON.stringify(delimiter)}`,
    );
  }
}

/**
 * RFC 4180 push parser with exact positions. Written by hand because no CSV library reports where each value
 * sits (line and UTF-16 column inside the quotes) while also recovering from malformed rows in bounded memory.
 * This layer strips the BOM, sniffs the delimiter (holding at most the first 64 KiB until it can), and reports
 * an empty file; `CsvScanner` does the rest.
 */
class CsvStreamParser implements StreamParser {
  private readonly bom = new LeadingBomStripper();
  private readonly maxFieldLength: number;
  private readonly maxColumns: number;
  private scanner: CsvScanner | undefined;
  private rows: CsvRowAssembler | undefined;
  private sniffBuffer: string[] = [];
  private sniffLength = 0;
  private ended = false;

  constructor(
    private readonly sink: RecordSink,
    private readonly options: CsvParserOptions,
  ) {
    const max = options.maxFieldLength ?? DEFAULT_MAX_FIELD_LENGTH;
    if (!Number.isInteger(max) || max < 1) throw new Error(`maxFieldLength must be a positive integer, got ${max}`);
    this.maxFieldLength = max;
    this.maxColumns = positiveInteger('maxColumns', options.maxColumns ?? DEFAULT_MAX_COLUMNS);
    if (options.delimiter !== undefined) this.start(options.delimiter);
  }

  push(chunk: string): void {
    if (this.ended) throw new Error('CSV parser: push() after end()');
    const text = this.bom.strip(chunk);
    if (text.length === 0) return;
    if (this.scanner) return this.scanner.write(text);
    this.sniffBuffer.push(text);
    this.sniffLength += text.length;
    if (this.sniffLength >= SNIFF_SAMPLE_LENGTH) this.startWithSniffedDelimiter();
  }

  end(): void {
    if (this.ended) return;
    this.ended = true;
    if (!this.scanner) this.startWithSniffedDelimiter();
    const scanner = this.scanner;
    if (!scanner || scanner.stopped) return;
    scanner.finish();
    if (!scanner.stopped && this.rows?.rowCount === 0) this.sink.issue(emptyFileIssue(this.bom.sawText));
  }

  private start(delimiter: string): void {
    checkDelimiter(delimiter);
    this.rows = new CsvRowAssembler(this.sink, this.options.header ?? 'auto', delimiter, this.maxColumns);
    this.scanner = new CsvScanner(this.sink, this.rows, delimiter, this.maxFieldLength, this.marks());
  }

  /** The marks in the scanner's offsets, which start after a stripped BOM. */
  private marks(): ReplacementOracle {
    const marks = this.options.replacementMarks;
    if (!marks) return EVERY_REPLACEMENT_INVALID;
    const bom = this.bom;
    return {
      isInvalid: (offset) => marks.isInvalid(offset + bom.removed),
      forgetBefore: (offset) => marks.forgetBefore(offset + bom.removed),
    };
  }

  private startWithSniffedDelimiter(): void {
    const text = this.sniffBuffer.join('');
    this.sniffBuffer = [];
    this.start(sniffDelimiter(text.slice(0, SNIFF_SAMPLE_LENGTH)));
    if (text.length > 0) this.scanner?.write(text);
  }
}

function positiveInteger(name: string, value: number): number {
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a positive integer, got ${value}`);
  return value;
}

/** A push parser for CSV/TSV. Malformed input becomes issues and parsing goes on, except after a NUL byte. */
export function createCsvParser(sink: RecordSink, options: CsvParserOptions = {}): StreamParser {
  return new CsvStreamParser(sink, options);
}
