import { stat } from 'node:fs/promises';
import type { Finding } from '../../shared/findings';
import { joinLine } from '../findings';
import { tuneCompilerForScans } from '../io';
import { Unpacker } from './packing';
import type { ScanRequest } from './request';
import { scanFile } from './scan';
import { LINE_MARK, WHOLE_FILE_BYTES, type FileResult, type FileTask } from './fileTask';
import { fileTaskFor } from './wholeFile';
import { scanWorkerCount, sharedFileScanPool, type ScanWorkerPool } from './workerPool';

/**
 * Small files queued before the pool starts: a worker costs about 0.2 s to start and runs its first hundred files
 * at a third of its later speed (its code not optimised yet), a small file takes 2–5 ms: a folder of a few files
 * stays on this thread.
 */
export const POOL_AFTER_FILES = 16;
/**
 * Threads below which every file stays on this thread. On 2 cores, 2,000 small files took 5.0–7.4 s on one
 * thread, 6.8–9.9 s with one worker and 7.6–14 s with two (load average 4–5 from other jobs): this thread still
 * walks the folder and writes the report, and the findings that cross threads cost it 2.5× the garbage
 * collection (1.2 s against 0.45 s) while a worker spends what one thread spent on the scan (5.4 s), so the
 * second core bought nothing. With 3 threads or more the workers scan and this thread reports.
 */
export const POOL_FROM_THREADS = 3;
/** Files queued ahead of the one reported now, and their bytes: what waits in memory stays bounded. */
const WINDOW_FILES = 32;
const WINDOW_BYTES = 32 << 20;

/** A file to scan; its findings go to `request.onFinding`, in the order files were queued. */
export interface QueuedFile {
  path: string;
  /** Its size when the caller knows it already (a folder walk does): saves a `stat`. */
  size?: number;
  request: ScanRequest & { onFinding: (finding: Finding) => void };
  /** At the file's turn, before its first finding. */
  begin?: () => void;
  /** At the file's turn, after its last finding, or with the error that stopped its scan (which is not thrown). */
  end?: (error?: unknown) => void;
}

type Outcome = FileResult | 'here';

interface Entry {
  file?: QueuedFile;
  action?: () => void | Promise<void>;
  task?: FileTask;
  bytes: number;
  state: 'waiting' | 'here' | 'running';
  outcome?: Promise<Outcome>;
}

/**
 * Scans many files and reports them in the order they were queued, as one after another would: once enough small
 * files (≤ 4 MiB) are queued and `workers` is 3 or more, `workers` − 1 worker threads scan them whole, ahead of
 * their turn, and this thread walks the folder and reports; a large file (split into chunks itself, scan.ts), one
 * no worker can take and every file before the pool starts are scanned here at their turn, streamed. Otherwise
 * every file is scanned here, one after another, as before. The findings are the same, in the same order,
 * whatever the number (a test compares them). Scanning here too while waiting for a worker was tried: this
 * thread then kept the workers waiting for files (2,000 small files: a worker idle 46 % of the time).
 */
export class FileScanQueue {
  private readonly threads: number;
  private readonly window: Entry[] = [];
  private pool?: ScanWorkerPool;
  private inPool = 0;
  private smallFiles = 0;
  private windowBytes = 0;
  private pumping?: Promise<void>;
  private failure?: { error: unknown };
  private readonly roomWaiters: Array<() => void> = [];

  private readonly signal?: AbortSignal;
  /** Files a worker scanned (the bench and tests read it). */
  scannedInWorkers = 0;

  constructor(options: { workers?: number; signal?: AbortSignal } = {}) {
    this.threads = scanWorkerCount(options.workers);
    this.signal = options.signal;
  }

  /** Queues a file; resolves once there is room for the next one. */
  async add(file: QueuedFile): Promise<void> {
    await this.room();
    const size = this.threads > 1 ? (file.size ?? (await sizeOf(file.path))) : undefined;
    const task = size !== undefined && size <= WHOLE_FILE_BYTES ? fileTaskFor(file.path, file.request) : undefined;
    if (task && ++this.smallFiles >= POOL_AFTER_FILES && !this.pool && this.threads >= POOL_FROM_THREADS) {
      this.pool = sharedFileScanPool(this.threads - 1);
      tuneCompilerForScans();
    }
    this.window.push({ file, task, bytes: task ? (size ?? 0) : 0, state: 'waiting' });
    this.windowBytes += task ? (size ?? 0) : 0;
    this.fillPool();
    this.pump();
  }

  /** Queues something to do on this thread at its turn, between two files' findings (a config's own findings). */
  async then(action: () => void | Promise<void>): Promise<void> {
    await this.room();
    this.window.push({ action, bytes: 0, state: 'waiting' });
    this.pump();
  }

  /** Resolves once everything queued was reported; rejects with what stopped the reporting (an abort, say). */
  async finish(): Promise<void> {
    while (this.pumping) await this.pumping;
    if (this.failure) throw this.failure.error;
  }

  private async room(): Promise<void> {
    while (
      !this.failure &&
      this.window.length > 0 &&
      (this.window.length >= WINDOW_FILES || this.windowBytes >= WINDOW_BYTES)
    )
      await new Promise<void>((resolve) => this.roomWaiters.push(resolve));
    if (this.failure) throw this.failure.error;
  }

  private pump(): void {
    if (this.pumping || this.failure) return;
    this.pumping = this.report()
      .catch((error: unknown) => void (this.failure ??= { error }))
      .finally(() => {
        this.pumping = undefined;
        for (const wake of this.roomWaiters.splice(0)) wake();
        if (this.window.length > 0) this.pump();
      });
  }

  /** Reports the window's entries in order, scanning here what no worker has. */
  private async report(): Promise<void> {
    for (let head = this.window[0]; head; head = this.window[0]) {
      this.signal?.throwIfAborted();
      if (head.action) await head.action();
      else if (head.state === 'waiting') {
        head.state = 'here';
        await this.scanHere(head.file!);
      } else {
        const outcome = await head.outcome!;
        if (outcome === 'here') await this.scanHere(head.file!);
        else deliver(head.file!, outcome);
      }
      this.window.shift();
      this.windowBytes -= head.bytes;
      this.roomWaiters.shift()?.();
    }
  }

  /** The file at its turn, streamed as it is scanned: what every file was before the pool. */
  private async scanHere(file: QueuedFile): Promise<void> {
    file.begin?.();
    try {
      await scanFile(file.path, file.request);
    } catch (error) {
      file.end?.(error);
      return;
    }
    file.end?.();
  }

  private fillPool(): void {
    if (!this.pool) return;
    for (const entry of this.window) {
      if (this.inPool >= this.pool.capacity) return;
      if (entry.state === 'waiting' && entry.task) this.start(entry, this.pool);
    }
  }

  private start(entry: Entry, pool: ScanWorkerPool): void {
    entry.state = 'running';
    this.inPool++;
    // A scan's own error comes back in its result; a worker that failed (the thread, or a request it could not be
    // sent) leaves the file to this thread, at its turn.
    entry.outcome = pool.runFile(entry.task!).then(
      (result): Outcome => (this.scannedInWorkers++, result),
      (): Outcome => 'here',
    );
    void entry.outcome.then(() => {
      this.inPool--;
      this.fillPool();
    });
  }
}

/** A file scanned ahead, at its turn: its findings, then its end, as if it were scanned now. */
function deliver(file: QueuedFile, outcome: FileResult): void {
  file.begin?.();
  try {
    const findings = new Unpacker(outcome.findings);
    while (!findings.done) {
      const value = findings.value();
      if (value === LINE_MARK) file.request.lines!.onLine(joinLine(findings.line(), 0));
      else file.request.onFinding(value as Finding);
    }
  } catch (error) {
    file.end?.(error);
    return;
  }
  file.end?.(outcome.error === undefined ? undefined : new Error(outcome.error));
}

async function sizeOf(path: string): Promise<number | undefined> {
  return stat(path).then(
    (found) => found.size,
    () => undefined,
  );
}
