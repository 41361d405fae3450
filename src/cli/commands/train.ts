import * as tf from '@tensorflow/tfjs';
import path from 'node:path';
import { releaseComputeResources, selectSynchronousBackend, type BackendPreference } from '../../engine/compute';
import {
  TrainingConfigError,
  TRAINING_DEFAULTS,
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
import { parseCommand, usageLine } from '../options';
import { disparityThresholds, oneOf, parseFormatOption } from './common';
import '../../engine/mitigation/register'; // private and constrained training (--dp-*, --mitigation)
import { mitigationOptions } from './trainMitigation';
import { forTerminal } from '../backendNotes';
import { renderText, trainSummary } from './trainSummary';
export type { TrainSummary } from './trainSummary';
import { chooseTrainingColumns } from './trainColumns';
import { attributeCompletedRun } from '../../engine/attribution';
import { BACKENDS, MODELS, TRAIN_SPEC, type TrainValues } from './trainSpec';
export { TRAIN_SPEC } from './trainSpec';

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
