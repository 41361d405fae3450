import { promises as fs } from 'node:fs';
import type { Finding } from '../../shared/findings';
import type { LineFormat } from '../findings';
import type { DatasetAuditAnalyzer } from './auditAnalyzer';
import { FindingCollector } from './collector';
import type { ColumnAnswers } from './columnAnswers';
import { FastCsvScan, type ByteSource, type TableState } from './fastCsv';
import { Packer, packedAsLine, type Packed } from './packing';
import { lineStartFrom } from './lineStart';
import { promptColumnChecks } from './promptColumns';
import type { ScanRequest } from './request';

/**
 * What a worker needs of the scan request: plain data only (it crosses a thread). With `lineFormat` it writes its
 * findings as that format's report lines (ChunkEvent.Line), else it hands back the findings.
 */
export type ChunkRequest = Pick<
  ScanRequest,
  'file' | 'relativePath' | 'format' | 'config' | 'overrides' | 'fingerprints'
> & {
  lineFormat?: LineFormat;
};

/**
 * The plain-data part of `request` for the workers that scan its chunks, and where the lines they write go: lines
 * only for a caller that streams findings (scan.ts counts them as delivered).
 */
export function chunkRequestOf(request: ScanRequest): { request: ChunkRequest; onLine?: ScanLines['onLine'] } {
  const { file, relativePath, format, config, overrides, fingerprints } = request;
  const lines = request.onFinding ? request.lines : undefined;
  return {
    request: {
      file,
      relativePath,
      format,
      config,
      ...(overrides ? { overrides } : {}),
      ...(fingerprints === false ? { fingerprints } : {}),
      ...(lines ? { lineFormat: lines.format } : {}),
    },
    ...(lines ? { onLine: lines.onLine } : {}),
  };
}

type ScanLines = NonNullable<ScanRequest['lines']>;

/** One piece of a large CSV/TSV file, scanned on its own (in a worker thread) after its head was read. */
export interface ChunkTask {
  path: string;
  request: ChunkRequest;
  state: TableState;
  /**
   * Where the chunk starts: exactly there (a record boundary the caller knows) when `exact`, else at the first
   * line start at or after it, a guess the caller checks against where the chunk before really ended.
   */
  start: number;
  exact: boolean;
  /** Rows that start at or after this offset belong to the next chunk (Infinity: to the end of the file). */
  end: number;
}

/**
 * What a chunk hands back, in the order the single-threaded scan meets it (lines counted from the chunk's start):
 * the kinds of both chunk scans, a table's (this file) and a JSONL file's (jsonlChunkScan.ts).
 */
export const enum ChunkEvent {
  Finding,
  Issue,
  /** A JSONL record for the audit (DataRecord). */
  Record,
  /** The calls of a JSONL file's chat checks on their record-to-record state (ChatSequence, in chat/validate.ts). */
  ChatShapeless,
  ChatExample,
  ChatChecked,
  /** A finding as its report line (CutLine), when the request has a `lineFormat`. */
  Line,
}

export type TableEvent = ChunkEvent.Finding | ChunkEvent.Line | ChunkEvent.Issue;

export interface ChunkResult {
  /** Where the chunk's rows started and where the next row starts, in the file; line breaks in between. */
  start: number;
  end: number;
  lines: number;
  /** 'irregular': something only the full parser reads (or the guessed start was inside a quoted field). */
  status: 'done' | 'irregular';
  /** Rows of the chunk. */
  rows: number;
  /**
   * Pairs of a ChunkEvent and its finding or issue, packed as they come (packing.ts): a chunk's 10,000
   * findings kept as objects until it ends outlive the young generation, and collecting them then cost more than
   * finding them; packed, each dies young here and again where it is unpacked.
   */
  events: Packed;
}

/** Bytes read per call: a chunk is read as it is scanned, in bounded memory. */
const READ_BYTES = 1 << 20;

/** Takes a chunk's events as they come (the chunk the caller merges next): nothing is packed. */
export type EmitEvent = (kind: ChunkEvent, value: unknown) => void;

/**
 * Where a chunk's events go: to `emit` when the caller merges this chunk next, else packed for the thread that
 * merges; its findings are events too, through a collector of the request's settings, packed as report lines when
 * the request has a `lineFormat`.
 */
export function chunkEvents(
  request: ChunkRequest,
  emit?: EmitEvent,
): { events: Packer; event: EmitEvent; collector: FindingCollector } {
  const events = new Packer();
  const event: EmitEvent =
    emit ??
    ((kind, value) => {
      events.value(kind);
      events.value(value);
    });
  const format = emit ? undefined : request.lineFormat;
  const finding = (found: Finding) => {
    if (!packedAsLine(events, format, found, ChunkEvent.Line)) event(ChunkEvent.Finding, found);
  };
  const collector = new FindingCollector(
    request.file,
    request.relativePath,
    request.config,
    request.overrides,
    finding,
    request.fingerprints,
  );
  return { events, event, collector };
}

/** Scans one chunk: the checks of each value as the whole-file scan runs them, the rows counted for an audit that counts them. */
export async function scanChunk(task: ChunkTask, emit?: EmitEvent): Promise<ChunkResult> {
  const { request } = task;
  const { events, event, collector } = chunkEvents(request, emit);
  // The table parts analyzerSet.ts gives a CSV/TSV file's cells (not imported: see promptColumns.ts).
  const sensitiveData = { defaultRegion: request.config.pii?.defaultRegion };
  const counting = countingAudit(task.state.auditRead);
  const parts = {
    sensitiveData,
    promptColumns: promptColumnChecks(request, collector),
    ...(counting ? { audit: counting.audit } : {}),
  };
  const scan = new FastCsvScan(
    parts,
    collector,
    (issue) => event(ChunkEvent.Issue, issue),
    request.format === 'tsv' ? 'tsv' : 'csv',
  );
  const handle = await fs.open(task.path, 'r');
  try {
    const start = task.exact ? task.start : await lineStartFrom(handle, task.start);
    scan.resume(task.state, start, answersOfTable(task));
    const status = await scan.run(rangeSource(handle, start), undefined, (offset) => offset >= task.end);
    const { offset, line } = scan.position;
    return {
      start,
      end: offset,
      lines: line,
      status: status === 'irregular' ? 'irregular' : 'done',
      rows: counting?.rows() ?? 0,
      events: events.take(),
    };
  } finally {
    await handle.close();
  }
}

/**
 * The column memos (columnAnswers.ts) of the table the chunks on this thread come from, kept from chunk to chunk
 * as one thread's scan keeps them for the whole table: made again per chunk, each 4 MiB chunk filled its memos of
 * distinct columns anew (4,096 entries each) and they outlived the young generation, 240 times on a 1 GB table,
 * so two threads promoted 4x the bytes one thread did. Kept for the last table only (bounded, as the memos are); a
 * memo's answers depend on the value, the column, the region and the enabled codes, so the key holds all of them.
 */
let lastTable: { key: string; answers: ColumnAnswers[] } | undefined;

export function answersOfTable(task: ChunkTask): ColumnAnswers[] {
  const { request, state } = task;
  const key = JSON.stringify([
    task.path,
    request.format,
    request.config,
    request.overrides ?? null,
    state.delimiter,
    state.names,
  ]);
  if (lastTable?.key !== key) lastTable = { key, answers: [] };
  return lastTable.answers;
}

/**
 * An audit stand-in that counts a chunk's rows, for an audit that only counts them (one that reads cells of every
 * row is fed on the main thread: chunkedScan.ts).
 */
function countingAudit(read: TableState['auditRead']): { audit: DatasetAuditAnalyzer; rows(): number } | undefined {
  if (read !== 'count') return undefined;
  let rows = 0;
  const audit: DatasetAuditAnalyzer = {
    header: () => undefined,
    record: () => void rows++,
    finish: async () => undefined,
    columnsRead: () => [],
  };
  return { audit, rows: () => rows };
}

/** The file's bytes from `start`, a piece per call. */
function rangeSource(handle: fs.FileHandle, start: number): ByteSource {
  let position = start;
  return {
    next: async () => {
      const buffer = Buffer.allocUnsafe(READ_BYTES);
      const { bytesRead } = await handle.read(buffer, 0, READ_BYTES, position);
      position += bytesRead;
      return bytesRead === 0 ? undefined : buffer.subarray(0, bytesRead);
    },
    close: async () => undefined,
  };
}
