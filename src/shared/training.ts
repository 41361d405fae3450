/**
 * What a user asks a training job for — the model and the split — as the Train Model form, `rml train`, the
 * server's job queue and a run's `config.json` name them.
 */

/**
 * `text-embedding-bag`: hashed word and character n-grams, mean of their embeddings, then dense (fastText-style).
 * `transformer`: BPE tokens (cl100k_base), token and position embeddings, encoder layers, masked mean pooling.
 * `logistic-regression`, `mlp`: one-hot categoricals and standardised numerics, then one dense layer or two.
 */
export type ModelKind = 'text-embedding-bag' | 'transformer' | 'logistic-regression' | 'mlp';

/** The transformer's size (defaults in brackets). Its sequence length is `maxTokens`, its vocabulary `hashBuckets`. */
export interface TransformerSpec {
  /** Encoder layers [2]. */
  layers?: number;
  /** Attention heads per layer; must divide `width` [4]. */
  heads?: number;
  /** Model width: embedding and attention size [64]. */
  width?: number;
  /** Hidden units of each feed-forward block [4 × width]. */
  feedForward?: number;
}

export interface ModelSpec {
  /** Default: `text-embedding-bag` with a text column, `logistic-regression` with feature columns. */
  kind?: ModelKind;
  /** Hidden layer width: `mlp` (default 32) and, when set above 0, the text model (default 0: linear head). */
  hiddenUnits?: number;
  /** Text: embedding width (default 16). */
  embeddingDim?: number;
  /** Text: hash buckets, i.e. embedding rows (default 16,384); the transformer's BPE ids are taken modulo it. */
  hashBuckets?: number;
  /** Text: tokens kept per example, words first (default 128; the transformer's sequence length, default 64). */
  maxTokens?: number;
  /** Text: add word bigrams (default true). */
  wordBigrams?: boolean;
  /** Text: character n-gram sizes inside words, e.g. [3, 4] (default [3]; [] for none). */
  charNgrams?: number[];
  /** Tabular: categories kept per column, most frequent first; the rest share one "other" slot (default 50). */
  maxCategories?: number;
  /** The transformer's size (only with kind `transformer`). */
  transformer?: TransformerSpec;
}

/** Every option filled; `transformer` is there exactly when the kind is `transformer`. */
export type ResolvedModelSpec = Required<Omit<ModelSpec, 'transformer'>> & { transformer?: Required<TransformerSpec> };

/** A seeded stratified split by ratios, or split files the user made (same columns as the dataset). */
export type SplitSpec =
  | { kind: 'ratio'; train: number; validation: number; test: number }
  | { kind: 'files'; validation?: string; test: string };

/** The split as recorded in `config.json`, with the example counts it produced. */
export type ResolvedSplit = (
  | { kind: 'ratio'; train: number; validation: number; test: number }
  | { kind: 'files'; validation?: { path: string; sha256: string }; test: { path: string; sha256: string } }
) & { counts: { train: number; validation: number; test: number } };

/** A privileged group for AIF360's metrics, e.g. `{ column: 'sex', value: 'M' }`. */
export interface PrivilegedAssignment {
  column: string;
  value: string;
}

/** Why the Train Model picker does not pre-select a column as a feature. */
export type ColumnExclusionReason =
  | 'label'
  | 'text'
  | 'sensitive'
  | 'weight'
  | 'id'
  | 'personal-data'
  | 'proxy'
  | 'constant';

/**
 * A dataset's columns and what the Train Model picker should offer (`DatasetColumnsRequest`'s result): the label,
 * text, sensitive and weight columns the audit finds (`.rml.json` first), and the feature columns to pre-select.
 */
export interface DatasetColumnSuggestions {
  columns: string[];
  rows: number;
  suggested: {
    /** `.rml.json`'s label when the dataset has it, else a column named like a label (as `rml audit` chooses). */
    label?: string;
    /** A free-text column (text classifier). */
    text?: string;
    sensitive: string[];
    privileged?: Record<string, string>;
    /** Instance weights (`dataset.weightColumn`, or a numeric column named weight): send as `weight`, never as a feature. */
    weight?: string;
    /** Columns to pre-select as features: every column not in `notSuggested` (absent: every other column). */
    features?: string[];
  };
  /** Each column left out of `suggested.features`, with why (`detail` is a sentence for the picker's description). */
  notSuggested?: Record<string, { reason: ColumnExclusionReason; detail: string }>;
  /** Numeric columns the tabular model encodes as categories (codes, e.g. zip codes), for the picker to say so. */
  categorical?: string[];
}
