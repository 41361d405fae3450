import path from 'node:path';
import type { BackendPreference } from '../compute';
import { DEFAULT_DISPARITY_THRESHOLDS } from '../../shared/disparities';
import type { DatasetSettings } from '../../shared/config';
import type { DisparityThresholds } from '../../shared/reports';
import { DEFAULT_RUNS_ROOT } from '../runs';
import type { ColumnRoles } from './data/examples';
import { inferFormat, type TrainingFormat } from './data/table';
import type { ModelKind, ResolvedModelSpec, SplitSpec, TrainingConfig, TransformerSpec } from './types';

/** A configuration that cannot describe a job (no label, both text and features, a negative ratio…). */
export class TrainingConfigError extends Error {
  override readonly name = 'TrainingConfigError';
}

/** Early stopping on the validation loss, as Keras' `EarlyStopping(monitor='val_loss', restore_best_weights=True)`. */
export interface EarlyStoppingSettings {
  patience: number;
  minDelta: number;
}

export interface ResolvedTrainingConfig {
  dataset: string;
  format: TrainingFormat;
  /** `weight` is set only when it was given (`weightSource`); a column named `weight` is found when the data is read. */
  roles: ColumnRoles;
  /** `false`: no instance weights, not even a column named `weight`. */
  findWeightColumn: boolean;
  weightSource?: 'option' | 'config';
  sensitiveAsFeatures: boolean;
  classWeight: 'none' | 'balanced';
  privileged: Array<{ column: string; value: string }>;
  positiveClass: string | undefined;
  model: ResolvedModelSpec;
  /** The most epochs. */
  epochs: number;
  /** Undefined: every epoch is trained. */
  earlyStopping: EarlyStoppingSettings | undefined;
  /** Undefined: chosen from the training split's size (`autoBatchSize`). */
  batchSize: number | undefined;
  learningRate: number;
  seed: number;
  bootstrapResamples: number;
  fairnessThresholds: DisparityThresholds;
  split: SplitSpec;
  backend: BackendPreference;
  extraModuleDirs: string[];
  wasmDir: string | undefined;
  runsRoot: string;
}

export const DEFAULT_SPLIT: SplitSpec = { kind: 'ratio', train: 0.7, validation: 0.15, test: 0.15 };

/**
 * Defaults that converge on the example datasets: at most 100 epochs, ended when the validation loss has not
 * improved for 5 (the example runs stop after 12 to 52 epochs), and 1,000 bootstrap resamples, which cost
 * well under a second on test splits of a few thousand examples.
 */
export const TRAINING_DEFAULTS = {
  epochs: 100,
  patience: 5,
  minDelta: 1e-4,
  learningRate: 0.01,
  seed: 42,
  bootstrapResamples: 1000,
} as const;

/** Fills defaults and checks the configuration; paths resolve against `cwd`. `log` hears about dropped columns. */
export function resolveTrainingConfig(
  config: TrainingConfig,
  cwd: string,
  log: (line: string) => void = () => {},
): ResolvedTrainingConfig {
  if (!config.label) throw new TrainingConfigError('a label column is required');
  const features = config.features ?? [];
  if (!config.text === (features.length === 0)) {
    throw new TrainingConfigError('give either a text column or feature columns (not both, not neither)');
  }
  const dataset = path.resolve(cwd, config.dataset);
  const roles = columnRoles(config, features, log);
  const split = resolveSplit(config.split ?? DEFAULT_SPLIT, cwd);
  for (const { column } of config.privileged ?? []) {
    if (!roles.sensitive.includes(column))
      throw new TrainingConfigError(`privileged column '${column}' is not a sensitive column`);
  }
  return {
    dataset,
    format: config.format ?? inferFormat(dataset),
    roles,
    findWeightColumn: config.weight === undefined,
    ...(config.weight ? { weightSource: config.weightSource ?? 'option' } : {}),
    sensitiveAsFeatures: config.sensitiveAsFeatures ?? false,
    classWeight: config.classWeight ?? 'none',
    privileged: config.privileged ?? [],
    positiveClass: config.positiveClass,
    model: resolveModel(config),
    epochs: positiveInteger(
      'epochs',
      config.epochs ?? (constrained(config) ? CONSTRAINED_EPOCHS : TRAINING_DEFAULTS.epochs),
    ),
    earlyStopping: resolveEarlyStopping(config),
    batchSize: config.batchSize === undefined ? undefined : positiveInteger('batchSize', config.batchSize),
    learningRate: positiveNumber('learningRate', config.learningRate ?? TRAINING_DEFAULTS.learningRate),
    seed: integer('seed', config.seed ?? TRAINING_DEFAULTS.seed),
    bootstrapResamples: nonNegativeInteger(
      'bootstrapResamples',
      config.bootstrapResamples ?? TRAINING_DEFAULTS.bootstrapResamples,
    ),
    fairnessThresholds: resolveThresholds(config.fairnessThresholds),
    split,
    backend: config.backend ?? 'auto',
    extraModuleDirs: config.extraModuleDirs ?? [],
    wasmDir: config.wasmDir,
    runsRoot: path.resolve(cwd, config.runsRoot ?? DEFAULT_RUNS_ROOT),
  };
}

function columnRoles(config: TrainingConfig, features: string[], log: (line: string) => void): ColumnRoles {
  const sensitive = config.sensitive ?? [];
  const reserved = [config.label, ...(config.weight ? [config.weight] : [])];
  for (const column of [...features, ...(config.text ? [config.text] : [])]) {
    if (reserved.includes(column)) {
      const role = column === config.label ? 'the label' : 'the instance weights';
      throw new TrainingConfigError(`column '${column}' is ${role}: it cannot be a feature too`);
    }
  }
  if (config.weight && (config.weight === config.label || sensitive.includes(config.weight))) {
    throw new TrainingConfigError(`weight column '${config.weight}' cannot also be the label or a sensitive column`);
  }
  if (new Set(sensitive).size !== sensitive.length)
    throw new TrainingConfigError(`a sensitive column is named twice (${sensitive.join(', ')})`);
  if (sensitive.includes(config.label))
    throw new TrainingConfigError(`the label '${config.label}' cannot be a sensitive column too`);
  let kept = features;
  if (!config.sensitiveAsFeatures) {
    kept = features.filter((column) => !sensitive.includes(column));
    for (const column of features.filter((name) => sensitive.includes(name))) {
      log(
        `excluded sensitive column '${column}' from the features (--sensitive-as-features, or sensitiveAsFeatures, trains on it)`,
      );
    }
  } else if (features.length > 0) {
    kept = [...features, ...sensitive.filter((column) => !features.includes(column))];
  }
  if (features.length > 0 && kept.length === 0)
    throw new TrainingConfigError('every feature column is sensitive: nothing left to train on');
  return {
    label: config.label,
    ...(config.text ? { text: config.text } : {}),
    features: kept,
    sensitive,
    ...(config.weight ? { weight: config.weight } : {}),
  };
}

/**
 * DP-SGD and fairness mitigations train every epoch they are given: the privacy accountant counts the planned
 * steps, and a reduction's iterates are not comparable by validation loss. Their default stays the 10 epochs the
 * mitigation engine was built and measured with.
 */
const CONSTRAINED_EPOCHS = 10;

function constrained(config: TrainingConfig): boolean {
  return config.privacy !== undefined || config.mitigation !== undefined;
}

function resolveEarlyStopping(config: TrainingConfig): EarlyStoppingSettings | undefined {
  const patience = positiveInteger('patience', config.patience ?? TRAINING_DEFAULTS.patience);
  const minDelta = config.minDelta ?? TRAINING_DEFAULTS.minDelta;
  if (!(minDelta >= 0) || !Number.isFinite(minDelta))
    throw new TrainingConfigError(`minDelta must be 0 or more (got ${minDelta})`);
  return config.earlyStopping === false || constrained(config) ? undefined : { patience, minDelta };
}

/**
 * The disparity thresholds a `.rml.json` dataset section sets (`disparateImpactThreshold`, `parityDifferenceThreshold`,
 * `minGroupSize`), for `TrainingConfig.fairnessThresholds`: the CLI and the server's job queue judge a run alike.
 */
export function thresholdsFromSettings(settings: DatasetSettings | undefined): Partial<DisparityThresholds> {
  return {
    ...(settings?.disparateImpactThreshold !== undefined ? { minRatio: settings.disparateImpactThreshold } : {}),
    ...(settings?.parityDifferenceThreshold !== undefined ? { maxDifference: settings.parityDifferenceThreshold } : {}),
    ...(settings?.minGroupSize !== undefined ? { minGroupSize: settings.minGroupSize } : {}),
  };
}

function resolveThresholds(given: Partial<DisparityThresholds> | undefined): DisparityThresholds {
  const thresholds = { ...DEFAULT_DISPARITY_THRESHOLDS, ...given };
  if (!(thresholds.minRatio > 0 && thresholds.minRatio <= 1))
    throw new TrainingConfigError(`the ratio threshold must be in (0, 1] (got ${thresholds.minRatio})`);
  if (!(thresholds.maxDifference >= 0 && thresholds.maxDifference <= 1)) {
    throw new TrainingConfigError(`the difference threshold must be in [0, 1] (got ${thresholds.maxDifference})`);
  }
  nonNegativeInteger('minGroupSize', thresholds.minGroupSize);
  return thresholds;
}

function resolveModel(config: TrainingConfig): ResolvedModelSpec {
  const spec = config.model ?? {};
  const kind: ModelKind = spec.kind ?? (config.text ? 'text-embedding-bag' : 'logistic-regression');
  const textModel = kind === 'text-embedding-bag' || kind === 'transformer';
  if (textModel !== Boolean(config.text)) {
    throw new TrainingConfigError(`model '${kind}' needs ${textModel ? 'a text column' : 'feature columns'}`);
  }
  if (spec.transformer && kind !== 'transformer')
    throw new TrainingConfigError(`transformer options were given for model '${kind}': use model 'transformer'`);
  return {
    kind,
    hiddenUnits: nonNegativeInteger('hiddenUnits', spec.hiddenUnits ?? (kind === 'mlp' ? 32 : 0)),
    embeddingDim: positiveInteger('embeddingDim', spec.embeddingDim ?? 16),
    hashBuckets: atLeast('hashBuckets', spec.hashBuckets ?? 16_384, 2),
    maxTokens: positiveInteger(
      'maxTokens',
      spec.maxTokens ?? (kind === 'transformer' ? TRANSFORMER_DEFAULTS.maxTokens : 128),
    ),
    wordBigrams: spec.wordBigrams ?? true,
    charNgrams: (spec.charNgrams ?? [3]).map((size) => positiveInteger('charNgrams', size)),
    maxCategories: positiveInteger('maxCategories', spec.maxCategories ?? 50),
    ...(kind === 'transformer' ? { transformer: resolveTransformer(spec.transformer ?? {}) } : {}),
  };
}

/**
 * A small encoder (1.15 M parameters with the 16,384-row vocabulary, most of them the embedding table), sized for a
 * GPU: ~25 MFLOP per 40-token text per step (forward and backward), 2.5 TFLOP an epoch of 100k texts, i.e. seconds of
 * arithmetic on a GPU, where kernel-launch overhead sets the pace (unmeasured: no GPU here). On wasm it trains 121
 * texts/s (README Benchmarks); smaller sizes are for CPUs.
 */
export const TRANSFORMER_DEFAULTS = { layers: 2, heads: 4, width: 64, maxTokens: 64 } as const;

function resolveTransformer(spec: TransformerSpec): Required<TransformerSpec> {
  const width = positiveInteger('width', spec.width ?? TRANSFORMER_DEFAULTS.width);
  const heads = positiveInteger('heads', spec.heads ?? TRANSFORMER_DEFAULTS.heads);
  if (width % heads !== 0)
    throw new TrainingConfigError(`the transformer's width (${width}) must be a multiple of its heads (${heads})`);
  return {
    layers: positiveInteger('layers', spec.layers ?? TRANSFORMER_DEFAULTS.layers),
    heads,
    width,
    feedForward: positiveInteger('feedForward', spec.feedForward ?? 4 * width),
  };
}

function resolveSplit(split: SplitSpec, cwd: string): SplitSpec {
  if (split.kind === 'files') {
    return {
      kind: 'files',
      test: path.resolve(cwd, split.test),
      ...(split.validation ? { validation: path.resolve(cwd, split.validation) } : {}),
    };
  }
  for (const [name, share] of Object.entries({ train: split.train, validation: split.validation, test: split.test })) {
    if (!(share >= 0) || !Number.isFinite(share))
      throw new TrainingConfigError(`split ratio '${name}' must be a non-negative number (got ${share})`);
  }
  if (!(split.train > 0 && split.validation > 0 && split.test > 0)) {
    throw new TrainingConfigError('the train, validation and test ratios must all be above 0');
  }
  return split;
}

/** 32 below 5,000 training examples, 128 below 50,000, else 512: small data gets enough steps, large data fast epochs. */
export function autoBatchSize(trainExamples: number): number {
  if (trainExamples < 5_000) return 32;
  if (trainExamples < 50_000) return 128;
  return 512;
}

function integer(name: string, value: number): number {
  if (!Number.isInteger(value)) throw new TrainingConfigError(`${name} must be an integer (got ${value})`);
  return value;
}

function positiveInteger(name: string, value: number): number {
  return atLeast(name, value, 1);
}

function atLeast(name: string, value: number, minimum: number): number {
  if (integer(name, value) < minimum)
    throw new TrainingConfigError(`${name} must be at least ${minimum} (got ${value})`);
  return value;
}

function nonNegativeInteger(name: string, value: number): number {
  if (integer(name, value) < 0) throw new TrainingConfigError(`${name} must be 0 or more (got ${value})`);
  return value;
}

function positiveNumber(name: string, value: number): number {
  if (!(value > 0) || !Number.isFinite(value))
    throw new TrainingConfigError(`${name} must be a positive number (got ${value})`);
  return value;
}
