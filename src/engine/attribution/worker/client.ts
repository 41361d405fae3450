import { Worker } from 'node:worker_threads';
import type { BackendPreference } from '../../../shared/compute';
import type {
  AttributionTask,
  AttributionTaskResult,
  AttributionWorkerEvent,
  AttributionWorkerRequest,
} from './protocol';

export interface AttributionWorkerOptions {
  backend?: BackendPreference;
  wasmDir?: string;
  extraModuleDirs?: string[];
  /** Node flags for the worker, e.g. a TypeScript loader when running from source. */
  execArgv?: string[];
  onLog?(line: string): void;
}

/** A task running in a worker thread. */
export interface AttributionWorkerHandle<T> {
  /** The task's result; rejects with the task's error (`AttributionCancelled` when cancelled). */
  result: Promise<T>;
  cancel(): void;
}

export class AttributionCancelled extends Error {
  override readonly name = 'AttributionCancelled';
}

/** Starts `workerScriptPath` (the bundled `dist/attributionWorker.js`) on one task. */
export function startAttributionWorker<T extends AttributionTask>(
  workerScriptPath: string,
  task: T,
  options: AttributionWorkerOptions = {},
): AttributionWorkerHandle<AttributionTaskResult<T>> {
  const worker = new Worker(workerScriptPath, options.execArgv ? { execArgv: options.execArgv } : {});
  const send = (request: AttributionWorkerRequest) => worker.postMessage(request);
  const result = new Promise<AttributionTaskResult<T>>((resolve, reject) => {
    let settled = false;
    const settle = (action: () => void) => {
      if (settled) return;
      settled = true;
      action();
    };
    worker.on('message', (event: AttributionWorkerEvent) => {
      if (event.kind === 'log') options.onLog?.(event.line);
      else if (event.kind === 'done') settle(() => resolve(event.result as AttributionTaskResult<T>));
      else settle(() => reject(event.cancelled ? new AttributionCancelled(event.error) : new Error(event.error)));
    });
    worker.on('error', (error) => settle(() => reject(new Error(`attribution worker crashed: ${error.message}`))));
    worker.on('exit', (code) =>
      settle(() => reject(new Error(`attribution worker exited (code ${code}) before finishing`))),
    );
  });
  send({
    type: 'start',
    task,
    backend: options.backend ?? 'auto',
    ...(options.wasmDir ? { wasmDir: options.wasmDir } : {}),
    ...(options.extraModuleDirs ? { extraModuleDirs: options.extraModuleDirs } : {}),
  });
  return { result, cancel: () => send({ type: 'cancel' }) };
}
