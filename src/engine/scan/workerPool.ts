import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { ChunkResult, ChunkTask } from './chunkScan';
import type { FileResult, FileTask } from './fileTask';
import type { JsonlChunkResult, JsonlChunkTask } from './jsonlChunkScan';

/** A chunk of a large table or JSONL file (scanWorker.ts), or a whole small file (fileScanWorker.ts). */
export type WorkerRequest =
  | { id: number; task: ChunkTask }
  | { id: number; jsonl: JsonlChunkTask }
  | { id: number; file: FileTask };
export type WorkerReply =
  | { id: number; result: ChunkResult | JsonlChunkResult | FileResult }
  | { id: number; error: string };

/** A worker script: the bundle beside this one (dist/<name>.js), or from source under tsx (tests). */
function workerScript(name: 'scanWorker' | 'fileScanWorker'): { script: string; execArgv?: string[] } | undefined {
  const bundled = path.join(__dirname, `${name}.js`);
  if (existsSync(bundled)) return { script: bundled };
  const source = path.join(__dirname, `${name}.ts`);
  return existsSync(source) ? { script: source, execArgv: ['--require', 'tsx/cjs'] } : undefined;
}

/**
 * Jobs sent to a worker at once: it scans them one after the other (workerEntry.ts), so the next is there when it
 * ends one. With one, a worker waited for the calling thread, itself busy scanning, to read its answer and send the
 * next: 2.1 s of 11.8 idle on the 1 GB bench table.
 */
export const JOBS_PER_WORKER = 2;

interface Slot {
  worker: Worker;
  /** What it scans now and what it scans next, in the order it answers them. */
  jobs: Job[];
}

interface Job {
  request: WorkerRequest;
  resolve(result: ChunkResult | JsonlChunkResult | FileResult): void;
  reject(error: Error): void;
}

/**
 * Worker threads that scan chunks (or whole files), started as they are needed, up to `size`, and kept for the
 * next file. An idle worker does not keep the process alive (`unref`), so the CLI exits when its work is done.
 */
export class ScanWorkerPool {
  private readonly slots: Slot[] = [];
  private readonly queue: Job[] = [];
  private nextId = 0;

  constructor(
    readonly size: number,
    private readonly script: { script: string; execArgv?: string[] },
  ) {}

  /** How many jobs the pool's workers hold at once: callers keep this many in flight. */
  get capacity(): number {
    return this.size * JOBS_PER_WORKER;
  }

  run(task: ChunkTask): Promise<ChunkResult> {
    return this.submit({ id: this.nextId++, task }) as Promise<ChunkResult>;
  }

  runJsonl(jsonl: JsonlChunkTask): Promise<JsonlChunkResult> {
    return this.submit({ id: this.nextId++, jsonl }) as Promise<JsonlChunkResult>;
  }

  runFile(file: FileTask): Promise<FileResult> {
    return this.submit({ id: this.nextId++, file }) as Promise<FileResult>;
  }

  private submit(request: WorkerRequest): Promise<ChunkResult | JsonlChunkResult | FileResult> {
    return new Promise((resolve, reject) => {
      this.queue.push({ request, resolve, reject });
      this.dispatch();
    });
  }

  /** Stops every worker (tests; the server on shutdown). */
  async close(): Promise<void> {
    const slots = this.slots.splice(0);
    await Promise.all(slots.map((slot) => slot.worker.terminate()));
  }

  private dispatch(): void {
    for (;;) {
      const job = this.queue[0];
      if (!job) return;
      const slot = this.slotFor();
      if (!slot) return;
      this.queue.shift();
      slot.jobs.push(job);
      slot.worker.ref();
      try {
        slot.worker.postMessage(job.request);
      } catch (error) {
        // A request that cannot be copied to a thread (DataCloneError) fails alone; the worker stays as it was.
        slot.jobs.pop();
        if (slot.jobs.length === 0) slot.worker.unref();
        job.reject(error instanceof Error ? error : new Error(String(error)));
      }
    }
  }

  /** An idle worker, else a new one, else the least busy that has room. */
  private slotFor(): Slot | undefined {
    const idle = this.slots.find((slot) => slot.jobs.length === 0) ?? this.start();
    if (idle) return idle;
    let least: Slot | undefined;
    for (const slot of this.slots) if (!least || slot.jobs.length < least.jobs.length) least = slot;
    return least && least.jobs.length < JOBS_PER_WORKER ? least : undefined;
  }

  private start(): Slot | undefined {
    if (this.slots.length >= this.size) return undefined;
    const { script, execArgv } = this.script;
    const slot: Slot = { worker: new Worker(script, execArgv ? { execArgv } : {}), jobs: [] };
    slot.worker.on('message', (reply: WorkerReply) => this.settle(slot, reply));
    slot.worker.on('error', (error) => this.crashed(slot, error));
    slot.worker.on('exit', (code) => this.crashed(slot, new Error(`scan worker exited (code ${code})`)));
    this.slots.push(slot);
    return slot;
  }

  private settle(slot: Slot, reply: WorkerReply): void {
    const job = slot.jobs[0];
    if (job?.request.id !== reply.id) return;
    slot.jobs.shift();
    if (slot.jobs.length === 0) slot.worker.unref();
    if ('error' in reply) job.reject(new Error(reply.error));
    else job.resolve(reply.result);
    this.dispatch();
  }

  /** A worker that died fails what it was doing and what it held next; the next job starts a new one. */
  private crashed(slot: Slot, error: Error): void {
    const index = this.slots.indexOf(slot);
    if (index < 0) return;
    this.slots.splice(index, 1);
    for (const job of slot.jobs.splice(0)) job.reject(new Error(`scan worker failed: ${error.message}`));
    this.dispatch();
  }
}

let shared: ScanWorkerPool | undefined;
let sharedFiles: ScanWorkerPool | undefined;

/**
 * How many threads scan a large table: `requested` (the CLI's `--workers`), else `RML_SCAN_WORKERS`, else one per
 * core. 1 means the scan stays on the calling thread.
 */
export function scanWorkerCount(requested?: number): number {
  const fromEnv = Number(process.env['RML_SCAN_WORKERS']);
  const wanted = requested ?? (Number.isInteger(fromEnv) && fromEnv > 0 ? fromEnv : os.availableParallelism());
  return Math.max(1, Math.floor(wanted));
}

/** The process's pool of chunk workers with at least `size` workers, or undefined when no worker script is at hand. */
export function sharedScanPool(size: number): ScanWorkerPool | undefined {
  if (shared && shared.size >= size) return shared;
  const script = workerScript('scanWorker');
  if (!script) return undefined;
  void shared?.close();
  shared = new ScanWorkerPool(size, script);
  return shared;
}

/** The process's pool of whole-file workers (fileQueue.ts), like `sharedScanPool`. */
export function sharedFileScanPool(size: number): ScanWorkerPool | undefined {
  if (sharedFiles && sharedFiles.size >= size) return sharedFiles;
  const script = workerScript('fileScanWorker');
  if (!script) return undefined;
  void sharedFiles?.close();
  sharedFiles = new ScanWorkerPool(size, script);
  return sharedFiles;
}
