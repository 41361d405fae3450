/** Messages between a training worker thread (`worker.ts`) and the process that started it (`workerClient.ts`). */
import type { TrainingEvent } from '../../shared/runs';
import type { TrainingConfig } from './types';

/** Parent → worker. */
export type TrainingWorkerRequest =
  /** Start the job; a worker runs one job. Relative paths resolve against `cwd` (default: the worker's). */
  | { type: 'start'; config: TrainingConfig; cwd?: string }
  /** Stop between batches; the run is marked cancelled and a `finished` event follows with state `cancelled`. */
  | { type: 'cancel' };

/**
 * Worker → parent: the run's events, unchanged from the job (the run contract's `TrainingEvent`). `finished` is
 * the last one; the worker exits after it, also when the job failed before its run folder existed.
 */
export type TrainingWorkerEvent = Exclude<TrainingEvent, { kind: 'queued' }>;
