import { tuneCompilerForScans } from '../io';
import { ChunkEvent, type ChunkResult, type EmitEvent } from './chunkScan';
import { Unpacker } from './packing';
import type { ScanStats } from './request';
import type { ScanWorkerPool } from './workerPool';

/**
 * Chunks per thread that may be taken ahead of the one merged next. At 2, a thread that ran ahead of a slower one
 * waited for it: each of two threads sat idle 4-6 % of a 1 GB bench scan, 1-1.5 % at 4 (cpu profiles); peak RSS
 * 335 -> 338 MiB, for the results held are packed (a few MB a chunk).
 */
const AHEAD_PER_THREAD = 4;

/** Fewer chunks than this stay on this thread: starting a worker costs about 0.2 s (10 MB bench table: 0.93 s on one thread, 1.07 s on two). */
const MIN_CHUNKS = 4;

/**
 * The pool that scans a file of `bytes` in `chunks` chunks on `workers` threads, this one among them (it scans chunks
 * too, or reads the rows for an audit); undefined when the file stays on this thread (fewer than MIN_CHUNKS) or no
 * worker script is at hand. With a pool, the compiler may be tuned for the scan (io/compilerFlags.ts).
 */
export function chunkPool(
  bytes: number,
  chunks: number,
  workers: number,
  shared: (size: number) => ScanWorkerPool | undefined,
): ScanWorkerPool | undefined {
  if (chunks < MIN_CHUNKS) return undefined;
  const pool = shared(Math.min(workers, chunks) - 1);
  if (pool) tuneCompilerForScans(bytes);
  return pool;
}

/**
 * A file cut into chunks (a large table, a large JSONL file): how to scan one, here or in the pool, and how its
 * events go into the one-thread scan's state, in file order. The chunk kinds differ in these; the order is one.
 */
export interface ChunkPlan<Result extends ChunkResult> {
  count: number;
  /** Where chunk 0 starts and its first line (the file's lines before it were read already). */
  from: number;
  firstLine: number;
  pool: ScanWorkerPool;
  /**
   * Whether this thread scans chunks too, asked before each chunk is merged: not while it reads the rows for an
   * audit (that keeps it busy), but once that read is done.
   */
  helps: () => boolean;
  /** Scans chunk `k` on this thread: from `exactStart` when the end of the one before is known; `emit` takes its events as they come. */
  here(k: number, exactStart?: number, emit?: EmitEvent): Promise<Result>;
  inPool(k: number): Promise<Result>;
  /** One event of a chunk, its lines counted from the chunk's start. */
  deliver(kind: ChunkEvent, value: unknown, lineShift: number): void;
  /** After a chunk's events: 'stop' when nothing after it is read (a NUL byte: a binary file). */
  merged(result: Result): 'next' | 'stop';
  signal?: AbortSignal;
  stats?: ScanStats;
}

/**
 * Scans a file's chunks in worker threads (and this one) and merges what they found in file order, as if one thread
 * had read it all: the same findings, byte for byte (tests compare them).
 *
 * A chunk starts at the first line start after its nominal offset: its result is used only when its start is where
 * the chunk before it really ended; otherwise it is scanned again from there (a table's quoted line break spanning
 * the cut). Lines are counted per chunk and added up here, so positions are exact.
 */
export async function mergeChunksInOrder<Result extends ChunkResult>(
  plan: ChunkPlan<Result>,
): Promise<'done' | 'irregular'> {
  const chunks = new ChunkSchedule(plan);
  if (plan.stats)
    Object.assign(plan.stats, {
      // This thread is one of them, scanning chunks or reading the rows for an audit (chunkedScan.ts).
      threads: plan.pool.size + 1,
      chunks: plan.count,
      rescanned: 0,
    });
  let expected = plan.from;
  let line = plan.firstLine;
  for (let k = 0; k < plan.count; k++) {
    plan.signal?.throwIfAborted();
    const next = await chunks.next(k);
    const shift = line;
    const emit: EmitEvent = (kind, value) => plan.deliver(kind, value, shift);
    let result = next === 'here' ? await plan.here(k, expected, emit) : next;
    if (result.start !== expected) {
      if (plan.stats) plan.stats.rescanned = (plan.stats.rescanned ?? 0) + 1;
      result = await plan.here(k, expected, emit);
    }
    if (result.status === 'irregular') return 'irregular';
    const events = new Unpacker(result.events);
    while (!events.done) {
      const kind = events.value() as ChunkEvent;
      plan.deliver(kind, kind === ChunkEvent.Line ? events.line() : events.value(), shift);
    }
    if (plan.merged(result) === 'stop') return 'done';
    expected = result.end;
    line += result.lines;
  }
  return 'done';
}

/**
 * Who scans which chunk: the pool's workers take the next ones, as many as they hold (workerPool.ts); this thread, while the chunk it must
 * merge next is not back yet, scans a later one itself (no copy across threads for those). At most a few chunks
 * ahead of the one merged are in memory.
 */
class ChunkSchedule<Result extends ChunkResult> {
  private readonly results = new Map<number, { promise: Promise<Result>; settled: boolean }>();
  private assigned = 0;
  private inPool = 0;
  /** Chunks before this one may be taken. */
  private ahead = 0;

  constructor(private readonly plan: ChunkPlan<Result>) {}

  /**
   * The result of chunk `k`, once every chunk before it was merged; 'here' when no one took it yet: the caller
   * scans it itself, its events merged as they come.
   */
  async next(k: number): Promise<Result | 'here'> {
    const ahead = (this.ahead = k + AHEAD_PER_THREAD * (this.plan.pool.size + 1));
    if (!this.plan.helps()) {
      this.fillPool(ahead);
      return this.take(k);
    }
    if (this.assigned === k) this.assigned++;
    this.fillPool(ahead);
    for (;;) {
      const wanted = this.results.get(k);
      if (!wanted) return 'here';
      if (wanted.settled || this.assigned >= Math.min(this.plan.count, ahead)) break;
      // Rather than wait, scan a later chunk here (packed: it is merged after the ones before it).
      const here = this.assigned++;
      this.start(here, false);
      await this.results.get(here)!.promise.catch(() => undefined);
      this.fillPool(ahead);
    }
    return this.take(k);
  }

  private take(k: number): Promise<Result> {
    const result = this.results.get(k)!;
    this.results.delete(k);
    return result.promise;
  }

  private fillPool(ahead: number): void {
    for (
      ;
      this.inPool < this.plan.pool.capacity && this.assigned < this.plan.count && this.assigned < ahead;
      this.assigned++
    )
      this.start(this.assigned, true);
  }

  private start(k: number, inPool: boolean): void {
    if (inPool) this.inPool++;
    const promise = inPool ? this.plan.inPool(k) : this.plan.here(k);
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
