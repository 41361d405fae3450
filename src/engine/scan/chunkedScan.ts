import type { ParseIssue } from '../parse';
import type { Finding } from '../../shared/findings';
import { joinLine, type CutLine, type WrittenLine } from '../findings';
import { mergeChunksInOrder } from './chunkOrder';
import { ChunkEvent, scanChunk, type ChunkRequest, type ChunkTask, type TableEvent } from './chunkScan';
import type { FindingCollector } from './collector';
import type { ByteSource, FastCsvScan, TableState } from './fastCsv';
import { shifted } from './lineShift';
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
  /** Where the findings the workers wrote as report lines go (the request's `lines`). */
  onLine?: (line: WrittenLine) => void;
  pool: ScanWorkerPool;
  chunkBytes: number;
  signal?: AbortSignal;
  stats?: ScanStats;
  /** The table's bytes from where `scan` stopped (it reads on for an audit that reads every row). */
  bytes: ByteSource;
}

/**
 * Scans the rest of a table in worker threads and merges what they found in file order (chunkOrder.ts), as if one
 * thread had read it all.
 *
 * Chunks are cut speculatively: each starts at the first line start after its nominal offset, which is a record
 * boundary unless a quoted field with a line break spans the cut; such a chunk is scanned again from where the one
 * before really ended (that one's last row is read to its end, quotes and all). An audit that reads cells of every
 * row (free text, sensitive columns) is fed by `scan` itself, reading on here for the audit alone while the chunks
 * are scanned without it: the records one thread gives it, in file order. One that only counts rows is given the
 * chunks' counts.
 * This thread scans chunks too while it waits (unless it reads the rows for the audit), so n threads are this one and
 * n - 1 workers. At most four chunks per thread are in memory (chunkOrder.ts): memory stays bounded whatever the file's size.
 */
export async function scanRestInChunks(job: ChunkedScan): Promise<'done' | 'irregular'> {
  const { offset: from, line: firstLine } = job.scan.position;
  const { auditRead, ...table } = job.scan.handoff();
  const readsRows = Array.isArray(auditRead);
  // The chunks' scans feed no audit that this thread reads the rows for.
  const state: TableState = auditRead === 'count' ? { ...table, auditRead } : table;
  const count = Math.max(1, Math.ceil((job.size - from) / job.chunkBytes));
  const task = (k: number, exactStart?: number): ChunkTask => ({
    path: job.path,
    request: job.request,
    state,
    start: exactStart ?? from + k * job.chunkBytes,
    exact: exactStart !== undefined || k === 0,
    end: k === count - 1 ? Number.POSITIVE_INFINITY : from + (k + 1) * job.chunkBytes,
  });
  // `helps`: whether this thread scans chunks too (once it has read the rows for the audit, or from the start).
  const merge = (helps: () => boolean, signal?: AbortSignal) =>
    mergeChunksInOrder({
      count,
      from,
      firstLine,
      pool: job.pool,
      helps,
      here: (k, exactStart, emit) => scanChunk(task(k, exactStart), emit),
      inPool: (k) => job.pool.run(task(k)),
      deliver: (kind, value, lineShift) =>
        deliver(job, kind as TableEvent, value as Finding | CutLine | ParseIssue, lineShift),
      merged: (result) => {
        if (auditRead === 'count') job.scan.auditCounted(result.rows);
        return 'next';
      },
      ...(signal ? { signal } : {}),
      stats: job.stats,
    });
  if (!readsRows) {
    await job.bytes.close();
    return merge(() => true, job.signal);
  }
  return mergeWhileAuditing(job, merge);
}

/**
 * The chunks merged while `job.scan` reads the rest of the table for the audit alone, both on this thread (the
 * file's reads are asynchronous: each goes on while the other waits for its bytes or a worker). Either one finding
 * the table irregular (it needs the full parser from the start) stops the other.
 */
async function mergeWhileAuditing(job: ChunkedScan, merge: Merge): Promise<'done' | 'irregular'> {
  // The merge's signal: the caller's, or the read's end (AbortSignal.any is not in every Node 20).
  const stop = new AbortController();
  const cancel = () => stop.abort(job.signal?.reason);
  if (job.signal?.aborted) cancel();
  job.signal?.addEventListener('abort', cancel, { once: true });
  try {
    return await readWhileMerging(job, merge, stop);
  } finally {
    job.signal?.removeEventListener('abort', cancel);
  }
}

/**
 * `job.scan`'s read for the audit and the merge of the chunks at once; `stop` ends either. This thread scans
 * chunks too once the read is done.
 */
async function readWhileMerging(job: ChunkedScan, merge: Merge, stop: AbortController): Promise<'done' | 'irregular'> {
  job.scan.auditOnly();
  let readDone = false;
  let readFailure: unknown;
  // Handled at once: a failed read must not go unhandled while the merge is awaited.
  const audited = job.scan
    .run(job.bytes, job.signal, () => stop.signal.aborted)
    .then(
      (outcome) => {
        if (outcome === 'irregular') stop.abort();
        readDone = true;
        return outcome;
      },
      (error: unknown) => {
        readFailure = error;
        stop.abort();
        return 'failed' as const;
      },
    );
  let merged: 'done' | 'irregular';
  try {
    merged = await merge(() => readDone, stop.signal);
  } catch (error) {
    // Stopped as the audit's read found the table irregular, or failed: the read then stops too.
    stop.abort();
    if ((await audited) === 'irregular') return 'irregular';
    throw error;
  }
  if (merged === 'irregular') stop.abort();
  const read = await audited;
  if (read === 'failed') throw readFailure;
  return merged === 'irregular' || read === 'irregular' ? 'irregular' : 'done';
}

/** The merge of the chunks: `helps` is asked before each whether this thread scans chunks too. */
type Merge = (helps: () => boolean, signal: AbortSignal) => Promise<'done' | 'irregular'>;

function deliver(job: ChunkedScan, kind: TableEvent, value: Finding | CutLine | ParseIssue, lineShift: number): void {
  if (kind === ChunkEvent.Line) {
    const cut = value as CutLine;
    job.onLine!(joinLine(cut, lineShift));
  } else if (kind === ChunkEvent.Finding) {
    const finding = value as Finding;
    job.collector.admitted({ ...finding, range: shifted(finding.range, lineShift) });
  } else if (kind === ChunkEvent.Issue) {
    const issue = value as ParseIssue;
    job.issue({ ...issue, range: shifted(issue.range, lineShift) });
  }
}
