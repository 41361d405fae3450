/**
 * The files of a run directory (`.rml/runs/<timestamp>-<short-id>/`), as the job writes them and the Runs view,
 * the run panel and `rml` read them. Plain JSON values.
 */
import type { SelectedBackend } from '../compute/types';
import type { EvaluationReport } from '../evaluation/types';
import type { ResolvedModelSpec, ResolvedSplit } from '../training/types';

export const RUN_FILES = {
  config: 'config.json',
  metrics: 'metrics.jsonl',
  report: 'report.json',
  status: 'status.json',
  /** Test-split predictions (`y_true`, `y_pred`, class probabilities, sensitive columns, weight): `rml fairness` reads it. */
  predictions: 'predictions.csv',
  model: 'model',
} as const;

export type RunState = 'running' | 'completed' | 'cancelled' | 'failed';

/** `status.json`: rewritten at every state change and after every epoch. */
export interface RunStatus {
  state: RunState;
  startedAt: string;
  updatedAt: string;
  finishedAt?: string;
  epochsCompleted: number;
  epochs: number;
  /** The error of a failed run. */
  error?: string;
  /** Process and host of a running job: a run whose process is gone is shown as failed, not running forever. */
  pid?: number;
  host?: string;
}

/** One group's validation figures at the end of an epoch (binary tasks; positive = the positive class). */
export interface GroupEpochMetrics {
  group: string;
  count: number;
  /** Share of the group predicted positive. */
  selectionRate: number;
  /** Share of the group's actual positives predicted positive; null when the group has none. */
  truePositiveRate: number | null;
}

/** One line of `metrics.jsonl`. Losses are weighted means of the cross-entropy; accuracies weighted too. */
export interface EpochMetrics {
  /** 1-based. */
  epoch: number;
  epochs: number;
  trainLoss: number;
  trainAccuracy: number;
  validationLoss: number;
  validationAccuracy: number;
  /** Sensitive column → its groups on the validation split. */
  groups?: Record<string, GroupEpochMetrics[]>;
  seconds: number;
  examplesPerSecond: number;
}

/** `config.json`: everything needed to know what was trained on what, and to train it again. */
export interface RunConfigRecord {
  version: 1;
  id: string;
  createdAt: string;
  dataset: { path: string; sha256: string; format: string; rows: number };
  columns: {
    label: string;
    text?: string;
    features?: string[];
    sensitive: string[];
    sensitiveAsFeatures: boolean;
    weight?: string;
  };
  classes: string[];
  positiveClass: string;
  model: ResolvedModelSpec & { parameters: number };
  training: { epochs: number; batchSize: number; learningRate: number; optimizer: 'adam'; classWeight: 'none' | 'balanced' };
  backend: SelectedBackend;
  seed: number;
  split: ResolvedSplit;
}

/** `report.json`: the test-split evaluation, with per-group tables, once training completed. */
export interface RunReport {
  version: 1;
  id: string;
  finishedAt: string;
  /** Examples per split. */
  splits: { train: number; validation: number; test: number };
  test: EvaluationReport;
  /** The last epoch's figures. */
  finalEpoch?: EpochMetrics;
}

/** What `listRuns` shows per run (the Runs tree view). */
export interface RunSummary {
  id: string;
  dir: string;
  state: RunState;
  startedAt?: string;
  finishedAt?: string;
  dataset?: string;
  model?: string;
  backend?: string;
  /** Test accuracy of a completed run. */
  accuracy?: number;
  error?: string;
}

/** Everything `readRun` finds in a run directory; files not written yet are absent. */
export interface RunRecord {
  id: string;
  dir: string;
  status: RunStatus;
  config?: RunConfigRecord;
  metrics: EpochMetrics[];
  report?: RunReport;
  /** Directory of the saved tfjs model (`model.json`, `weights.bin`, `preprocessing.json`) when it exists. */
  modelDir?: string;
}
