import { Worker } from 'node:worker_threads';
import type { FinalRunState } from '../../shared/runs';
import type { TrainingConfig } from './types';
import type { TrainingWorkerEvent, TrainingWorkerRequest } from './workerProtocol';

export interface TrainingWorkerOptions {
  /** Directory relative paths in the config resolve against (default: this process's). */
  cwd?: string;
  /** Node flags for the worker, e.g. a TypeScript loader when running from source. */
  execArgv?: string[];
}

/** How a job in a worker ended: its `finished` event, or a crash of the worker itself. */
export interface TrainingWorkerOutcome {
  state: FinalRunState;
  error?: string;
}

/** A job running in a worker thread. */
export interface TrainingWorkerHandle {
  /** Resolves once the job has finished, however it ended (a crashed worker ends as `failed`). Never rejects. */
  outcome: Promise<TrainingWorkerOutcome>;
  /** Asks the job to stop between batches; `outcome` then resolves with state `cancelled`. */
  cancel(): void;
}

/**
 * Starts `workerScriptPath` (the bundled `dist/trainingWorker.js`) on one job; every event of the run reaches
 * `onEvent` unchanged, the `finished` one included.
 */
export function startTrainingWorker(
  workerScriptPath: string,
  config: TrainingConfig,
  onEvent: (event: TrainingWorkerEvent) => void,
  options: TrainingWorkerOptions = {},
): TrainingWorkerHandle {
  const worker = new Worker(workerScriptPath, options.execArgv ? { execArgv: options.execArgv } : {});
  const send = (request: TrainingWorkerRequest) => worker.postMessage(request);
  const runId = config.runId ?? '';
  const outcome = new Promise<TrainingWorkerOutcome>((resolve) => {
    let settled = false;
    const settle = (event: Extract<TrainingWorkerEvent, { kind: 'finished' }>) => {
      if (settled) return;
      settled = true;
      onEvent(event);
      resolve({ state: event.state, ...(event.error === undefined ? {} : { error: event.error }) });
    };
    worker.on('message', (event: TrainingWorkerEvent) => {
      if (event.kind === 'finished') settle(event);
      else if (!settled) onEvent(event);
    });
    const crashed = (error: string) => settle({ kind: 'finished', runId, state: 'failed', error });
    worker.on('error', (error) => crashed(`training worker crashed: ${error.message}`));
    worker.on('exit', (code) => crashed(`training worker exited (code ${code}) before finishing`));
  });
  send({ type: 'start', config, ...(options.cwd ? { cwd: options.cwd } : {}) });
  return { outcome, cancel: () => send({ type: 'cancel' }) };
}
