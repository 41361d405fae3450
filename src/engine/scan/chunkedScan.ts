import type { ParseIssue } from '../parse';
import type { Finding } from '../../shared/findings';
import {
  ChunkEvent,
  scanChunk,
  type ChunkRequest,
  type ChunkResult,
  type ChunkTask,
  type EmitEvent,
} from './chunkScan';
import type { FindingCollector } from './collector';
import type { FastCsvScan, ShippedRecord } from './fastCsv';
import { shifted } from './lineShift';
import { Unpacker } from './packing';
import type { ScanStats } from './request';
import type { ScanWorkerPool } from './workerPool';

/** A large table whose head `scan` has read on this thread; the rest goes to `pool` in chunks of `chunkBytes`. */
export interface ChunkedScan {
  path: string;
  size: number;
  request: ChunkRequest;
  scan: FastCsvScan;
  collector: FindingCollector;
  issue: (issue: ParseIssue) => void;
  pool: ScanWorkerPool;
  chunkBytes: number;
  signal?: AbortSignal;
  stats?: ScanStats;
}

/**
 * Scans the rest of a table in worker threads and merges what they found in file order, as if one thread had
 * read it all: the same findings, byte for byte (a test compares them).
 *
 * Chunks are cut speculatively: each starts at the first line start after its nominal offset, which is a record
 * boundary unless a quoted field with a line break spans the cut. A chunk's result is used only when its start is
 * where the chunk before it really ended (that one's last row is read to its end, quotes and all); otherwise it is
 * scanned again from there. Lines are counted per chunk and added up here, so positions are exact; the audit runs
 * once, here, fed each row's cells it reads in file order, so its results are those of a single pass.
 * This thread scans chunks too while it waits (ChunkSchedule), so n threads are this one and n - 1 workers. At
 * most two chunks per thread are in memory: memory stays bounded whatever the file's size.
 */
export async function scanRestInChunks(job: ChunkedScan): Promise<'done' | 'irregular'> {
  const { offset: from, line: firstLine } = job.scan.position;
  const state = job.scan.handoff();
  const count = Math.max(1, Math.ceil((job.size - from) / job.chunkBytes));
  const task = (k: number, exactStart?: number): ChunkTask => ({
    path: job.path,
    request: job.request,
    state,
    start: exactStart ?? from + k * job.chunkBytes,
    exact: exactStart !== undefined || k === 0,
    end: k === count - 1 ? Number.POSITIVE_INFINITY : from + (k + 1) * job.chunkBytes,
  });
  // An audit that reads cells of every row (free text, sensitive columns) runs here, in file order: then this
  // thread has enough to do, and the workers scan every chunk.
  const helps = !Array.isArray(state.auditRead);
  const chunks = new ChunkSchedule(count, task, job.pool, helps);
  if (job.stats) Object.assign(job.stats, { threads: job.pool.size + (helps ? 1 : 0), chunks: count, rescanned: 0 });
  let expected = from;
  let line = firstLine;
  for (let k = 0; k < count; k++) {
    job.signal?.throwIfAborted();
    const next = await chunks.next(k);
    const shift = line;
    const emit: EmitEvent = (kind, value) => deliver(job, kind, value, shift);
    let result = next === 'here' ? await scanChunk(task(k, expected), emit) : next;
    if (result.start !== expected) {
      if (job.stats) job.stats.rescanned = (job.stats.rescanned ?? 0) + 1;
      result = await scanChunk(task(k, expected), emit);
    }
    if (result.status === 'irregular') return 'irregular';
    merge(job, result, shift);
    if (state.auditRead === 'count') job.scan.auditCounted(result.rows);
    expected = result.end;
    line += result.lines;
  }
  return 'done';
}

/**
 * Who scans which chunk: the pool's workers take the next ones, one each; this thread, while the chunk it must
 * merge next is not back yet, scans a later one itself (no copy across threads for those). At most a few chunks
 * ahead of the one merged are in memory.
 */
class ChunkSchedule {
  private readonly results = new Map<number, { promise: Promise<ChunkResult>; settled: boolean }>();
  private assigned = 0;
  private inPool = 0;
  /** Chunks before this one may be taken. */
  private ahead = 0;

  constructor(
    private readonly count: number,
    private readonly task: (k: number) => ChunkTask,
    private readonly pool: ScanWorkerPool,
    /** Whether this thread scans chunks too (not when feeding the audit keeps it busy already). */
    private readonly helps: boolean,
  ) {}

  /**
   * The result of chunk `k`, once every chunk before it was merged; 'here' when no one took it yet: the caller
   * scans it itself, its events merged as they come.
   */
  async next(k: number): Promise<ChunkResult | 'here'> {
    const ahead = (this.ahead = k + 2 * (this.pool.size + 1));
    if (!this.helps) {
      this.fillPool(ahead);
      return this.take(k);
    }
    if (this.assigned === k) this.assigned++;
    this.fillPool(ahead);
    for (;;) {
      const wanted = this.results.get(k);
      if (!wanted) return 'here';
      if (wanted.settled || this.assigned >= Math.min(this.count, ahead)) break;
      // Rather than wait, scan a later chunk here (packed: it is merged after the ones before it).
      const here = this.assigned++;
      this.start(here, false);
      await this.results.get(here)!.promise.catch(() => undefined);
      this.fillPool(ahead);
    }
    return this.take(k);
  }

  private take(k: number): Promise<ChunkResult> {
    const result = this.results.get(k)!;
    this.results.delete(k);
    return result.promise;
  }

  private fillPool(ahead: number): void {
    for (; this.inPool < this.pool.size && this.assigned < this.count && this.assigned < ahead; this.assigned++)
      this.start(this.assigned, true);
  }

  private start(k: number, inPool: boolean): void {
    if (inPool) this.inPool++;
    const promise = inPool ? this.pool.run(this.task(k)) : scanChunk(this.task(k));
    const entry = { promise, settled: false };
    // Awaited in order; a later chunk's failure must not go unhandled while an earlier one is awaited.
    promise.then(
      () => this.settle(entry, inPool),
      () => this.settle(entry, inPool),
    );
    this.results.set(k, entry);
  }

  /** A worker that is done takes the next chunk at once, even while this thread scans one of its own. */
  private settle(entry: { settled: boolean }, inPool: boolean): void {
    entry.settled = true;
    if (!inPool) return;
    this.inPool--;
    this.fillPool(this.ahead);
  }
}

/** A packed chunk's events, in order. */
function merge(job: ChunkedScan, result: ChunkResult, lineShift: number): void {
  const events = new Unpacker(result.events);
  while (!events.done)
    deliver(job, events.value() as ChunkEvent, events.value() as Finding | ParseIssue | ShippedRecord, lineShift);
}

function deliver(
  job: ChunkedScan,
  kind: ChunkEvent,
  value: Finding | ParseIssue | ShippedRecord,
  lineShift: number,
): void {
  if (kind === ChunkEvent.Finding) {
    const finding = value as Finding;
    job.collector.admitted({ ...finding, range: shifted(finding.range, lineShift) });
  } else if (kind === ChunkEvent.Issue) {
    const issue = value as ParseIssue;
    job.issue({ ...issue, range: shifted(issue.range, lineShift) });
  } else {
    job.scan.auditShipped(value as ShippedRecord, lineShift);
  }
}
