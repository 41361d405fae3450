import * as tf from '@tensorflow/tfjs';
import path from 'node:path';
import {
  BACKEND_PREFERENCES,
  releaseComputeResources,
  selectSynchronousBackend,
  type BackendPreference,
} from '../../engine/compute';
import {
  TrainingConfigError,
  TRAINING_DEFAULTS,
  TRANSFORMER_DEFAULTS,
  DatasetError,
  inferFormat,
  peekColumns,
  runTrainingJob,
  type JobEvent,
  type ModelKind,
  type ModelSpec,
  type RunResult,
  type TrainingConfig,
} from '../../engine/training';
import { DEFAULT_DISPARITY_THRESHOLDS } from '../../shared/disparities';
import type { DatasetSettings } from '../../shared/config';
import { parseAssignments, parseIntegerOption, parseList } from '../args';
import { configForDataset } from '../datasetConfig';
import { EXIT_ERROR, EXIT_FINDINGS, EXIT_OK, UsageError, type CliCommand, type CliIo } from '../io';
import { defineCommand, parseCommand, usageLine, type OptionValues } from '../options';
import {
  disparityOptions,
  disparityThresholds,
  FAIL_ON_DISPARITY,
  FORMAT_OPTION,
  oneOf,
  parseFormatOption,
} from './common';
import '../../engine/mitigation/register'; // private and constrained training (--dp-*, --mitigation)
import { mitigationOptions } from './trainMitigation';
import { forTerminal, renderText, trainSummary } from './trainSummary';

export type { TrainSummary } from './trainSummary';
import { chooseTrainingColumns } from './trainColumns';
import { attributeCompletedRun } from '../../engine/attribution';

const BACKENDS = BACKEND_PREFERENCES;
const PRIVACY = 'Privacy and mitigation (private and constrained runs train every epoch: no early stopping)';
const MODELS = ['text-embedding-bag', 'transformer', 'logistic-regression', 'mlp'] as const;

export const TRAIN_SPEC = defineCommand({
  usage: '<file> [--label COL] [--text COL | --features COL[,COL…]] [options]',
  description:
    'Trains a classifier with TensorFlow.js on a CSV, TSV, JSONL or JSON dataset (seeded 70/15/15 stratified split, ' +
    'or your split files), stops when the validation loss stops improving and keeps the best epoch, then evaluates ' +
    'it on the held-out test split with per-group fairness and bootstrap intervals. The run is written to ' +
    '.rml/runs/<id>/ (config, metrics, report, predictions, model). Settings missing from the command line come ' +
    'from the nearest .rml.json above the dataset (dataset.label, sensitive, privileged, favorable, weightColumn, ' +
    "minGroupSize and thresholds); columns still missing are the ones the editor's Train Model form suggests " +
    '(printed on stderr).',
  options: {
    label: {
      type: 'string',
      value: 'COL',
      description: 'the column the model predicts',
      default: 'dataset.label of .rml.json, else a column named label, target, class…',
      group: 'Data',
    },
    text: {
      type: 'string',
      value: 'COL',
      description: 'a free-text column: trains the text classifier',
      default: 'the free-text column, when there is one',
      group: 'Data',
    },
    features: {
      type: 'string',
      value: 'COL[,COL…]',
      description: 'feature columns: trains a tabular classifier',
      default: 'the columns left after the label, sensitive, id, personal-data, proxy, weight and constant ones',
      group: 'Data',
    },
    sensitive: {
      type: 'string',
      value: 'COL[,COL…]',
      description: 'columns for per-group fairness; left out of the features',
      default: 'dataset.sensitive, else suggested from names and values when --label or the features are left out',
      group: 'Data',
    },
    'sensitive-as-features': {
      type: 'boolean',
      description: 'also train on the sensitive columns',
      default: 'off',
      group: 'Data',
    },
    privileged: {
      type: 'string',
      value: 'COL=VALUE[,…]',
      description: "privileged groups for AIF360's metrics",
      default: 'dataset.privileged, else none',
      group: 'Data',
    },
    weight: {
      type: 'string',
      value: 'COL|none',
      description: 'instance weights (never a feature); none: no weights',
      default: 'dataset.weightColumn, else a column named weight',
      group: 'Data',
    },
    'pos-label': {
      type: 'string',
      value: 'VALUE',
      description: 'the favourable class',
      default: 'dataset.favorable, else 1, true or yes',
      group: 'Data',
    },
    test: {
      type: 'string',
      value: 'FILE',
      description: 'a test split file (same columns) instead of the ratio split',
      default: '15 % of the rows',
      group: 'Data',
    },
    validation: {
      type: 'string',
      value: 'FILE',
      description: 'a validation split file (needs --test)',
      default: '15 % of the rows',
      group: 'Data',
    },
    model: {
      type: 'string',
      value: MODELS.join('|'),
      description: 'the model',
      default: 'text-embedding-bag with --text, else logistic-regression',
      group: 'Training',
    },
    'max-tokens': {
      type: 'string',
      value: 'N',
      description: "text models: tokens kept per text (the transformer's sequence length)",
      default: `128; transformer ${TRANSFORMER_DEFAULTS.maxTokens}`,
      group: 'Training',
    },
    vocabulary: {
      type: 'string',
      value: 'N',
      description: 'text models: embedding rows (hash buckets; the transformer takes its BPE ids modulo it)',
      default: '16384',
      group: 'Training',
    },
    layers: {
      type: 'string',
      value: 'N',
      description: 'transformer: encoder layers',
      default: String(TRANSFORMER_DEFAULTS.layers),
      group: 'Training',
    },
    heads: {
      type: 'string',
      value: 'N',
      description: 'transformer: attention heads (must divide --width)',
      default: String(TRANSFORMER_DEFAULTS.heads),
      group: 'Training',
    },
    width: {
      type: 'string',
      value: 'N',
      description: 'transformer: model width (embedding size)',
      default: String(TRANSFORMER_DEFAULTS.width),
      group: 'Training',
    },
    epochs: {
      type: 'string',
      value: 'N',
      description: 'the most epochs to train',
      default: `${TRAINING_DEFAULTS.epochs} (10 with --dp-* or --mitigation)`,
      group: 'Training',
    },
    'early-stopping': {
      type: 'string',
      value: 'on|off',
      description: 'stop when the validation loss stops improving; keep the best epoch',
      default: 'on',
      group: 'Training',
    },
    patience: {
      type: 'string',
      value: 'N',
      description: 'epochs without improvement before stopping',
      default: String(TRAINING_DEFAULTS.patience),
      group: 'Training',
    },
    'class-weight': {
      type: 'string',
      value: 'none|balanced',
      description: "weigh classes as scikit-learn's class_weight",
      default: 'none',
      group: 'Training',
    },
    'batch-size': {
      type: 'string',
      value: 'N',
      description: 'examples per step',
      default: '32, 128 or 512 by data size',
      group: 'Training',
    },
    'learning-rate': {
      type: 'string',
      value: 'X',
      description: "Adam's learning rate",
      default: String(TRAINING_DEFAULTS.learningRate),
      group: 'Training',
    },
    seed: {
      type: 'string',
      value: 'N',
      description: 'seeds the split, the shuffles, the weights and the bootstrap',
      default: String(TRAINING_DEFAULTS.seed),
      group: 'Training',
    },
    backend: {
      type: 'string',
      value: BACKENDS.join('|'),
      description: 'compute backend',
      default: 'auto (TensorFlow with CUDA, else WebGPU on a GPU, else native TensorFlow, else wasm, else cpu)',
      group: 'Training',
    },
    bootstrap: {
      type: 'string',
      value: 'N',
      description: 'bootstrap resamples for the intervals (0: none)',
      default: String(TRAINING_DEFAULTS.bootstrapResamples),
      group: 'Fairness',
    },
    ...disparityOptions('Fairness'),
    'fail-on-disparity': FAIL_ON_DISPARITY,
    'dp-noise': {
      type: 'string',
      value: 'σ',
      description: 'train with DP-SGD at this noise multiplier (needs --dp-clip)',
      default: 'off',
      group: PRIVACY,
    },
    'dp-clip': {
      type: 'string',
      value: 'C',
      description: 'DP-SGD: per-example gradient norm bound',
      default: '1',
      group: PRIVACY,
    },
    'dp-delta': { type: 'string', value: 'δ', description: 'DP-SGD: the δ of (ε, δ)', default: '1e-5', group: PRIVACY },
    'dp-target-epsilon': {
      type: 'string',
      value: 'ε',
      description: 'DP-SGD: find the noise that spends this ε',
      default: 'off',
      group: PRIVACY,
    },
    mitigation: {
      type: 'string',
      value: 'expgrad|regularizer',
      description: 'train under a fairness constraint or penalty',
      default: 'none',
      group: PRIVACY,
    },
    constraint: {
      type: 'string',
      value: 'NAME',
      description:
        'demographic_parity, equalized_odds, error_rate_parity, true_positive_rate_parity or false_positive_rate_parity',
      default: 'required with --mitigation',
      group: PRIVACY,
    },
    eps: {
      type: 'string',
      value: 'X',
      description: 'expgrad: the allowed constraint violation',
      default: '0.01',
      group: PRIVACY,
    },
    lambda: {
      type: 'string',
      value: 'X',
      description: 'regularizer: the weight of the fairness penalty',
      default: '1',
      group: PRIVACY,
    },
    out: { type: 'string', value: 'DIR', description: 'where run folders go', default: '.rml/runs', group: 'Output' },
    format: FORMAT_OPTION,
    config: {
      type: 'string',
      value: 'FILE',
      description: 'use this .rml.json',
      default: 'the nearest .rml.json above the dataset',
      group: 'Output',
    },
  },
  examples: [
    'rml train data/hiring.csv --label hired --features age,degree,years_experience --sensitive sex --privileged sex=M',
    'rml train reviews.csv --label label --text text --sensitive dialect --fail-on-disparity --format json',
    'rml train loans.csv --label approved --features age,income --model mlp --epochs 200 --patience 10 --seed 7',
    'rml train reviews.csv --label label --text text --model transformer --layers 2 --heads 4 --width 64 --max-tokens 64 --backend webgpu',
  ],
  notes: [
    'JSON output: { "runDir", "runId", "backend", "splits", "epochs", "bestEpoch", "stoppedEarly", "test": { "accuracy", ' +
      '"f1", "macroF1", "auc", "logLoss", "expectedCalibrationError" }, "warnings": [ { "code", "message" } ], ' +
      '"fairness", "fairnessByColumn" (as rml fairness), "verdicts": [ { "grouping", "figure", "value", "interval", "verdict" } ] }',
    'Exit codes: 0 trained; 1 with --fail-on-disparity when a disparity is outside its threshold; 2 usage, input or training error.',
  ],
});

type TrainValues = OptionValues<typeof TRAIN_SPEC.options>;

/**
 * `rml train`: trains a classifier on a dataset, writes the run directory, and prints the test metrics with the
 * fairness report (`rml fairness`'s JSON for the same predictions).
 */
export const trainCommand: CliCommand = async (args, io) => {
  try {
    return await trainAndReport(args, io);
  } finally {
    releaseComputeResources(); // a WebGPU device would keep the process running
  }
};

async function trainAndReport(args: string[], io: CliIo): Promise<number> {
  const { config, format, failOnDisparity } = await parseTrainArgs(args, io);
  tf.enableProdMode(); // tfjs' advice on stderr ("install our node backend") would repeat what the job logs
  const cancel = new AbortController();
  const onInterrupt = () => cancel.abort();
  process.once('SIGINT', onInterrupt);
  let result: RunResult;
  try {
    const onEvent = (event: JobEvent) => event.kind === 'log' && io.stderr(`${forTerminal(event.line)}\n`);
    result = await runTrainingJob(config, { onEvent, signal: cancel.signal }, io.cwd);
  } catch (error) {
    if (error instanceof TrainingConfigError || error instanceof DatasetError) throw new UsageError(error.message);
    throw error;
  } finally {
    process.removeListener('SIGINT', onInterrupt);
  }
  if (result.state === 'cancelled' || !result.test) {
    io.stderr(`rml train: cancelled; the run in ${result.runDir} is marked cancelled\n`);
    return EXIT_ERROR;
  }
  // Attribution reads tensors synchronously, which webgpu cannot: it runs on the next backend of the chain.
  if (result.backend.name === 'webgpu') {
    const { extraModuleDirs, wasmDir } = config;
    await selectSynchronousBackend('webgpu', {
      ...(extraModuleDirs ? { extraModuleDirs } : {}),
      ...(wasmDir ? { wasmDir } : {}),
    });
  }
  await recordAttribution(result.runDir, io);
  const thresholds = { ...DEFAULT_DISPARITY_THRESHOLDS, ...config.fairnessThresholds };
  const summary = trainSummary(result, result.test, thresholds);
  io.stdout(format === 'json' ? `${JSON.stringify(summary, null, 2)}\n` : renderText(summary, thresholds));
  const outside = summary.verdicts.filter((verdict) => verdict.verdict === 'outside');
  return failOnDisparity && outside.length > 0 ? EXIT_FINDINGS : EXIT_OK;
}

/** The run's attribution.json (global importance per group, counterfactual gap), as the editor records it after training. */
async function recordAttribution(runDir: string, io: CliIo): Promise<void> {
  try {
    const attribution = await attributeCompletedRun(runDir);
    const gap = attribution.counterfactual ? `, counterfactual gap ${attribution.counterfactual.gap.toFixed(4)}` : '';
    io.stderr(`attribution: global importance on ${attribution.globalImportance.examples} test examples${gap}\n`);
  } catch (error) {
    io.stderr(`attribution not recorded: ${(error as Error).message}\n`);
  }
}

async function parseTrainArgs(
  args: string[],
  io: CliIo,
): Promise<{ config: TrainingConfig; format: 'json' | 'text'; failOnDisparity: boolean }> {
  const { values, positionals } = parseCommand(TRAIN_SPEC, args);
  if (positionals.length !== 1) throw new UsageError(`expected one dataset file\n${usageLine('train', TRAIN_SPEC)}`);
  const dataset = positionals[0] ?? '';
  const explicitConfig = values.config === undefined ? undefined : path.resolve(io.cwd, values.config);
  const { dataset: settings } = await configForDataset(path.resolve(io.cwd, dataset), explicitConfig);
  if (values.text && values.features)
    throw new UsageError(`give --text or --features, not both\n${usageLine('train', TRAIN_SPEC)}`);
  if (values.validation && !values.test) throw new UsageError('--validation needs --test (split files)');
  const chosen = await chooseTrainingColumns(path.resolve(io.cwd, dataset), settings, {
    label: values.label ?? settings?.label,
    text: values.text,
    features: values.features === undefined ? undefined : parseList(values.features),
    sensitive:
      values.sensitive === undefined
        ? await configuredSensitive(dataset, io, settings?.sensitive)
        : parseList(values.sensitive),
  });
  if (chosen.note) io.stderr(`note: ${chosen.note}\n`);
  const { label } = chosen;
  const sensitive = chosen.sensitive ?? [];
  const config: TrainingConfig = {
    dataset,
    label,
    ...(chosen.text !== undefined ? { text: chosen.text } : { features: chosen.features ?? [] }),
    sensitive,
    sensitiveAsFeatures: values['sensitive-as-features'] ?? false,
    privileged: privilegedOf(values, settings?.privileged, sensitive),
    ...modelOf(values),
    ...weightOf(values.weight, settings?.weightColumn),
    classWeight: oneOf('class-weight', values['class-weight'] ?? 'none', ['none', 'balanced'] as const),
    ...positiveClassOf(values['pos-label'], label, settings),
    ...trainingNumbers(values),
    ...(values.test
      ? {
          split: {
            kind: 'files' as const,
            test: values.test,
            ...(values.validation ? { validation: values.validation } : {}),
          },
        }
      : {}),
    fairnessThresholds: disparityThresholds(values, settings),
    backend: oneOf('backend', values.backend ?? 'auto', BACKENDS) as BackendPreference,
    ...(values.out ? { runsRoot: values.out } : {}),
    ...mitigationOptions(values),
  };
  return { config, format: parseFormatOption(values.format), failOnDisparity: values['fail-on-disparity'] ?? false };
}

/**
 * `.rml.json`'s sensitive columns that this dataset has: one config serves several datasets, so a column another
 * dataset has is left out with a note rather than failing the run.
 */
async function configuredSensitive(
  dataset: string,
  io: CliIo,
  configured: string[] | undefined,
): Promise<string[] | undefined> {
  if (!configured || configured.length === 0) return undefined;
  const file = path.resolve(io.cwd, dataset);
  let columns: string[];
  try {
    columns = await peekColumns(file, inferFormat(file));
  } catch {
    return configured; // unreadable or of unknown format: the job reports it with its position
  }
  const missing = configured.filter((column) => !columns.includes(column));
  if (missing.length > 0)
    io.stderr(`note: .rml.json's sensitive ${missing.map((c) => `'${c}'`).join(', ')} not in ${dataset}: left out\n`);
  return configured.filter((column) => columns.includes(column));
}

/** `--privileged`, else `.rml.json`'s privileged values for the sensitive columns in use. */
function privilegedOf(values: TrainValues, configured: Record<string, string> | undefined, sensitive: string[]) {
  if (values.privileged !== undefined) return parseAssignments(values.privileged);
  return Object.entries(configured ?? {})
    .filter(([column]) => sensitive.includes(column))
    .map(([column, value]) => ({ column, value }));
}

/** `--pos-label`, else `.rml.json`'s favourable value when it is about this label (not another dataset's). */
function positiveClassOf(option: string | undefined, label: string, settings: DatasetSettings | undefined) {
  if (option !== undefined) return { positiveClass: option };
  const aboutThisLabel = settings?.label === undefined || settings.label === label;
  return settings?.favorable !== undefined && aboutThisLabel ? { positiveClass: settings.favorable } : {};
}

function weightOf(
  option: string | undefined,
  configured: string | undefined,
): Pick<TrainingConfig, 'weight' | 'weightSource'> {
  if (option === 'none') return { weight: false };
  if (option !== undefined) return { weight: option, weightSource: 'option' };
  return configured === undefined ? {} : { weight: configured, weightSource: 'config' };
}

/** `--model` and the size options; the job's config checks what they combine to (transformer options need the transformer). */
function modelOf(values: TrainValues): Pick<TrainingConfig, 'model'> {
  const integer = (name: 'max-tokens' | 'vocabulary' | 'layers' | 'heads' | 'width') =>
    values[name] === undefined ? undefined : parseIntegerOption(name, values[name], 0);
  const transformer = { layers: integer('layers'), heads: integer('heads'), width: integer('width') };
  const sized = Object.values(transformer).some((value) => value !== undefined);
  const model: ModelSpec = {
    ...(values.model ? { kind: oneOf('model', values.model, MODELS) as ModelKind } : {}),
    ...(integer('max-tokens') !== undefined ? { maxTokens: integer('max-tokens')! } : {}),
    ...(integer('vocabulary') !== undefined ? { hashBuckets: integer('vocabulary')! } : {}),
    ...(sized
      ? { transformer: Object.fromEntries(Object.entries(transformer).filter(([, value]) => value !== undefined)) }
      : {}),
  };
  return Object.keys(model).length > 0 ? { model } : {};
}

function trainingNumbers(values: TrainValues): Partial<TrainingConfig> {
  const learningRate = values['learning-rate'] === undefined ? undefined : Number(values['learning-rate']);
  if (learningRate !== undefined && !(learningRate > 0))
    throw new UsageError(`--learning-rate must be a positive number (got '${values['learning-rate']}')`);
  const bootstrap = parseIntegerOption('bootstrap', values.bootstrap, TRAINING_DEFAULTS.bootstrapResamples);
  if (bootstrap < 0) throw new UsageError(`--bootstrap must be 0 or more (got ${bootstrap})`);
  return {
    ...(values.epochs !== undefined
      ? { epochs: parseIntegerOption('epochs', values.epochs, TRAINING_DEFAULTS.epochs) }
      : {}),
    earlyStopping: oneOf('early-stopping', values['early-stopping'] ?? 'on', ['on', 'off'] as const) === 'on',
    patience: parseIntegerOption('patience', values.patience, TRAINING_DEFAULTS.patience),
    ...(values['batch-size'] ? { batchSize: parseIntegerOption('batch-size', values['batch-size'], 0) } : {}),
    ...(learningRate === undefined ? {} : { learningRate }),
    seed: parseIntegerOption('seed', values.seed, TRAINING_DEFAULTS.seed),
    bootstrapResamples: bootstrap,
  };
}
