import { Worker } from 'node:worker_threads';
import type { SelectedBackend } from '../compute/types';
import type { EpochMetrics } from '../runs/types';
import type { RunResult, TrainingConfig } from './types';
import type { TrainingWorkerEvent, TrainingWorkerRequest } from './workerProtocol';

export interface TrainingWorkerHooks {
  onStarted?(run: { id: string; runDir: string; backend: SelectedBackend }): void;
  onEpoch?(metrics: EpochMetrics): void;
  onLog?(line: string): void;
}

export interface TrainingWorkerOptions {
  /** Directory relative paths in the config resolve against (default: this process's). */
  cwd?: string;
  /** Node flags for the worker, e.g. a TypeScript loader when running from source. */
  execArgv?: string[];
}

/** A job running in a worker thread. */
export interface TrainingWorkerHandle {
  /** Resolves when the job completed or was cancelled; rejects when it failed (message from the job). */
  result: Promise<RunResult>;
  /** Asks the job to stop between batches; `result` then resolves with state `cancelled`. */
  cancel(): void;
}

/** A job failure reported by the worker; `runDir` is set when the run directory records it. */
export class TrainingWorkerError extends Error {
  override readonly name = 'TrainingWorkerError';
  constructor(
    message: string,
    readonly runDir?: string,
  ) {
    super(message);
  }
}

/** Starts `workerScriptPath` (the bundled `dist/trainingWorker.js`) on one job. */
export function startTrainingWorker(
  workerScriptPath: string,
  config: TrainingConfig,
  hooks: TrainingWorkerHooks = {},
  options: TrainingWorkerOptions = {},
): TrainingWorkerHandle {
  const worker = new Worker(workerScriptPath, options.execArgv ? { execArgv: options.execArgv } : {});
  const send = (request: TrainingWorkerRequest) => worker.postMessage(request);
  const result = new Promise<RunResult>((resolve, reject) => {
    let settled = false;
    const settle = (outcome: () => void) => {
      if (settled) return;
      settled = true;
      outcome();
    };
    worker.on('message', (event: TrainingWorkerEvent) => {
      if (event.type === 'started') hooks.onStarted?.({ id: event.id, runDir: event.runDir, backend: event.backend });
      else if (event.type === 'epoch') hooks.onEpoch?.(event.metrics);
      else if (event.type === 'log') hooks.onLog?.(event.line);
      else if (event.type === 'done') settle(() => resolve(event.result));
      else settle(() => reject(new TrainingWorkerError(event.message, event.runDir)));
    });
    worker.on('error', (error) => settle(() => reject(new TrainingWorkerError(`training worker crashed: ${error.message}`))));
    worker.on('exit', (code) => settle(() => reject(new TrainingWorkerError(`training worker exited (code ${code}) before finishing`))));
  });
  send({ type: 'start', config, ...(options.cwd ? { cwd: options.cwd } : {}) });
  return { result, cancel: () => send({ type: 'cancel' }) };
}
