/** Messages between a training worker thread (`worker.ts`) and the process that started it (`workerClient.ts`). */
import type { SelectedBackend } from '../compute/types';
import type { EpochMetrics } from '../runs/types';
import type { RunResult, TrainingConfig } from './types';

/** Parent → worker. */
export type TrainingWorkerRequest =
  /** Start the job; a worker runs one job. Relative paths resolve against `cwd` (default: the worker's). */
  | { type: 'start'; config: TrainingConfig; cwd?: string }
  /** Stop between batches; the run is marked cancelled and `done` follows with state `cancelled`. */
  | { type: 'cancel' };

/** Worker → parent. */
export type TrainingWorkerEvent =
  /** The run directory exists with its `config.json`, and the backend is chosen. */
  | { type: 'started'; id: string; runDir: string; backend: SelectedBackend }
  /** After each epoch, once its line is in `metrics.jsonl`. */
  | { type: 'epoch'; metrics: EpochMetrics }
  /** Progress for the output channel. */
  | { type: 'log'; line: string }
  /** The job finished (completed or cancelled); the worker exits after sending it. */
  | { type: 'done'; result: RunResult }
  /** The job failed; `runDir` is set when a run directory records the failure. */
  | { type: 'error'; message: string; runDir?: string };
