import { ByteGates } from '../detectors';
import { CsvByteRows, DEFAULT_MAX_COLUMNS, DEFAULT_MAX_FIELD_LENGTH, RowResult, type ByteRows } from '../parse';
import { CSV_ROWS_WASM } from './kernel/csvRowsWasm';

/**
 * A table's rows with the prefilter's gates of every field, read by the WebAssembly kernel (kernel/csvRows.as.ts)
 * where a row is plain, and by the JS reader (parse/csvBytes.ts with detectors/shape.ts `ByteGates`) at every
 * other row: the same fields, offsets and gates as the JS reader alone (a test compares them on every fixture and
 * on generated tables), in about half its time on the bench tables. The kernel reads a buffer in batches of rows;
 * this hands them out one `next` at a time, as CsvByteRows does.
 */
export class KernelRows implements ByteRows {
  fieldCount = 0;
  start = new Int32Array(64);
  end = new Int32Array(64);
  flags = new Uint8Array(64);
  summary = new Int32Array(64);
  rowLine = 0;
  rowEnd = 0;
  rowEndLine = 0;
  rowEndLineAt = 0;
  nextAt = 0;
  nextLine = 0;
  private rowStart = 0;
  /** The row read last came from `reader` (it keeps the lines of a row with line breaks in it). */
  private fromReader = false;
  private readonly reader: CsvByteRows<unknown>;
  /** The batch the kernel made last for this reader: its rows, how many were handed out, where it stays valid. */
  private batch = 0;
  private served = 0;
  private batchRun = -1;
  private batchLine = 0;
  private expectedAt = -1;
  private expectedLine = -1;

  constructor(
    private readonly kernel: Kernel,
    private readonly delimiter: number,
    private readonly maxFieldLength = DEFAULT_MAX_FIELD_LENGTH,
    private readonly maxColumns = DEFAULT_MAX_COLUMNS,
  ) {
    this.reader = new CsvByteRows(delimiter, new ByteGates(), maxFieldLength, maxColumns);
  }

  next(buf: Uint8Array, length: number, at: number, line: number, final: boolean): RowResult {
    if (this.served < this.batch && this.batchRun === this.kernel.runs && this.kernel.holds(this, buf, length))
      if (at === this.expectedAt && line === this.expectedLine) return this.serve();
    if (length > MAX_KERNEL_BYTES) return this.fromJs(buf, length, at, line, final);
    this.kernel.load(this, buf, length, this.delimiter);
    this.batch = this.kernel.rows(length, at, this.delimiter, this.maxFieldLength, this.maxColumns);
    this.batchRun = this.kernel.runs;
    this.served = 0;
    this.batchLine = line;
    return this.batch === 0 ? this.fromJs(buf, length, at, line, final) : this.serve();
  }

  lineOf(field: number, end: boolean): number {
    return this.fromReader ? this.reader.lineOf(field, end) : this.rowLine;
  }

  lineAtOf(field: number, end: boolean): number {
    return this.fromReader ? this.reader.lineAtOf(field, end) : this.rowStart;
  }

  /** The next row of the kernel's batch. */
  private serve(): RowResult {
    const ints = this.kernel.ints;
    const row = (ROWS_AT >> 2) + this.served * ROW_INTS;
    const count = ints[row]!;
    if (count > this.start.length) this.grow(count);
    const { start, end, flags, summary } = this;
    for (let field = 0, at = (FIELDS_AT >> 2) + ints[row + 5]! * FIELD_INTS; field < count; field++, at += FIELD_INTS) {
      start[field] = ints[at]!;
      end[field] = ints[at + 1]!;
      flags[field] = ints[at + 2]!;
      summary[field] = ints[at + 3]!;
    }
    this.fieldCount = count;
    this.rowLine = this.rowEndLine = this.batchLine + ints[row + 1]!;
    this.rowStart = this.rowEndLineAt = ints[row + 2]!;
    this.rowEnd = ints[row + 3]!;
    this.nextAt = this.expectedAt = ints[row + 4]!;
    this.nextLine = this.expectedLine = this.rowLine + 1;
    this.fromReader = false;
    this.served++;
    return RowResult.Row;
  }

  /** The row at `at` read by the JS reader (one the kernel leaves to it); the next `next` asks the kernel again. */
  private fromJs(buf: Uint8Array, length: number, at: number, line: number, final: boolean): RowResult {
    this.batch = this.served = 0;
    const reader = this.reader;
    const result = reader.next(buf, length, at, line, final);
    if (result !== RowResult.Row) return result;
    const count = reader.fieldCount;
    if (count > this.start.length) this.grow(count);
    this.start.set(reader.start.subarray(0, count));
    this.end.set(reader.end.subarray(0, count));
    this.flags.set(reader.flags.subarray(0, count));
    this.summary.set(reader.summary.subarray(0, count));
    this.fieldCount = count;
    this.rowLine = reader.rowLine;
    this.rowEnd = reader.rowEnd;
    this.rowEndLine = reader.rowEndLine;
    this.rowEndLineAt = reader.rowEndLineAt;
    this.nextAt = reader.nextAt;
    this.nextLine = reader.nextLine;
    this.fromReader = true;
    return result;
  }

  private grow(count: number): void {
    const size = Math.max(count, this.start.length * 2);
    this.start = new Int32Array(size);
    this.end = new Int32Array(size);
    this.flags = new Uint8Array(size);
    this.summary = new Int32Array(size);
  }
}

/** Rows and fields per batch; a row with more fields than FIELD_CAP is the JS reader's. */
const ROW_CAP = 4096;
const FIELD_CAP = 65_536;
const ROW_INTS = 6;
const FIELD_INTS = 4;
/** The kernel's regions, above its own static data (the first 64 KiB): rows, fields, then masks and the buffer. */
const ROWS_AT = 65_536;
const FIELDS_AT = ROWS_AT + ROW_CAP * ROW_INTS * 4;
const MASKS_AT = FIELDS_AT + FIELD_CAP * FIELD_INTS * 4;
/** A buffer larger than this (a row of many megabytes being read) goes to the JS reader: it is copied otherwise. */
const MAX_KERNEL_BYTES = 64 << 20;
const PAGE = 65_536;

/** The little of the WebAssembly API used here (the project's lib has no DOM types, @types/node 20 none of its own). */
interface WasmApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: unknown };
}

interface WasmMemory {
  readonly buffer: ArrayBuffer;
  grow(pages: number): number;
}

interface KernelExports {
  memory: WasmMemory;
  layout(inputAt: number, rowsAt: number, fieldsAt: number, masksAt: number): void;
  classify(length: number, delimiter: number): void;
  rows(
    length: number,
    at: number,
    delimiter: number,
    maxField: number,
    maxColumns: number,
    rowCap: number,
    fieldCap: number,
  ): number;
}

/**
 * The kernel's one instance on this thread, shared by every reader on it: the buffer in its memory is the last
 * one loaded, by whichever reader (two scans on one thread take turns at their reads' awaits), so a reader's batch
 * holds only until another reader runs the kernel (`runs`).
 */
export class Kernel {
  ints: Int32Array;
  private bytes: Uint8Array;
  /** Kernel runs so far: a batch is valid while no other run overwrote it. */
  runs = 0;
  private owner: unknown;
  private loaded: Uint8Array | undefined;
  private loadedLength = -1;

  constructor(private readonly exports: KernelExports) {
    this.bytes = new Uint8Array(exports.memory.buffer);
    this.ints = new Int32Array(exports.memory.buffer);
  }

  /** Whether `buf[0, length)` is what `owner` loaded last and nobody loaded since. */
  holds(owner: unknown, buf: Uint8Array, length: number): boolean {
    return this.owner === owner && this.loaded === buf && this.loadedLength === length;
  }

  /** `buf[0, length)` in the kernel's memory with its masks, unless it is there already for `owner`. */
  load(owner: unknown, buf: Uint8Array, length: number, delimiter: number): void {
    if (this.holds(owner, buf, length)) return;
    const padded = (length + 63) & ~63;
    const inputAt = MASKS_AT + padded + 64;
    this.reserve(inputAt + padded + 64);
    this.bytes.set(buf.subarray(0, length), inputAt);
    // The masks of the last block read past `length`: zeros there are NUL stops no field reaches.
    this.bytes.fill(0, inputAt + length, inputAt + padded + 64);
    this.exports.layout(inputAt, ROWS_AT, FIELDS_AT, MASKS_AT);
    this.exports.classify(length, delimiter);
    this.owner = owner;
    this.loaded = buf;
    this.loadedLength = length;
    this.runs++;
  }

  rows(length: number, at: number, delimiter: number, maxField: number, maxColumns: number): number {
    this.runs++;
    return this.exports.rows(length, at, delimiter, maxField, maxColumns, ROW_CAP, FIELD_CAP);
  }

  private reserve(bytes: number): void {
    const memory = this.exports.memory;
    if (memory.buffer.byteLength >= bytes) return;
    memory.grow(Math.ceil((bytes - memory.buffer.byteLength) / PAGE));
    this.bytes = new Uint8Array(memory.buffer);
    this.ints = new Int32Array(memory.buffer);
  }
}

let kernel: Kernel | null | undefined;

/**
 * The kernel of this thread; null where WebAssembly (with SIMD) cannot run it, or with RML_CSV_KERNEL=off (for
 * comparing the two readers): then the JS reader reads every row.
 */
export function csvKernel(): Kernel | null {
  if (kernel !== undefined) return kernel;
  if (process.env.RML_CSV_KERNEL === 'off') return (kernel = null);
  try {
    const wasm = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;
    const module = new wasm.Module(Buffer.from(CSV_ROWS_WASM, 'base64'));
    const instance = new wasm.Instance(module, {
      env: {
        abort: () => {
          throw new Error('the CSV row kernel aborted');
        },
      },
    });
    kernel = new Kernel(instance.exports as unknown as KernelExports);
  } catch {
    kernel = null;
  }
  return kernel;
}

/** Rows of a table with the prefilter's gates: the kernel's where it runs, else the JS reader's. */
export function gatedRows(delimiter: number): ByteRows {
  const shared = csvKernel();
  return shared ? new KernelRows(shared, delimiter) : new CsvByteRows(delimiter, new ByteGates());
}
