/** What a training job is asked to do (`TrainingConfig`) and what it hands back (`RunResult`). */
import type { BackendPreference, SelectedBackend } from '../../shared/compute';
import type { DisparityThresholds, EvaluationReport, ModelWarning } from '../../shared/reports';
import type { EpochMetrics, TrainingEvent } from '../../shared/runs';
import type { ModelSpec, PrivilegedAssignment, SplitSpec } from '../../shared/training';
import type { MitigationRequest, PrivacyRequest, RunMitigation } from '../../shared/mitigation';

export type {
  ModelKind,
  ModelSpec,
  ResolvedModelSpec,
  ResolvedSplit,
  SplitSpec,
  TransformerSpec,
} from '../../shared/training';

export interface TrainingConfig {
  /** The dataset (CSV, TSV, JSONL or JSON); only read, never written. */
  dataset: string;
  /** Default: from the file extension. */
  format?: 'csv' | 'tsv' | 'jsonl' | 'json';
  /** Column holding the class of each example. */
  label: string;
  /** The text column (text model) … */
  text?: string;
  /** … or the feature columns (tabular models). */
  features?: string[];
  /** Columns kept for per-group metrics; excluded from the features unless `sensitiveAsFeatures`. */
  sensitive?: string[];
  sensitiveAsFeatures?: boolean;
  /**
   * Column of instance weights (non-negative numbers), e.g. from reweighing; never a feature. Default: a column
   * named `weight` (or `weights`, `sample_weight`, `instance_weight`) when the dataset has one; `false`: none.
   */
  weight?: string | false;
  /** Where `weight` came from, for the run's config (`option`: given; `config`: `.rml.json` `dataset.weightColumn`). */
  weightSource?: 'option' | 'config';
  /** `balanced`: classes weighted n / (k · n_class), as scikit-learn's class_weight='balanced'. Default none. */
  classWeight?: 'none' | 'balanced';
  /** Privileged groups for the fairness report, e.g. [{ column: 'sex', value: 'M' }]. */
  privileged?: PrivilegedAssignment[];
  /** The favourable class (binary). Default: `1`, `true` or `yes` when present, else the last class in sorted order. */
  positiveClass?: string;
  model?: ModelSpec;
  /** The most epochs to train (default 100); early stopping usually ends sooner. */
  epochs?: number;
  /**
   * Stop when the validation loss has not improved by `minDelta` for `patience` epochs, and keep the best epoch's
   * weights (Keras' `EarlyStopping(restore_best_weights=True)`). Default true.
   */
  earlyStopping?: boolean;
  /** Epochs without improvement before stopping (default 5). */
  patience?: number;
  /** The smallest drop in validation loss that counts as an improvement (default 1e-4). */
  minDelta?: number;
  /** Default: 32 below 5,000 training examples, 128 below 50,000, else 512. */
  batchSize?: number;
  /** Adam learning rate (default 0.01). */
  learningRate?: number;
  /** Seeds the split, the shuffling and the initial weights (default 42). */
  seed?: number;
  /** Default: ratio 0.7 / 0.15 / 0.15. */
  split?: SplitSpec;
  /** Bootstrap resamples for confidence intervals in the test report (default 1,000; 0: none). */
  bootstrapResamples?: number;
  /** What the disparities are judged against, recorded in the report (default: the shared defaults). */
  fairnessThresholds?: Partial<DisparityThresholds>;
  /** Default `auto`. */
  backend?: BackendPreference;
  /** Where the native TensorFlow package was installed by "Enable GPU Acceleration". */
  extraModuleDirs?: string[];
  /** Directory of the tfjs-backend-wasm `.wasm` files (default: `wasm/` beside the bundle, or the package's own). */
  wasmDir?: string;
  /** Parent of run directories (default `.rml/runs` under the current directory). */
  runsRoot?: string;
  /** The run's id, i.e. its folder's name under `runsRoot` (default: a fresh one). The server's queue chooses it. */
  runId?: string;
  /** Train with DP-SGD (engine/privacy); ε per epoch goes to metrics.jsonl. */
  privacy?: PrivacyRequest;
  /** Train under a fairness constraint or penalty (engine/mitigation); the outcome goes to mitigation.json. */
  mitigation?: MitigationRequest;
}

/** The events of a job's run (a `queued` event is the queue's business, not the job's). */
export type JobEvent = Exclude<TrainingEvent, { kind: 'queued' }>;

export interface TrainingHooks {
  /** Every event of the run: `started` once the run folder holds `config.json`, `epoch`s, `log`s, then `finished`. */
  onEvent?(event: JobEvent): void;
  /** Stops the job between batches; the run is then marked cancelled. */
  signal?: AbortSignal;
}

export interface RunResult {
  id: string;
  runDir: string;
  state: 'completed' | 'cancelled';
  backend: SelectedBackend;
  epochs: EpochMetrics[];
  /** The test-split evaluation of a completed run. */
  test?: EvaluationReport;
  /** The favourable class the fairness figures use (known once the data is read). */
  positiveClass?: string;
  splits: { train: number; validation: number; test: number };
  /** The test evaluation's warnings (a model predicting one class, or ranking at chance). */
  warnings?: ModelWarning[];
  /** The epoch whose weights were kept (the best validation loss with early stopping, else the last). */
  bestEpoch?: number;
  /** Early stopping ended training before `epochs`. */
  stoppedEarly?: boolean;
  /** What mitigation.json records, for private or constrained runs. */
  mitigation?: RunMitigation;
}
