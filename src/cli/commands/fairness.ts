import path from 'node:path';
import { type PrivilegedAssignment, fairnessReport, type FairnessReport } from '../../engine/fairness';
import { DatasetError, readDataTable, type CellCheck } from '../../engine/training';
import type { DisparityThresholds } from '../../shared/disparities';
import { parseAssignments, parseIntegerOption, parseList } from '../args';
import { configForDataset } from '../datasetConfig';
import { assessReport, bootstrapText, fairnessTables, type DisparityVerdictJson } from '../fairnessText';
import { EXIT_FINDINGS, EXIT_OK, UsageError, type CliCommand } from '../io';
import { defineCommand, parseCommand, usageLine } from '../options';
import { disparityOptions, disparityThresholds, FAIL_ON_DISPARITY, FORMAT_OPTION, parseFormatOption } from './common';

/** `rml train`'s defaults, so `rml fairness` on a run's predictions.csv repeats the run's intervals exactly. */
const DEFAULT_RESAMPLES = 1000;
const DEFAULT_SEED = 42;

export const FAIRNESS_SPEC = defineCommand({
  usage: '<predictions.csv> --y-true COL --y-pred COL --sensitive COL[,COL…] [options]',
  description:
    "Fairlearn's group metrics (MetricFrame rates, demographic parity, equalized odds, equal opportunity) and, with " +
    "--privileged, AIF360's (statistical parity difference, disparate impact, average odds difference) of the " +
    "predictions in a CSV, with bootstrap intervals and a verdict per disparity. A run's predictions.csv gives exactly " +
    "that run's fairness figures.",
  options: {
    'y-true': { type: 'string', value: 'COL', description: 'the true labels', required: true, group: 'Data' },
    'y-pred': { type: 'string', value: 'COL', description: 'the predicted labels', required: true, group: 'Data' },
    sensitive: {
      type: 'string',
      value: 'COL[,COL…]',
      description: "sensitive columns; several make intersectional groups 'F,black'",
      required: true,
      group: 'Data',
    },
    'pos-label': {
      type: 'string',
      value: 'VALUE',
      description: 'the favourable label',
      default: '1, true or yes as spelled in the file',
      group: 'Data',
    },
    privileged: {
      type: 'string',
      value: 'COL=VALUE[,…]',
      description: "privileged groups: adds AIF360's metrics",
      default: 'none',
      group: 'Data',
    },
    'sample-weight': {
      type: 'string',
      value: 'COL',
      description: 'sample weights (numbers ≥ 0)',
      default: 'none',
      group: 'Data',
    },
    bootstrap: {
      type: 'string',
      value: 'N',
      description: 'bootstrap resamples for the intervals (0: none)',
      default: String(DEFAULT_RESAMPLES),
      group: 'Fairness',
    },
    seed: {
      type: 'string',
      value: 'N',
      description: "the bootstrap's seed",
      default: `${DEFAULT_SEED}, as rml train`,
      group: 'Fairness',
    },
    ...disparityOptions('Fairness'),
    'fail-on-disparity': FAIL_ON_DISPARITY,
    format: FORMAT_OPTION,
    config: {
      type: 'string',
      value: 'FILE',
      description: 'the .rml.json for the thresholds',
      default: 'the nearest .rml.json above the file',
      group: 'Output',
    },
  },
  examples: [
    'rml fairness .rml/runs/<id>/predictions.csv --y-true y_true --y-pred y_pred --sensitive sex --privileged sex=M',
    'rml fairness preds.csv --y-true label --y-pred predicted --sensitive sex,race --fail-on-disparity --format json',
  ],
  notes: [
    'JSON output: { "overall": { "count", "accuracy", "selectionRate", "truePositiveRate", "falsePositiveRate" }, "byGroup", ' +
      '"demographicParityDifference", "demographicParityRatio", "equalizedOddsDifference", "equalizedOddsRatio", ' +
      '"equalOpportunityDifference", "equalOpportunityRatio", AIF360\'s with --privileged, "intervals", "verdicts" }',
    'Exit codes: 0 computed; 1 with --fail-on-disparity when a disparity is outside its threshold; 2 usage or input error.',
  ],
});

/** Favourable labels tried, in order, when --pos-label is not given. */
const DEFAULT_POSITIVE_LABELS = ['1', 'true', 'yes'];

interface FairnessOptions {
  file: string;
  yTrue: string;
  yPred: string;
  sensitive: string[];
  posLabel?: string;
  privileged?: PrivilegedAssignment[];
  sampleWeight?: string;
  bootstrap?: { resamples: number; seed: number };
  format: 'json' | 'text';
  failOnDisparity: boolean;
  thresholds: DisparityThresholds;
}

/** `rml fairness --format json`: the report, then each disparity's verdict. */
export type FairnessOutput = FairnessReport & { verdicts: DisparityVerdictJson[] };

/**
 * `rml fairness`: Fairlearn's and AIF360's group metrics of a model's predictions stored in a CSV, as the JSON
 * of `fairnessReport` (2-space indent) or a readable table.
 */
export const fairnessCommand: CliCommand = async (args, io) => {
  const options = await parseFairnessArgs(args, io.cwd);
  const display = options.file;
  const table = await readColumns(path.resolve(io.cwd, options.file), display, options);
  const labels = [...(table.get(options.yTrue) ?? []), ...(table.get(options.yPred) ?? [])];
  const posLabel = choosePositiveLabel(labels, options, display);
  let report: FairnessReport;
  try {
    report = fairnessReport({
      yTrue: table.get(options.yTrue) ?? [],
      yPred: table.get(options.yPred) ?? [],
      sensitive: Object.fromEntries(options.sensitive.map((column) => [column, table.get(column) ?? []])),
      posLabel,
      privileged: options.privileged,
      sampleWeight:
        options.sampleWeight === undefined ? undefined : (table.get(options.sampleWeight) ?? []).map(Number),
      bootstrap: options.bootstrap,
    });
  } catch (error) {
    throw new UsageError(`${display}: ${(error as Error).message}`);
  }
  const verdicts = assessReport(options.sensitive.join(','), report, options.thresholds, []);
  const output: FairnessOutput = { ...report, verdicts };
  io.stdout(options.format === 'json' ? `${JSON.stringify(output, null, 2)}\n` : renderText(output, options, posLabel));
  return options.failOnDisparity && verdicts.some((verdict) => verdict.verdict === 'outside') ? EXIT_FINDINGS : EXIT_OK;
};

function required(name: string, value: string | undefined): string {
  if (value === undefined || value.trim() === '')
    throw new UsageError(`--${name} is required\n${usageLine('fairness', FAIRNESS_SPEC)}`);
  return value.trim();
}

async function parseFairnessArgs(args: string[], cwd: string): Promise<FairnessOptions> {
  const { values, positionals } = parseCommand(FAIRNESS_SPEC, args);
  if (positionals.length !== 1)
    throw new UsageError(`expected one predictions CSV file\n${usageLine('fairness', FAIRNESS_SPEC)}`);
  const file = positionals[0] ?? '';
  const sensitive = parseList(required('sensitive', values.sensitive));
  const privileged = parseAssignments(values.privileged);
  const resamples = parseIntegerOption('bootstrap', values.bootstrap, DEFAULT_RESAMPLES);
  if (resamples < 0) throw new UsageError(`--bootstrap must be ≥ 0 (got ${resamples})`);
  const seed = parseIntegerOption('seed', values.seed, DEFAULT_SEED);
  const format = parseFormatOption(values.format);
  const explicitConfig = values.config === undefined ? undefined : path.resolve(cwd, values.config);
  const { dataset } = await configForDataset(path.resolve(cwd, file), explicitConfig);
  return {
    file,
    yTrue: required('y-true', values['y-true']),
    yPred: required('y-pred', values['y-pred']),
    sensitive,
    posLabel: values['pos-label']?.trim(),
    privileged: privileged.length > 0 ? privileged : undefined,
    sampleWeight: values['sample-weight']?.trim(),
    bootstrap: resamples > 0 ? { resamples, seed } : undefined,
    format,
    failOnDisparity: values['fail-on-disparity'] ?? false,
    thresholds: disparityThresholds(values, dataset),
  };
}

const emptyValue =
  (column: string): CellCheck =>
  (value) =>
    value.trim() === '' ? `empty value in column '${column}'` : undefined;

const weightValue =
  (column: string): CellCheck =>
  (value) => {
    const weight = Number(value);
    return value.trim() !== '' && Number.isFinite(weight) && weight >= 0
      ? undefined
      : `sample weight '${value}' in column '${column}' is not a number ≥ 0`;
  };

/** The needed columns of the CSV, read with the engine's table reader (the one training uses). */
async function readColumns(file: string, display: string, options: FairnessOptions): Promise<Map<string, string[]>> {
  const wanted = [
    ...new Set([
      options.yTrue,
      options.yPred,
      ...options.sensitive,
      ...(options.sampleWeight ? [options.sampleWeight] : []),
    ]),
  ];
  const checks = Object.fromEntries(
    wanted.map((column) => [column, column === options.sampleWeight ? weightValue(column) : emptyValue(column)]),
  );
  try {
    const table = await readDataTable(file, 'csv', wanted, checks);
    return new Map([...table.values].map(([column, values]) => [column, values.map((value) => value.trim())]));
  } catch (error) {
    const code =
      ((error as Error).cause as NodeJS.ErrnoException | undefined)?.code ?? (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new UsageError(`${display}: no such file`);
    if (code === 'EISDIR') throw new UsageError(`${display}: is a directory, expected a CSV file`);
    const message = (error as Error).message;
    throw new UsageError(error instanceof DatasetError ? message.split(file).join(display) : `${display}: ${message}`);
  }
}

/** --pos-label when given (it must occur); else 1, true or yes as spelled in the file. */
function choosePositiveLabel(labels: readonly string[], options: FairnessOptions, display: string): string {
  const distinct = [...new Set(labels)];
  const columns = `'${options.yTrue}' or '${options.yPred}'`;
  if (options.posLabel !== undefined) {
    if (!distinct.includes(options.posLabel)) {
      throw new UsageError(
        `${display}: --pos-label '${options.posLabel}' does not occur in columns ${columns} (labels: ${distinct.join(', ')})`,
      );
    }
    return options.posLabel;
  }
  for (const candidate of DEFAULT_POSITIVE_LABELS) {
    const found = distinct.find((label) => label.toLowerCase() === candidate);
    if (found !== undefined) return found;
  }
  throw new UsageError(`${display}: cannot tell the favourable label among ${distinct.join(', ')}: give --pos-label`);
}

function renderText(output: FairnessOutput, options: FairnessOptions, posLabel: string): string {
  const heading =
    `Fairness of '${options.yPred}' against '${options.yTrue}' in ${options.file} ` +
    `(favourable label '${posLabel}'; ${bootstrapText(output)})`;
  const tables = fairnessTables(output, {
    groupsTitle: options.sensitive.join(','),
    thresholds: options.thresholds,
    verdicts: output.verdicts,
  });
  return `${heading}\n\n${tables}\n`;
}
