import { isAscii, isUtf8 } from 'node:buffer';
import { gatesInColumn } from '../detectors/index';
import { Gate } from '../detectors';
import {
  RowResult,
  headerColumnName,
  looksLikeHeader,
  sniffDelimiter,
  completeLength,
  type Cell,
  type ParseIssue,
} from '../parse';
import type { AnalyzerSet } from './analyzerSet';
import { AuditRows, type AuditRead } from './auditRows';
import type { FindingCollector } from './collector';
import { CsvCells, TableColumns } from './csvCells';
import { ColumnAnswers } from './columnAnswers';
import { admitMatch, detectInCell, scanCellForSensitiveData, type SensitiveCellOptions } from './sensitiveCells';

/** Enough bytes to hold the 65,536 characters the delimiter is sniffed from (3 bytes a character at most, + 1). */
const SNIFF_BYTES = 3 * 65_536 + 4;
const SNIFF_CHARACTERS = 65_536;

export type TableParts = NonNullable<AnalyzerSet['tableParts']>;

/** What the scan of a table's later rows needs from the scan of its head (worker threads: chunkScan.ts). */
export interface TableState {
  delimiter: string;
  names: string[];
  /** Fields per row, and what set it (the header or the first row): a ragged row's message names them. */
  expected: number;
  expectedFrom: string;
  /** Index of the next record. */
  recordIndex: number;
  /** What the audit reads of each row (auditRows.ts); absent without an audit. */
  auditRead?: AuditRead;
}

/** Bytes of a document, in order: `bytes` holds the next piece, `final` once the last one is in. */
export interface ByteSource {
  next(): Promise<Uint8Array | undefined>;
  /** Lets the file go when the scan stops before the end. */
  close(): Promise<void>;
}

/**
 * The fast path of a CSV/TSV scan: rows read on the bytes (csvBytes.ts), cells made only where a check reads one
 * (a value the prefilter lets through, a prompt column, a column the audit reads), the checks called in the order
 * the full pipeline calls them, so findings come out the same, byte for byte. Answers 'irregular' (with the
 * findings already given) as soon as the file needs the full parser; the caller then scans again with it.
 */
export class FastCsvScan {
  private cells: CsvCells | undefined;
  private readonly columns = new TableColumns();
  private readonly audit: AuditRows | undefined;
  private expected = -1;
  private expectedFrom = 'first row';
  private rowCount = 0;
  private recordIndex = 0;
  /** Per column: what the phone-column rule makes of a bare digit run there (Gate.phone or 0). */
  private phoneInColumn: Array<number | undefined> = [];
  /** The fields (ascending) whose column is a prompt column, of the first `promptChecked`. */
  private readonly promptFields: number[] = [];
  private promptChecked = 0;
  /** Bytes read and not yet made rows of, from `at`; `offset` is where `pending[0]` is in the source. */
  private pending: Buffer = Buffer.alloc(0);
  private at = 0;
  private line = 0;
  private offset = 0;
  private started = false;
  private final = false;
  /** The cells made of the row read last: `made[field]` holds one when `madeIn[field]` is that row's number. */
  private made: Cell[] = [];
  private madeIn: number[] = [];
  /** Per column: the detectors' answers by value (`scanField`). */
  private answers: ColumnAnswers[] = [];
  /** Rows go to the audit only (`auditOnly`). */
  private onlyAudit = false;

  constructor(
    private readonly parts: TableParts,
    private readonly collector: FindingCollector,
    private readonly issue: (issue: ParseIssue) => void,
    private readonly format: 'csv' | 'tsv',
    /** Text from an editor, encoded: every U+FFFD stands for bytes it could not decode, which the full parser reports. */
    private readonly fromEditor = false,
  ) {
    if (parts.audit) this.audit = new AuditRows(parts.audit, this.columns);
  }

  /**
   * Runs over `source` from where it stopped: 'irregular' when the file needs the full parser from the start,
   * 'stopped' when `stop` (asked before each row with the row's offset in the source) said so; `run` again goes on.
   */
  async run(
    source: ByteSource,
    signal?: AbortSignal,
    stop?: (offset: number) => boolean,
  ): Promise<'done' | 'irregular' | 'stopped'> {
    for (;;) {
      if (this.started) {
        const result = this.readRows(stop);
        if (result !== 'more') return result;
        if (this.final) return this.rowCount === 0 ? 'irregular' : 'done';
      }
      signal?.throwIfAborted();
      const more = await source.next();
      this.final = more === undefined;
      this.append(more);
      if (!this.started) {
        if (!this.final && this.pending.length < SNIFF_BYTES) continue;
        if (!this.start(this.pending)) return 'irregular';
        this.started = true;
        if (this.pending[0] === 0xef && this.pending[1] === 0xbb && this.pending[2] === 0xbf) this.at = 3;
      }
    }
  }

  /** Where the next row starts, in the source, and its line. */
  get position(): { offset: number; line: number } {
    return { offset: this.offset + this.at, line: this.line };
  }

  /** The header is read and the audit knows what it reads from now on: later rows can be scanned elsewhere. */
  readonly headRead = (): boolean => this.rowCount >= 1 && (!this.audit || this.audit.settled());

  /** What a scan of the rest of the table elsewhere needs (chunkScan.ts); call once `headRead()`. */
  handoff(): TableState {
    const auditRead = this.audit?.read();
    const base = {
      delimiter: this.columns.delimiter,
      names: [...this.columns.names],
      expected: this.expected,
      expectedFrom: this.expectedFrom,
    };
    return { ...base, recordIndex: this.recordIndex, ...(auditRead ? { auditRead } : {}) };
  }

  /**
   * Takes up a table another scan read the head of, for its rows from `offset` (a record boundary) on; `answers`:
   * the column memos of the table's chunks scanned before on this thread, taken up and filled on (chunkScan.ts).
   */
  resume(state: TableState, offset: number, answers?: ColumnAnswers[]): void {
    if (answers) this.answers = answers;
    this.offset = offset;
    this.columns.delimiter = state.delimiter;
    this.columns.names = [...state.names];
    this.cells = this.rowReader();
    this.expected = state.expected;
    this.expectedFrom = state.expectedFrom;
    this.recordIndex = state.recordIndex;
    this.rowCount = 1;
    this.started = true;
    if (state.auditRead !== undefined) this.audit?.resume(state.auditRead);
  }

  /**
   * From the next row on, rows go to the audit only, as this scan would have fed it: the value checks and the
   * ragged-row issues are another scan's (chunkedScan.ts: the chunks'), and the prefilter's gates are not counted.
   */
  auditOnly(): void {
    this.onlyAudit = true;
    this.cells = new CsvCells(this.columns, false);
  }

  /** `count` rows a worker scanned, to an audit that only counts them. */
  auditCounted(count: number): void {
    this.audit?.counted(count);
  }

  /** The unread tail of `pending` followed by `more` (the last piece when `more` is undefined). */
  private append(more: Uint8Array | undefined): void {
    this.offset += this.at;
    this.pending = more ? join(this.pending, this.at, more) : this.pending.subarray(this.at);
    this.at = 0;
  }

  /** Picks the delimiter as the full parser would; false for what this path does not read (UTF-16). */
  private start(head: Uint8Array): boolean {
    if ((head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff)) return false;
    const bom = head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf ? 3 : 0;
    const sample = Buffer.from(head.buffer, head.byteOffset, head.byteLength).toString(
      'utf8',
      bom,
      Math.min(head.length, bom + SNIFF_BYTES),
    );
    this.columns.delimiter = this.format === 'tsv' ? '\t' : sniffDelimiter(sample.slice(0, SNIFF_CHARACTERS));
    this.cells = this.rowReader();
    return true;
  }

  /** Rows of the table; with the PII and secret checks on, the prefilter's gates of each field in the same walk. */
  private rowReader(): CsvCells {
    return new CsvCells(this.columns, this.parts.sensitiveData !== undefined);
  }

  /** Rows of `pending` from `at` until it needs more bytes ('more') or `stop` says so. */
  private readRows(stop?: (offset: number) => boolean): 'more' | 'irregular' | 'stopped' {
    const cells = this.cells!;
    const rows = cells.rows;
    const buf = this.pending;
    const ascii = isAscii(buf);
    cells.readFrom(buf, ascii);
    if (!ascii && !this.decodable(buf, this.final)) return 'irregular';
    for (;;) {
      if (stop?.(this.offset + this.at)) return 'stopped';
      const result = rows.next(buf, buf.length, this.at, this.line, this.final);
      if (result === RowResult.Irregular) return 'irregular';
      if (result !== RowResult.Row) return 'more';
      this.row();
      this.at = rows.nextAt;
      this.line = rows.nextLine;
      if (this.at >= buf.length && this.final) return 'more';
    }
  }

  /** Valid UTF-8 (up to a sequence the next bytes complete), and from an editor no U+FFFD: else the full parser. */
  private decodable(buf: Buffer, final: boolean): boolean {
    if (!isUtf8(buf.subarray(0, final ? buf.length : completeLength(buf)))) return false;
    return !this.fromEditor || buf.indexOf(REPLACEMENT_CHARACTER) < 0;
  }

  private row(): void {
    if (this.rowCount++ === 0) return this.firstRow();
    const count = this.cells!.rows.fieldCount;
    if (this.onlyAudit) return this.audit?.record(this.recordIndex++, count, this.cellAt, this.rowRange);
    if (count !== this.expected) this.issue(this.raggedIssue(count));
    this.record(this.recordIndex++);
  }

  /** The header decision of csvRows.ts: names the columns, or makes the first row record 0. */
  private firstRow(): void {
    const reader = this.cells!;
    this.expected = reader.rows.fieldCount;
    const cells = Array.from({ length: this.expected }, (_, field) => reader.cell(field, ''));
    const isHeader = looksLikeHeader(cells.map((cell) => cell.value));
    for (const cell of cells) {
      if (isHeader) this.columns.names[cell.columnIndex] = headerColumnName(cell.value, cell.columnIndex);
      cell.column = this.columns.name(cell.columnIndex);
    }
    if (!isHeader) return this.record(this.recordIndex++, cells);
    this.expectedFrom = 'header';
    const options = this.parts.sensitiveData;
    if (options) for (const cell of cells) scanCellForSensitiveData(cell, this.collector, options);
    this.parts.audit?.header(cells);
  }

  /** A record through the checks, in the order of the full pipeline: values, prompt columns, then the audit. */
  private record(index: number, cells?: Cell[]): void {
    const rows = this.cells!.rows;
    const count = rows.fieldCount;
    if (cells) cells.forEach((cell, field) => this.keep(field, cell));
    const options = this.parts.sensitiveData;
    if (options) {
      for (let field = 0; field < count; field++) {
        let shape = rows.summary[field] ?? 0;
        if (shape !== 0) shape = this.inColumn(shape, field);
        if (shape !== 0) this.scanField(field, shape, options);
      }
    }
    const prompts = this.parts.promptColumns;
    if (prompts) {
      if (count > this.promptChecked) this.checkPromptColumns(count);
      // Ascending, as the fields: most tables have none, and their rows then cost no walk of their fields here.
      for (const field of this.promptFields) {
        if (field >= count) break;
        if ((rows.end[field] ?? 0) - (rows.start[field] ?? 0) < 8) continue;
        prompts.check(this.cellAt(field));
      }
    }
    this.audit?.record(index, count, this.cellAt, this.rowRange);
  }

  /**
   * The PII and secret checks of `field`, whose prefilter verdict is `shape`: the answer for a value met before
   * in the column is taken from its `ColumnAnswers`, and no cell is made for a value without a match.
   */
  private scanField(field: number, shape: number, options: SensitiveCellOptions): void {
    const answers = options.cache ? undefined : this.answersOf(field);
    if (!answers) return scanCellForSensitiveData(this.cellAt(field), this.collector, options, shape);
    const { rows, bytes } = this.cells!;
    const start = rows.start[field] ?? 0;
    const end = rows.end[field] ?? 0;
    let matches = answers.get(bytes, start, end);
    if (matches === undefined) {
      matches = detectInCell(this.cellAt(field), shape, this.collector, options);
      answers.set(bytes, start, end, matches);
    }
    if (matches.length === 0) return;
    const cell = this.cellAt(field);
    for (const match of matches) admitMatch(cell, match, this.collector);
  }

  /** The column's memo of answers, while it is worth it (see `ColumnAnswers`). */
  private answersOf(field: number): ColumnAnswers | undefined {
    let answers = this.answers[field];
    if (answers === undefined) this.answers[field] = answers = new ColumnAnswers();
    return answers.active ? answers : undefined;
  }

  /** The cell of `field` in the row read last, made once however many checks read it. */
  private readonly cellAt = (field: number): Cell => {
    // Kept by row number rather than cleared per row: clearing an array reallocates it on the next row.
    const made = this.made[field];
    if (made !== undefined && this.madeIn[field] === this.rowCount) return made;
    return this.keep(field, this.cells!.cell(field, this.columns.name(field)));
  };

  private keep(field: number, cell: Cell): Cell {
    this.made[field] = cell;
    this.madeIn[field] = this.rowCount;
    return cell;
  }

  private readonly rowRange = () => this.cells!.rowRange();

  private raggedIssue(n: number): ParseIssue {
    return {
      message: `row has ${n} field${n === 1 ? '' : 's'}, expected ${this.expected} like the ${this.expectedFrom}`,
      range: this.rowRange(),
    };
  }

  /** `gatesInColumn`, its column rule remembered per column. */
  private inColumn(shape: number, field: number): number {
    if ((shape & Gate.phoneIfColumnNamesIt) === 0) return shape;
    let phone = this.phoneInColumn[field];
    if (phone === undefined)
      this.phoneInColumn[field] = phone = gatesInColumn(Gate.phoneIfColumnNamesIt, this.columns.name(field));
    return (shape & ~Gate.phoneIfColumnNamesIt) | phone;
  }

  /** Asks whether each field up to `count` is a prompt column, once per field. */
  private checkPromptColumns(count: number): void {
    for (let field = this.promptChecked; field < count; field++)
      if (this.parts.promptColumns?.isPromptColumn(this.columns.name(field))) this.promptFields.push(field);
    this.promptChecked = count;
  }
}

/** U+FFFD in UTF-8. */
const REPLACEMENT_CHARACTER = Buffer.from([0xef, 0xbf, 0xbd]);

/** The unread tail of `pending` (from `at`) followed by `more`. */
function join(pending: Buffer, at: number, more: Uint8Array): Buffer {
  if (at >= pending.length) return Buffer.from(more.buffer, more.byteOffset, more.byteLength);
  const joined = new Uint8Array(pending.length - at + more.length);
  joined.set(pending.subarray(at), 0);
  joined.set(more, pending.length - at);
  return Buffer.from(joined.buffer, joined.byteOffset, joined.byteLength);
}
