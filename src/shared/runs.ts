/**
 * The run contract: what a training run is, from the moment its job is queued to the folder on disk
 * (`.rml/runs/<id>/`). The worker, the server, the extension host and the run panel use these types unchanged;
 * the server is the only process that reads or writes the folder. One id per run: `runId` is chosen when the job
 * is queued and is the name of its folder.
 */
import type { SelectedBackend } from './compute';
import type { DisparityThresholds, EvaluationReport, ModelWarning } from './reports';
import type { ModelSpec, PrivilegedAssignment, ResolvedModelSpec, ResolvedSplit } from './training';
import type {
  EpochPrivacy,
  MitigationRequest,
  PrivacyRequest,
  RunMitigation,
  RunPrivacy,
  RunRobustness,
  RunThresholds,
} from './mitigation';

export const RUN_FILES = {
  config: 'config.json',
  metrics: 'metrics.jsonl',
  report: 'report.json',
  status: 'status.json',
  /** Test-split predictions (`y_true`, `y_pred`, class probabilities, sensitive columns, weight): `rml fairness` reads it. */
  predictions: 'predictions.csv',
  /** Global importance (overall and per group) and the counterfactual token fairness gap, on the test split. */
  attribution: 'attribution.json',
  model: 'model',
  /** Private or constrained runs: the constraint, the achieved disparity and accuracy, before and after (`RunMitigation`). */
  mitigation: 'mitigation.json',
  /** Group thresholds applied to the run (post-processing), fitted on validation, measured on test (`RunThresholds`). */
  thresholds: 'thresholds.json',
  /** The perturbation suite and HotFlip attack on the run's model (`rml robustness --save`, `RunRobustness`). */
  robustness: 'robustness.json',
  /** The run's model card (`rml card`, Generate Model Card), Hugging Face layout. */
  card: 'MODEL_CARD.md',
  /** The same card as Model Card Toolkit JSON, schema v0.0.2 (`rml card --format mct-json`). */
  toolkitCard: 'model_card.json',
  /** Label issues found in the training data (`rows`, `classes`, `issues[]`, `filter`). */
  labelIssues: 'label-issues.json',
} as const;

/** Files other steps add to a finished run that the run panel does not link (cards, label issues). */
export type LaterRunFile = 'card' | 'toolkitCard' | 'labelIssues';

/** The files of a run the panel can ask to open; `dataset` is the file the run trained on. */
export type RunFileName = Exclude<keyof typeof RUN_FILES, 'model' | LaterRunFile> | 'dataset';

export type RunState = 'running' | 'completed' | 'cancelled' | 'failed';

/** A state a run ends in. */
export type FinalRunState = Exclude<RunState, 'running'>;

/** `status.json`: rewritten at every state change, after every epoch and on a heartbeat while running. */
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
  /** Rewritten every few seconds while the job runs: a stale heartbeat means the process died (even if its pid was reused). */
  heartbeatAt?: string;
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
  /** DP-SGD runs: ε spent so far (RDP accountant). */
  privacy?: EpochPrivacy;
  /** Regularised runs: the mean fairness penalty of the epoch's batches. */
  penalty?: number;
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
    /** Instance weights (never a feature). */
    weight?: string;
    /** How the weight column was chosen: given (`option`), `.rml.json` (`config`) or found by its name (`column-name`). */
    weightSource?: 'option' | 'config' | 'column-name';
  };
  classes: string[];
  positiveClass: string;
  model: ResolvedModelSpec & { parameters: number };
  training: {
    /** The most epochs (early stopping may end sooner: see `RunReport.training`). */
    epochs: number;
    batchSize: number;
    learningRate: number;
    optimizer: 'adam';
    classWeight: 'none' | 'balanced';
    /** Absent: trained every epoch (runs made before early stopping existed, or with it off). */
    earlyStopping?: { monitor: 'validationLoss'; patience: number; minDelta: number; restoreBestWeights: true };
  };
  backend: SelectedBackend;
  seed: number;
  split: ResolvedSplit;
  /** DP-SGD settings of a private run. */
  privacy?: RunPrivacy;
  /** The in-processing method of a constrained run. */
  mitigation?: MitigationRequest;
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
  /** The test evaluation's warnings, e.g. `model/constant-prediction` (also in `test.warnings`). */
  warnings?: ModelWarning[];
  /** How training ended: the epoch whose weights the model keeps (and was evaluated with). */
  training?: { epochsRun: number; bestEpoch: number; stoppedEarly: boolean; bestValidationLoss: number };
}

/** One line per run in the Runs view and the run pickers. */
export interface RunSummary {
  id: string;
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

/** Everything a run's folder holds so far; files not written yet are absent. */
export interface RunRecord {
  id: string;
  /** The run's folder, for people (shown, never read by the host). */
  dir: string;
  status: RunStatus;
  config?: RunConfigRecord;
  metrics: EpochMetrics[];
  report?: RunReport;
  /** The saved tfjs model (`model.json`, `weights.bin`, `preprocessing.json`) exists. */
  hasModel: boolean;
  /** `attribution.json` (global importance, counterfactual gap) exists; written just after the run completes. */
  hasAttribution?: boolean;
  /** `mitigation.json` of a private or constrained run. */
  mitigation?: RunMitigation;
  /** `thresholds.json`: group thresholds applied to the run. */
  thresholds?: RunThresholds;
  /** `robustness.json`: accuracy under perturbations, per group, and the attack's success rate. */
  robustness?: RunRobustness;
}

/** What a user asks a training job to do (the Train Model form, `rml train`); paths are the caller's. */
export interface TrainingRequest {
  label: string;
  /** A text column (text classifier) or feature columns (tabular classifier). */
  text?: string;
  features?: string[];
  sensitive: string[];
  privileged?: PrivilegedAssignment[];
  /**
   * Column of instance weights (e.g. from reweighing): never a feature. Default: a column named `weight` when the
   * dataset has one; `false`: train without instance weights.
   */
  weight?: string | false;
  model?: ModelSpec;
  classWeight?: 'none' | 'balanced';
  /** The most epochs (default 100). */
  epochs?: number;
  seed?: number;
  /** Stop when the validation loss stops improving, keeping the best epoch's weights (default true). */
  earlyStopping?: boolean;
  /** Epochs without improvement before early stopping ends training (default 5). */
  patience?: number;
  /** Adam's learning rate (default 0.01). */
  learningRate?: number;
  /** Bootstrap resamples for the intervals of the test report (default 1,000; 0: none). */
  bootstrapResamples?: number;
  /** The favourable class (default: `1`, `true`, `yes`… when present, else the last class). */
  positiveClass?: string;
  /** What the run's disparities are judged against, e.g. `.rml.json`'s `minGroupSize` (default: the shared defaults). */
  fairnessThresholds?: Partial<DisparityThresholds>;
  /** Train with DP-SGD. */
  privacy?: PrivacyRequest;
  /** Train under a fairness constraint (expgrad) or with a fairness penalty (regularizer). */
  mitigation?: MitigationRequest;
}

/**
 * A training job's life, one union from the worker to the panel. `queued` comes from the server's queue,
 * the others from the job; `finished` is the last event of every run, whatever its end.
 */
export type TrainingEvent =
  | { kind: 'queued'; runId: string; datasetUri: string; position: number }
  | { kind: 'started'; runId: string; runDir: string; backend: SelectedBackend }
  | { kind: 'epoch'; runId: string; metrics: EpochMetrics }
  | { kind: 'log'; runId: string; line: string }
  | { kind: 'finished'; runId: string; state: FinalRunState; error?: string };

export type TrainingEventKind = TrainingEvent['kind'];
