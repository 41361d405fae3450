import type { ParseIssue } from '../parse/types';
import type { ChunkRequest, ChunkResult, ChunkTask } from './chunkScan';
import type { FindingCollector } from './collector';
import type { FastCsvScan } from './fastCsv';
import { shifted } from './lineShift';
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
 * At most two chunks per worker are in flight: memory stays bounded whatever the file's size.
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
  const inFlight = new Map<number, Promise<ChunkResult>>();
  let queued = 0;
  let expected = from;
  let line = firstLine;
  for (let k = 0; k < count; k++) {
    for (; queued < count && queued < k + 2 * job.pool.size; queued++) {
      const result = job.pool.run(task(queued));
      // Awaited in order below; a failure of a later chunk must not go unhandled while an earlier one is awaited.
      result.catch(() => undefined);
      inFlight.set(queued, result);
    }
    job.signal?.throwIfAborted();
    let result = await inFlight.get(k)!;
    inFlight.delete(k);
    if (result.start !== expected) result = await job.pool.run(task(k, expected));
    if (result.status === 'irregular') return 'irregular';
    merge(job, state.auditRead, result, line);
    expected = result.end;
    line += result.lines;
  }
  return 'done';
}

function merge(job: ChunkedScan, auditRead: ChunkTask['state']['auditRead'], result: ChunkResult, lineShift: number): void {
  for (const event of result.events) {
    if ('finding' in event) {
      job.collector.admitted({ ...event.finding, range: shifted(event.finding.range, lineShift) });
    } else {
      job.issue({ ...event.issue, range: shifted(event.issue.range, lineShift) });
    }
  }
  if (auditRead === 'count') job.scan.auditCounted(result.rows);
  else if (auditRead) for (const shipped of result.shipped) job.scan.auditShipped(shipped, lineShift);
}
