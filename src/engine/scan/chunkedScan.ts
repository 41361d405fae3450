import type { ParseIssue } from '../parse';
import type { Finding } from '../../shared/findings';
import { joinLine, type CutLine, type WrittenLine } from '../findings';
import { mergeChunksInOrder } from './chunkOrder';
import { ChunkEvent, scanChunk, type ChunkRequest, type ChunkTask, type TableEvent } from './chunkScan';
import type { FindingCollector } from './collector';
import type { FastCsvScan, ShippedRecord } from './fastCsv';
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
}

/**
 * Scans the rest of a table in worker threads and merges what they found in file order (chunkOrder.ts), as if one
 * thread had read it all.
 *
 * Chunks are cut speculatively: each starts at the first line start after its nominal offset, which is a record
 * boundary unless a quoted field with a line break spans the cut; such a chunk is scanned again from where the one
 * before really ended (that one's last row is read to its end, quotes and all). The audit runs once, here, fed each
 * row's cells it reads in file order, so its results are those of a single pass.
 * This thread scans chunks too while it waits, so n threads are this one and n - 1 workers. At most two chunks per
 * thread are in memory: memory stays bounded whatever the file's size.
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
  return mergeChunksInOrder({
    count,
    from,
    firstLine,
    pool: job.pool,
    helps,
    here: (k, exactStart, emit) => scanChunk(task(k, exactStart), emit),
    inPool: (k) => job.pool.run(task(k)),
    deliver: (kind, value, lineShift) =>
      deliver(job, kind as TableEvent, value as Finding | CutLine | ParseIssue | ShippedRecord, lineShift),
    merged: (result) => {
      if (state.auditRead === 'count') job.scan.auditCounted(result.rows);
      return 'next';
    },
    signal: job.signal,
    stats: job.stats,
  });
}

function deliver(
  job: ChunkedScan,
  kind: TableEvent,
  value: Finding | CutLine | ParseIssue | ShippedRecord,
  lineShift: number,
): void {
  if (kind === ChunkEvent.Line) {
    const cut = value as CutLine;
    job.onLine!(joinLine(cut, lineShift));
  } else if (kind === ChunkEvent.Finding) {
    const finding = value as Finding;
    job.collector.admitted({ ...finding, range: shifted(finding.range, lineShift) });
  } else if (kind === ChunkEvent.Issue) {
    const issue = value as ParseIssue;
    job.issue({ ...issue, range: shifted(issue.range, lineShift) });
  } else {
    job.scan.auditShipped(value as ShippedRecord, lineShift);
  }
}
