import type { LabelIssuesReport, RunAttribution } from '../../../shared/attribution';
import type { BackendPreference } from '../../../shared/compute';
import type { FindOptions, ProbabilitySource } from '../../labels';

/** Long attribution work, done off the language server's thread: a run's attribution file, or label issues. */
export type AttributionTask =
  | { task: 'run-attribution'; runDir: string }
  | {
      task: 'label-issues';
      file: string;
      label: string;
      source: Exclude<ProbabilitySource, { signal: AbortSignal }>;
      options: FindOptions;
    };

export type AttributionTaskResult<T extends AttributionTask> = T extends { task: 'run-attribution' }
  ? RunAttribution
  : LabelIssuesReport;

export type AttributionWorkerRequest =
  | { type: 'start'; task: AttributionTask; backend: BackendPreference; wasmDir?: string; extraModuleDirs?: string[] }
  | { type: 'cancel' };

export type AttributionWorkerEvent =
  | { kind: 'log'; line: string }
  | { kind: 'done'; result: RunAttribution | LabelIssuesReport }
  | { kind: 'failed'; error: string; cancelled: boolean };
