import type { CheckedExample } from '../chat/index';
import { open } from 'node:fs/promises';
import {
  ChunkIssues,
  ColumnNumbering,
  emptyFileIssue,
  encodingOf,
  type Cell,
  type DataRecord,
  type ParseIssue,
} from '../parse';
import type { Finding, Position } from '../../shared/findings';
import { joinLine, type CutLine, type WrittenLine } from '../findings';
import type { OrderedParts } from './analyzerSet';
import { chunkPool, mergeChunksInOrder } from './chunkOrder';
import { ChunkEvent, chunkRequestOf } from './chunkScan';
import type { FindingCollector } from './collector';
import {
  scanJsonlChunk,
  type ChatExampleEvent,
  type ChatShapelessEvent,
  type JsonlChunkRequest,
  type JsonlChunkResult,
  type JsonlChunkTask,
} from './jsonlChunkScan';
import { shifted } from './lineShift';
import type { ScanRequest, ScanStats } from './request';
import { scanWorkerCount, sharedFileScanPool, type ScanWorkerPool } from './workerPool';

/**
 * Bytes per chunk of a JSONL file: its prompt checks make a byte cost ten times a customer table's (2.7 MB/s on one
 * thread), so a file of 4 chunks is already worth the workers.
 */
const JSONL_CHUNK_BYTES = 1 << 20;

/**
 * A large UTF-8 JSONL file scanned in chunks on worker threads (jsonlChunked.ts) into `context`; false when it is
 * read here: too small to be worth a worker, one thread asked for, UTF-16 (cut at bytes, not characters), or no
 * worker script at hand.
 */
export async function scanJsonlInWorkers(
  path: string,
  request: ScanRequest,
  context: Pick<JsonlChunkedScan, 'collector' | 'issue'> & { ordered?: OrderedParts },
): Promise<boolean> {
  const workers = scanWorkerCount(request.workers);
  if (workers < 2) return false;
  const chunkBytes = request.chunkBytes ?? JSONL_CHUNK_BYTES;
  const { size, head } = await sizeAndHead(path);
  if (encodingOf(head) !== 'utf-8') return false;
  const pool = chunkPool(size, Math.ceil(size / chunkBytes), workers, sharedFileScanPool);
  if (!pool) return false;
  const { request: plain, onLine } = chunkRequestOf(request);
  const chunkRequest = { ...plain, ...(request.scope ? { scope: request.scope } : {}) };
  await scanJsonlInChunks({
    ...context,
    ...(onLine ? { onLine } : {}),
    ordered: context.ordered ?? {},
    path,
    size,
    request: chunkRequest,
    pool,
    chunkBytes,
    signal: request.signal,
    stats: request.stats,
  });
  return true;
}

async function sizeAndHead(path: string): Promise<{ size: number; head: Uint8Array }> {
  const handle = await open(path, 'r');
  try {
    const head = new Uint8Array(2);
    const { bytesRead } = await handle.read(head, 0, 2, 0);
    return { size: (await handle.stat()).size, head: head.subarray(0, bytesRead) };
  } finally {
    await handle.close();
  }
}

/** A large JSONL file to scan in chunks of `chunkBytes`, into this thread's collector and ordered parts. */
export interface JsonlChunkedScan {
  path: string;
  size: number;
  request: JsonlChunkRequest;
  collector: FindingCollector;
  issue: (issue: ParseIssue) => void;
  /** Where the findings the workers wrote as report lines go (the request's `lines`). */
  onLine?: (line: WrittenLine) => void;
  /** The real chat sequence and audit, fed every record in file order. */
  ordered: OrderedParts;
  pool: ScanWorkerPool;
  chunkBytes: number;
  signal?: AbortSignal;
  stats?: ScanStats;
}

/**
 * Scans a JSONL file in chunks on worker threads (and this one), merged in file order (chunkOrder.ts): a record is
 * one line, so a chunk cut at a line start is a run of whole records. Each record's checks run where its chunk is
 * scanned; what carries from record to record (the chat checks' sequence, the audit, the file's issue caps, line,
 * record and column numbers) is replayed here, in order, so the findings are one thread's, byte for byte.
 */
export async function scanJsonlInChunks(job: JsonlChunkedScan): Promise<void> {
  const count = Math.max(1, Math.ceil(job.size / job.chunkBytes));
  const task = (k: number, exactStart?: number): JsonlChunkTask => ({
    path: job.path,
    request: job.request,
    start: exactStart ?? k * job.chunkBytes,
    exact: exactStart !== undefined || k === 0,
    end: k === count - 1 ? Number.POSITIVE_INFINITY : (k + 1) * job.chunkBytes,
    chatFormat: job.ordered.chat?.formatSoFar(),
  });
  const merge = new JsonlMerge(job);
  await mergeChunksInOrder<JsonlChunkResult>({
    count,
    from: 0,
    firstLine: 0,
    pool: job.pool,
    // The audit and the merge are light beside the prompt checks of each cell: this thread scans chunks too.
    helps: () => true,
    here: (k, exactStart, emit) => scanJsonlChunk(task(k, exactStart), emit),
    inPool: (k) => job.pool.runJsonl(task(k)),
    deliver: (kind, value, lineShift) => merge.deliver(kind, value, lineShift),
    merged: (result) => merge.merged(result),
    signal: job.signal,
    stats: job.stats,
  });
  merge.end();
}

/** The state one JSONL parser keeps across a whole file, rebuilt from its chunks' events in file order. */
class JsonlMerge {
  /** Records of the chunks merged so far: a chunk numbers its records from 0. */
  private records = 0;
  private nonBlankLines = 0;
  private stopped = false;
  private readonly issues = new ChunkIssues();
  /** Key paths numbered in the order the file first uses them, as the parser numbers them (Cell.columnIndex). */
  private readonly columns = new ColumnNumbering();

  constructor(private readonly job: JsonlChunkedScan) {}

  deliver(kind: ChunkEvent, value: unknown, lineShift: number): void {
    const { job } = this;
    switch (kind) {
      case ChunkEvent.Finding: {
        const finding = value as Finding;
        return job.collector.admitted({ ...finding, range: shifted(finding.range, lineShift) });
      }
      case ChunkEvent.Line: {
        const cut = value as CutLine;
        return job.onLine!(joinLine(cut, lineShift));
      }
      case ChunkEvent.Issue: {
        const issue = value as ParseIssue;
        const admitted = this.issues.admit({ ...issue, range: shifted(issue.range, lineShift) });
        return admitted && job.issue(admitted);
      }
      case ChunkEvent.ChatShapeless: {
        const { range, key } = value as ChatShapelessEvent;
        return job.ordered.chat?.shapeless(shifted(range, lineShift), () => key);
      }
      case ChunkEvent.ChatExample:
        return job.ordered.chat?.example(value as ChatExampleEvent);
      case ChunkEvent.ChatChecked: {
        const example = value as CheckedExample;
        const range = shifted(example.range, lineShift);
        return job.ordered.chat?.checked({ ...example, index: example.index + this.records, range });
      }
      case ChunkEvent.Record:
        return job.ordered.audit?.record(this.fileRecord(value as DataRecord, lineShift));
      default:
        throw new Error(`a JSONL chunk sent a table's event (${String(kind)})`);
    }
  }

  merged(result: JsonlChunkResult): 'next' | 'stop' {
    this.records += result.rows;
    this.nonBlankLines += result.nonBlankLines;
    this.stopped = result.stopped;
    return result.stopped ? 'stop' : 'next';
  }

  /** What the parser's end says of the whole file. */
  end(): void {
    // A file of several chunks holds more than a byte-order mark: with no line of text, it has blank lines.
    if (this.nonBlankLines === 0 && !this.stopped) this.job.issue(emptyFileIssue(true));
  }

  /** The record as the whole-file parser gave it: its number, lines and column numbers the file's. */
  private fileRecord(record: DataRecord, lineShift: number): DataRecord {
    const at = (position: Position): Position => ({ line: position.line + lineShift, character: position.character });
    const cells = record.cells.map(
      (cell): Cell => ({
        ...cell,
        columnIndex: this.columns.indexOf(cell.column),
        start: at(cell.start),
        end: at(cell.end),
      }),
    );
    return { ...record, index: record.index + this.records, cells, range: shifted(record.range, lineShift) };
  }
}
