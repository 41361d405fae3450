import * as tf from '@tensorflow/tfjs';
import type { BackendPreference } from '../../engine/compute/types';
import type { EvaluationReport } from '../../engine/evaluation/types';
import type { FairnessReport } from '../../engine/fairness/report';
import { TrainingConfigError } from '../../engine/training/config';
import { DatasetError } from '../../engine/training/data/table';
import '../../engine/mitigation/register'; // private and constrained training (--dp-*, --mitigation)
import { runTrainingJob } from '../../engine/training/job';
import { attributeCompletedRun } from '../../engine/attribution/runAttribution';
import { mitigationLines, mitigationOptions, MITIGATION_OPTIONS, MITIGATION_USAGE } from './trainMitigation';
import type { ModelKind, RunResult, TrainingConfig } from '../../engine/training/types';
import { parseAssignments, parseCommandLine, parseFormat, parseIntegerOption, parseList } from '../args';
import { EXIT_ERROR, EXIT_OK, UsageError, type CliCommand } from '../io';

export const TRAIN_USAGE =
  'rml train <file> --label COL (--text COL | --features COL[,COL…]) [--sensitive COL[,COL…] [--sensitive-as-features]] [--privileged COL=VALUE[,…]] ' +
  '[--model text-embedding-bag|logistic-regression|mlp] [--weight COL] [--class-weight none|balanced] [--pos-label VALUE] ' +
  '[--epochs N] [--batch-size N] [--learning-rate X] [--seed N] [--test FILE [--validation FILE]] [--bootstrap N] ' +
  '[--backend auto|tensorflow|wasm|cpu] [--out DIR] [--format json|text]' + MITIGATION_USAGE;

const BACKENDS = ['auto', 'tensorflow', 'wasm', 'cpu'] as const;
const MODELS = ['text-embedding-bag', 'logistic-regression', 'mlp'] as const;

/**
 * `rml train`: trains a classifier on a dataset, writes the run directory, and prints the test metrics with the
 * fairness report (`rml fairness`'s JSON for the same predictions). Exit 0, or 2 on a usage, input or training error.
 */
export const trainCommand: CliCommand = async (args, io) => {
  const { config, format } = parseTrainArgs(args);
  tf.enableProdMode(); // tfjs' advice on stderr ("install our node backend") would repeat what the job logs
  const cancel = new AbortController();
  const onInterrupt = () => cancel.abort();
  process.once('SIGINT', onInterrupt);
  let result: RunResult;
  try {
    result = await runTrainingJob(config, { onEvent: (event) => event.kind === 'log' && io.stderr(`${event.line}\n`), signal: cancel.signal }, io.cwd);
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
  await recordAttribution(result.runDir, io);
  const summary = trainSummary(result, result.test);
  io.stdout(format === 'json' ? `${JSON.stringify(summary, null, 2)}\n` : renderText(summary));
  return EXIT_OK;
};

/** The run's attribution.json (global importance per group, counterfactual gap), as the editor records it after training. */
async function recordAttribution(runDir: string, io: Parameters<CliCommand>[1]): Promise<void> {
  try {
    const attribution = await attributeCompletedRun(runDir);
    const gap = attribution.counterfactual ? `, counterfactual gap ${attribution.counterfactual.gap.toFixed(4)}` : '';
    io.stderr(`attribution: global importance on ${attribution.globalImportance.examples} test examples${gap}\n`);
  } catch (error) {
    io.stderr(`attribution not recorded: ${(error as Error).message}\n`);
  }
}

function parseTrainArgs(args: string[]): { config: TrainingConfig; format: 'json' | 'text' } {
  const { values, positionals } = parseCommandLine(args, {
    label: { type: 'string' },
    text: { type: 'string' },
    features: { type: 'string' },
    sensitive: { type: 'string' },
    'sensitive-as-features': { type: 'boolean' },
    privileged: { type: 'string' },
    model: { type: 'string' },
    weight: { type: 'string' },
    'class-weight': { type: 'string' },
    'pos-label': { type: 'string' },
    epochs: { type: 'string' },
    'batch-size': { type: 'string' },
    'learning-rate': { type: 'string' },
    seed: { type: 'string' },
    test: { type: 'string' },
    validation: { type: 'string' },
    bootstrap: { type: 'string' },
    backend: { type: 'string' },
    out: { type: 'string' },
    format: { type: 'string' },
    ...MITIGATION_OPTIONS,
  });
  if (positionals.length !== 1) throw new UsageError(`expected one dataset file\nusage: ${TRAIN_USAGE}`);
  if (!values.label) throw new UsageError(`--label is required\nusage: ${TRAIN_USAGE}`);
  if (Boolean(values.text) === Boolean(values.features)) throw new UsageError(`give --text or --features (one of them)\nusage: ${TRAIN_USAGE}`);
  if (values.validation && !values.test) throw new UsageError('--validation needs --test (split files)');
  const learningRate = values['learning-rate'] === undefined ? undefined : Number(values['learning-rate']);
  const config: TrainingConfig = {
    dataset: positionals[0] ?? '',
    label: values.label,
    ...(values.text ? { text: values.text } : { features: parseList(values.features) }),
    sensitive: parseList(values.sensitive),
    sensitiveAsFeatures: values['sensitive-as-features'] ?? false,
    privileged: parseAssignments(values.privileged),
    ...(values.model ? { model: { kind: oneOf('model', values.model, MODELS) as ModelKind } } : {}),
    ...(values.weight ? { weight: values.weight } : {}),
    classWeight: oneOf('class-weight', values['class-weight'] ?? 'none', ['none', 'balanced'] as const),
    ...(values['pos-label'] ? { positiveClass: values['pos-label'] } : {}),
    epochs: parseIntegerOption('epochs', values.epochs, 10),
    ...(values['batch-size'] ? { batchSize: parseIntegerOption('batch-size', values['batch-size'], 0) } : {}),
    ...(learningRate === undefined ? {} : { learningRate }),
    seed: parseIntegerOption('seed', values.seed, 42),
    ...(values.test ? { split: { kind: 'files' as const, test: values.test, ...(values.validation ? { validation: values.validation } : {}) } } : {}),
    bootstrapResamples: parseIntegerOption('bootstrap', values.bootstrap, 0),
    backend: oneOf('backend', values.backend ?? 'auto', BACKENDS) as BackendPreference,
    ...(values.out ? { runsRoot: values.out } : {}),
    ...mitigationOptions(values),
  };
  return { config, format: parseFormat(values.format, ['json', 'text'] as const, 'text') };
}

function oneOf<T extends string>(name: string, value: string, allowed: readonly T[]): T {
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new UsageError(`--${name} must be one of ${allowed.join(', ')} (got '${value}')`);
}

/** The JSON of `rml train --format json`. */
export interface TrainSummary {
  runDir: string;
  runId: string;
  backend: RunResult['backend'];
  splits: RunResult['splits'];
  epochs: number;
  test: {
    examples: number;
    accuracy: number;
    /** Binary: F1 of the positive class (scikit-learn's default); more classes: macro F1. */
    f1: number;
    macroF1: number;
    /** ROC AUC (binary) or macro one-vs-rest; null when undefined on this test split. */
    auc: number | null;
    logLoss: number;
    expectedCalibrationError: number;
  };
  /** The fairness report of `rml fairness` with the same sensitive columns (their intersection when several). */
  fairness?: FairnessReport;
  fairnessByColumn?: Record<string, FairnessReport>;
  /** Private or constrained runs: mitigation.json (constraint, achieved disparity and accuracy, final ε). */
  mitigation?: RunResult['mitigation'];
}

export function trainSummary(result: RunResult, test: EvaluationReport): TrainSummary {
  const positive = test.classes.indexOf(result.positiveClass ?? test.classes.at(-1)!);
  const binary = test.classes.length === 2;
  const byColumn = test.fairness ? Object.fromEntries(Object.entries(test.fairness.byColumn).map(([column, entry]) => [column, entry.report])) : undefined;
  const single = byColumn && Object.keys(byColumn).length === 1 ? Object.values(byColumn)[0] : undefined;
  const fairness = test.fairness?.intersection?.report ?? single;
  return {
    runDir: result.runDir,
    runId: result.id,
    backend: result.backend,
    splits: result.splits,
    epochs: result.epochs.length,
    test: {
      examples: test.examples,
      accuracy: test.accuracy,
      f1: binary ? (test.perClass[positive]?.f1 ?? test.macroF1) : test.macroF1,
      macroF1: test.macroF1,
      auc: test.rocAuc,
      logLoss: test.logLoss,
      expectedCalibrationError: test.calibration.expectedCalibrationError,
    },
    ...(fairness ? { fairness } : {}),
    ...(byColumn ? { fairnessByColumn: byColumn } : {}),
    ...(result.mitigation ? { mitigation: result.mitigation } : {}),
  };
}

function renderText(summary: TrainSummary): string {
  const number = (value: number | null) => (value === null ? 'n/a' : value.toFixed(3));
  const lines = [
    `run ${summary.runId}: ${summary.runDir}`,
    `backend: ${summary.backend.detail}`,
    ...summary.backend.warnings.map((warning) => `warning: ${warning}`),
    `split: ${summary.splits.train} train / ${summary.splits.validation} validation / ${summary.splits.test} test, ${summary.epochs} epochs`,
    `test: accuracy ${number(summary.test.accuracy)}, F1 ${number(summary.test.f1)}, ROC AUC ${number(summary.test.auc)}, log loss ${number(summary.test.logLoss)}`,
  ];
  for (const [column, report] of Object.entries(summary.fairnessByColumn ?? {})) {
    lines.push(
      `fairness by ${column}: demographic parity difference ${number(report.demographicParityDifference)} (ratio ${number(report.demographicParityRatio)}), ` +
        `equalized odds difference ${number(report.equalizedOddsDifference)}`,
    );
    for (const [group, rates] of Object.entries(report.byGroup)) {
      lines.push(`  ${group}: n ${rates.count}, selection rate ${number(rates.selectionRate)}, TPR ${number(rates.truePositiveRate)}, FPR ${number(rates.falsePositiveRate)}`);
    }
  }
  lines.push(...mitigationLines(summary.mitigation));
  return `${lines.join('\n')}\n`;
}

