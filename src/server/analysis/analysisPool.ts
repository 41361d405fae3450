import { Worker } from 'node:worker_threads';
import type { Finding } from '../../shared/findings';
import type { AnalysisRequest, AnalysisResponse, PortableScanRequest } from './analysisProtocol';

export type AnalysisOutcome =
  | { state: 'done'; findings: Finding[] }
  | { state: 'cancelled' }
  /** Ran past the budget: its worker was ended (and restarted), the document keeps its previous findings. */
  | { state: 'timed-out'; seconds: number }
  | { state: 'failed'; message: string };

interface Pending {
  id: number;
  message: Extract<AnalysisRequest, { type: 'analyse' }>;
  resolve: (outcome: AnalysisOutcome) => void;
  budgetMs: number;
  timer: NodeJS.Timeout;
  /** Re-sent once when its worker was ended because of another document. */
  retried: boolean;
}

interface Slot {
  worker: Worker;
  pending: Map<number, Pending>;
}

export interface AnalysisPoolOptions {
  /** `dist/analysisWorker.js`. */
  script: string;
  /** Worker threads (documents are pinned to one by their URI, which keeps their detection cache warm). */
  size: number;
  log: (line: string) => void;
}

/**
 * Runs document analyses in worker threads with a per-document time budget. The server's own thread only posts
 * text and receives findings, so it always answers (hovers, code actions, shutdown); an analysis over budget
 * ends its worker — the only way to stop a synchronous loop — and a fresh one takes its place.
 */
export class AnalysisPool {
  private readonly slots: Slot[];
  private nextId = 1;
  private disposed = false;

  constructor(private readonly options: AnalysisPoolOptions) {
    this.slots = Array.from({ length: Math.max(1, options.size) }, () => this.startSlot());
  }

  /** `budgetMs`: how long this analysis may take before its worker is ended — no input holds a document longer. */
  analyse(
    cacheKey: string,
    text: string,
    request: PortableScanRequest,
    budgetMs: number,
    signal?: AbortSignal,
  ): Promise<AnalysisOutcome> {
    const id = this.nextId++;
    const slot = this.slotFor(cacheKey);
    return new Promise<AnalysisOutcome>((resolve) => {
      const message = { type: 'analyse' as const, id, cacheKey, text, request };
      const pending: Pending = {
        id,
        message,
        resolve,
        budgetMs,
        timer: this.budgetTimer(id, cacheKey, budgetMs),
        retried: false,
      };
      slot.pending.set(id, pending);
      slot.worker.postMessage(message);
      signal?.addEventListener(
        'abort',
        () => this.slotOf(id)?.worker.postMessage({ type: 'cancel', id } satisfies AnalysisRequest),
        { once: true },
      );
    });
  }

  /** The document was closed: its worker drops its cache. */
  forget(cacheKey: string): void {
    this.slotFor(cacheKey).worker.postMessage({ type: 'forget', cacheKey } satisfies AnalysisRequest);
  }

  async dispose(): Promise<void> {
    this.disposed = true;
    for (const slot of this.slots) for (const pending of slot.pending.values()) clearTimeout(pending.timer);
    await Promise.all(this.slots.map((slot) => slot.worker.terminate()));
  }

  private budgetTimer(id: number, cacheKey: string, budget: number): NodeJS.Timeout {
    const timer = setTimeout(() => this.overBudget(id, cacheKey, budget), budget);
    timer.unref();
    return timer;
  }

  private overBudget(id: number, cacheKey: string, budget: number): void {
    const slot = this.slotOf(id);
    if (!slot) return;
    this.options.log(`Analysis of ${cacheKey} ran past ${budget / 1000} s: its worker is stopped and restarted`);
    this.settle(slot, id, { state: 'timed-out', seconds: budget / 1000 });
    this.restart(slot);
  }

  private startSlot(): Slot {
    const slot: Slot = { worker: new Worker(this.options.script), pending: new Map() };
    this.listen(slot);
    return slot;
  }

  private listen(slot: Slot): void {
    const worker = slot.worker;
    worker.on('message', (response: AnalysisResponse) => {
      if (response.type === 'done') this.settle(slot, response.id, { state: 'done', findings: response.findings });
      else if (response.type === 'cancelled') this.settle(slot, response.id, { state: 'cancelled' });
      else this.settle(slot, response.id, { state: 'failed', message: response.message });
    });
    worker.on('error', (error) => this.options.log(`Analysis worker failed: ${error.stack ?? error.message}`));
    worker.on('exit', (code) => {
      // An exit we did not ask for (out of memory, a crash): restart, and re-run what it held.
      if (slot.worker === worker && !this.disposed) {
        this.options.log(`Analysis worker exited (code ${code}); starting another`);
        this.restart(slot);
      }
    });
  }

  /** Ends the slot's worker and starts a fresh one; the analyses it held run again once, on the new one. */
  private restart(slot: Slot): void {
    const old = slot.worker;
    slot.worker = new Worker(this.options.script);
    this.listen(slot);
    void old.terminate();
    for (const pending of [...slot.pending.values()]) {
      if (pending.retried) {
        this.settle(slot, pending.id, { state: 'failed', message: 'its analysis worker was stopped twice' });
        continue;
      }
      pending.retried = true;
      clearTimeout(pending.timer);
      pending.timer = this.budgetTimer(pending.id, pending.message.cacheKey, pending.budgetMs);
      slot.worker.postMessage(pending.message);
    }
  }

  private settle(slot: Slot, id: number, outcome: AnalysisOutcome): void {
    const pending = slot.pending.get(id);
    if (!pending) return;
    clearTimeout(pending.timer);
    slot.pending.delete(id);
    pending.resolve(outcome);
  }

  private slotOf(id: number): Slot | undefined {
    return this.slots.find((slot) => slot.pending.has(id));
  }

  private slotFor(cacheKey: string): Slot {
    let hash = 0;
    for (let i = 0; i < cacheKey.length; i++) hash = (hash * 31 + cacheKey.charCodeAt(i)) >>> 0;
    return this.slots[hash % this.slots.length]!;
  }
}
