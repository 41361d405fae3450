/** What a training job is asked to do (`TrainingConfig`) and what it hands back (`RunResult`). */
import type { BackendPreference, SelectedBackend } from '../compute/types';
import type { EvaluationReport } from '../evaluation/types';
import type { EpochMetrics, RunState } from '../runs/types';

/**
 * `text-embedding-bag`: hashed word and character n-grams, mean of their embeddings, then dense (fastText-style).
 * `logistic-regression`, `mlp`: one-hot categoricals and standardised numerics, then one dense layer or two.
 */
export type ModelKind = 'text-embedding-bag' | 'logistic-regression' | 'mlp';

export interface ModelSpec {
  /** Default: `text-embedding-bag` with a text column, `logistic-regression` with feature columns. */
  kind?: ModelKind;
  /** Hidden layer width: `mlp` (default 32) and, when set above 0, the text model (default 0: linear head). */
  hiddenUnits?: number;
  /** Text: embedding width (default 16). */
  embeddingDim?: number;
  /** Text: hash buckets, i.e. embedding rows (default 16,384). */
  hashBuckets?: number;
  /** Text: tokens kept per example, words first (default 128). */
  maxTokens?: number;
  /** Text: add word bigrams (default true). */
  wordBigrams?: boolean;
  /** Text: character n-gram sizes inside words, e.g. [3, 4] (default [3, 3]; [] for none). */
  charNgrams?: number[];
  /** Tabular: categories kept per column, most frequent first; the rest share one "other" slot (default 50). */
  maxCategories?: number;
}

export type ResolvedModelSpec = Required<ModelSpec>;

/** A seeded stratified split by ratios, or split files the user made (same columns as the dataset). */
export type SplitSpec =
  | { kind: 'ratio'; train: number; validation: number; test: number }
  | { kind: 'files'; validation?: string; test: string };

/** The split as recorded in `config.json`, with the example counts it produced. */
export type ResolvedSplit = (
  | { kind: 'ratio'; train: number; validation: number; test: number }
  | { kind: 'files'; validation?: { path: string; sha256: string }; test: { path: string; sha256: string } }
) & { counts: { train: number; validation: number; test: number } };

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
  /** Column of instance weights (non-negative numbers), e.g. from reweighing. */
  weight?: string;
  /** `balanced`: classes weighted n / (k · n_class), as scikit-learn's class_weight='balanced'. Default none. */
  classWeight?: 'none' | 'balanced';
  /** Privileged groups for the fairness report, e.g. [{ column: 'sex', value: 'M' }]. */
  privileged?: Array<{ column: string; value: string }>;
  /** The favourable class (binary). Default: `1`, `true` or `yes` when present, else the last class in sorted order. */
  positiveClass?: string;
  model?: ModelSpec;
  /** Default 10. */
  epochs?: number;
  /** Default: 32 below 5,000 training examples, 128 below 50,000, else 512. */
  batchSize?: number;
  /** Adam learning rate (default 0.01). */
  learningRate?: number;
  /** Seeds the split, the shuffling and the initial weights (default 42). */
  seed?: number;
  /** Default: ratio 0.7 / 0.15 / 0.15. */
  split?: SplitSpec;
  /** Bootstrap resamples for confidence intervals in the test report (default 0: none). */
  bootstrapResamples?: number;
  /** Default `auto`. */
  backend?: BackendPreference;
  /** Where the native TensorFlow package was installed by "Enable GPU Acceleration". */
  extraModuleDirs?: string[];
  /** Directory of the tfjs-backend-wasm `.wasm` files (default: `wasm/` beside the bundle, or the package's own). */
  wasmDir?: string;
  /** Parent of run directories (default `.rml/runs` under the current directory). */
  runsRoot?: string;
}

export interface TrainingHooks {
  /** Once the run directory holds `config.json` and the backend is chosen: a panel can open the run. */
  onStarted?(run: { id: string; runDir: string; backend: SelectedBackend }): void;
  onEpoch?(metrics: EpochMetrics): void;
  onLog?(line: string): void;
  /** Stops the job between batches; the run is then marked cancelled. */
  signal?: AbortSignal;
}

export interface RunResult {
  id: string;
  runDir: string;
  state: Extract<RunState, 'completed' | 'cancelled'>;
  backend: SelectedBackend;
  epochs: EpochMetrics[];
  /** The test-split evaluation of a completed run. */
  test?: EvaluationReport;
  /** The favourable class the fairness figures use (known once the data is read). */
  positiveClass?: string;
  splits: { train: number; validation: number; test: number };
}
