import path from 'node:path';
import { writeFileAtomically } from '../../engine/io';
import {
  expectedFairness,
  type ExpectedFairness,
  CONSTRAINTS,
  fitThresholdOptimizer,
  OBJECTIVES_FOR_SIMPLE,
  positiveProbabilities,
  THRESHOLD_DEFAULTS,
  type FittedThresholds,
  type ThresholdConstraint,
  type ThresholdObjective,
  DegenerateLabelsError,
  describeOperation,
} from '../../engine/mitigation';
import { readRun, RUN_FILES } from '../../engine/runs';
import { seededRandom } from '../../engine/training';
import { parseFormat, parseIntegerOption, parseList } from '../args';
import { defineCommand, parseCommand, usageLine } from '../options';
import { EXIT_OK, UsageError, type CliCommand, type CliIo } from '../io';
import { runDirOption } from '../runOption';
import { columnIndex, csvWithColumns, groupColumn, numberColumn, readCsvTable, type CsvTable } from './csvTable';

export const THRESHOLDS_SPEC = defineCommand({
  usage: '[PRED.csv --y-true COL --score COL --sensitive COL[,COL…] | --run DIR] [options]',
  description:
    'Group-specific randomized thresholds (Fairlearn ThresholdOptimizer, Hardt et al. 2016) fitted to a predictions ' +
    'CSV with scores — from a run (its test-split predictions.csv) or from a model trained anywhere.',
  options: {
    'y-true': {
      type: 'string',
      value: 'COL',
      description: 'true labels',
      default: "the run's, with --run",
      group: 'Data',
    },
    score: {
      type: 'string',
      value: 'COL',
      description: "the model's score for the favourable label (higher = more favourable)",
      default: "the run's, with --run",
      group: 'Data',
    },
    sensitive: {
      type: 'string',
      value: 'COL[,…]',
      description: "sensitive columns; several make intersectional groups joined with ','",
      default: "the run's, with --run",
      group: 'Data',
    },
    run: {
      type: 'string',
      value: 'DIR',
      description: 'take PRED.csv, --y-true, --score, --sensitive and --pos-label from a training run (folder or id)',
      default: 'the latest completed run, when no PRED.csv is given',
      group: 'Data',
    },
    'pos-label': {
      type: 'string',
      value: 'VALUE',
      description: 'the favourable label',
      default: '1, true or yes as spelled in the file',
      group: 'Data',
    },
    'y-pred': {
      type: 'string',
      value: 'COL',
      description: 'the predictions "before" is measured on',
      default: 'score > 0.5',
      group: 'Data',
    },
    holdout: {
      type: 'string',
      value: 'FILE',
      description: 'a second predictions CSV with the same columns: before/after measured on it too (held out)',
      default: 'none',
      group: 'Data',
    },
    constraint: {
      type: 'string',
      value: 'NAME',
      description: CONSTRAINTS.join(' | '),
      default: THRESHOLD_DEFAULTS.constraint,
      group: 'Optimizer',
    },
    objective: {
      type: 'string',
      value: 'NAME',
      description: `${OBJECTIVES_FOR_SIMPLE.join(' | ')} (equalized_odds allows only the two accuracies)`,
      default: THRESHOLD_DEFAULTS.objective,
      group: 'Optimizer',
    },
    'grid-size': {
      type: 'string',
      value: 'N',
      description: 'grid intervals over the constraint metric (N + 1 points)',
      default: String(THRESHOLD_DEFAULTS.gridSize),
      group: 'Optimizer',
    },
    flip: {
      type: 'boolean',
      description: 'also allow flipped rules (score below the threshold → favourable)',
      default: 'off, as Fairlearn',
      group: 'Optimizer',
    },
    out: {
      type: 'string',
      value: 'FILE',
      description: 'write the rows plus p_positive (P(favourable) under the thresholds) and a seeded y_pred draw',
      default: 'none',
      group: 'Output',
    },
    seed: { type: 'string', value: 'N', description: 'seed of the y_pred draw', default: '0', group: 'Output' },
    format: { type: 'string', value: 'json|text', description: 'output format', default: 'text', group: 'Output' },
  },
  examples: [
    'rml thresholds preds.csv --y-true label --score p_yes --sensitive sex --constraint equalized_odds --out adjusted.csv',
    'rml thresholds --run .rml/runs/<id> --format json',
  ],
  notes: [
    'JSON output: { "constraint", "objective", "gridSize", "flip", "positiveLabel", "rows", "groups": { "<g>": { "p0", ' +
      '"operation0", "threshold0", "p1", "operation1", "threshold1", "pIgnore"?, "predictionConstant"? } }, "best": { "x", ' +
      '"objective" }, "before", "after", "holdout"?: { "rows", "before", "after" }, "out"?: { "file", "probabilityColumn", ' +
      '"predictionColumn" } }; before/after: { "overall", "byGroup", "demographicParityDifference", "demographicParityRatio", ' +
      '"equalizedOddsDifference", "equalOpportunityDifference", "accuracyDifference" }; "after" is the expectation over the ' +
      'randomized rules. Thresholds ±∞ are written as "Infinity" / "-Infinity".',
  ],
});

const DEFAULT_POSITIVE_LABELS = ['1', 'true', 'yes'];

interface ThresholdsOptions {
  file: string;
  yTrue: string;
  score: string;
  sensitive: string[];
  posLabel?: string;
  yPred?: string;
  constraint: ThresholdConstraint;
  objective: ThresholdObjective;
  gridSize: number;
  flip: boolean;
  holdout?: string;
  out?: string;
  seed: number;
  format: 'json' | 'text';
}

/** `rml thresholds`: exit 0, or 2 on a usage or input error (e.g. degenerate labels in a group). */
export const thresholdsCommand: CliCommand = async (args, io) => {
  const options = await parseThresholdsArgs(args, io);
  const table = await readCsvTable(path.resolve(io.cwd, options.file), options.file);
  const data = columnsOf(table, options);
  let fitted: FittedThresholds;
  try {
    fitted = fitThresholdOptimizer(data.scores, data.labels, data.groups, options);
  } catch (error) {
    throw new UsageError(`${options.file}: ${(error as Error).message}${degenerateHint(error, options.sensitive)}`);
  }
  const after = positiveProbabilities(fitted, data.scores, data.groups);
  const report: Record<string, unknown> = {
    constraint: fitted.constraint,
    objective: fitted.objective,
    gridSize: fitted.gridSize,
    flip: fitted.flip,
    positiveLabel: data.positiveLabel,
    rows: table.rows.length,
    groups: groupsJson(fitted),
    best: fitted.best,
    before: expectedFairness(data.labels, data.before, data.groups),
    after: expectedFairness(data.labels, after, data.groups),
  };
  if (options.holdout) report.holdout = await holdoutReport(options, fitted, data.positiveLabel, io.cwd);
  if (options.out) {
    const random = seededRandom(options.seed, 'thresholds');
    const draws = Array.from(after, (p) => (p >= random() ? data.positiveLabel : data.negativeLabel));
    const names = outColumnNames(table);
    await writeFileAtomically(
      path.resolve(io.cwd, options.out),
      csvWithColumns(table, { [names.probability]: after, [names.prediction]: draws }),
    );
    report.out = { file: options.out, probabilityColumn: names.probability, predictionColumn: names.prediction };
  }
  io.stdout(options.format === 'json' ? `${JSON.stringify(report, jsonNumbers, 2)}\n` : renderText(report, fitted));
  return EXIT_OK;
};

/** ±∞ thresholds as strings (JSON has no infinity). */
function jsonNumbers(_key: string, value: unknown): unknown {
  if (value === Infinity) return 'Infinity';
  if (value === -Infinity) return '-Infinity';
  return value;
}

function groupsJson(fitted: FittedThresholds) {
  return Object.fromEntries(
    Object.entries(fitted.groups).map(([group, rule]) => [
      group,
      {
        p0: rule.p0,
        operation0: rule.operation0.operator,
        threshold0: rule.operation0.threshold,
        p1: rule.p1,
        operation1: rule.operation1.operator,
        threshold1: rule.operation1.threshold,
        ...(rule.pIgnore === undefined ? {} : { pIgnore: rule.pIgnore, predictionConstant: rule.predictionConstant }),
      },
    ]),
  );
}

interface Columns {
  scores: Float64Array;
  labels: Uint8Array;
  groups: string[];
  before: Float64Array;
  positiveLabel: string;
  /** The other label of the y-true column, written for unfavourable draws ('0' when there is none). */
  negativeLabel: string;
}

/** p_positive and y_pred, or thresholded_p_positive / thresholded_y_pred when the file has those columns already. */
function outColumnNames(table: CsvTable): { probability: string; prediction: string } {
  const taken = (name: string) => table.header.includes(name);
  if (!taken('p_positive') && !taken('y_pred')) return { probability: 'p_positive', prediction: 'y_pred' };
  return { probability: 'thresholded_p_positive', prediction: 'thresholded_y_pred' };
}

/** What to do about a group with one label: intersections of several columns are often that small. */
function degenerateHint(error: unknown, sensitive: readonly string[]): string {
  if (!(error instanceof DegenerateLabelsError)) return '';
  return sensitive.length > 1
    ? `. The groups are the intersections of ${sensitive.join(', ')}: fit on fewer columns (e.g. --sensitive ${sensitive[0]})`
    : '. Merge that group with another, or leave its rows out';
}

function columnsOf(table: CsvTable, options: ThresholdsOptions, positiveLabel?: string): Columns {
  const at = columnIndex(table, options.yTrue);
  const rawLabels = table.rows.map((row) => row[at]!.trim());
  const favourable = positiveLabel ?? choosePositiveLabel(rawLabels, options, table.display);
  const scores = numberColumn(table, options.score);
  const labels = Uint8Array.from(rawLabels, (label) => (label === favourable ? 1 : 0));
  const groups = groupColumn(table, options.sensitive);
  let before: Float64Array;
  if (options.yPred) {
    const predicted = columnIndex(table, options.yPred);
    before = Float64Array.from(table.rows, (row) => (row[predicted]!.trim() === favourable ? 1 : 0));
  } else {
    before = Float64Array.from(scores, (score) => (score > 0.5 ? 1 : 0));
  }
  const negativeLabel = rawLabels.find((label) => label !== favourable) ?? '0';
  return { scores, labels, groups, before, positiveLabel: favourable, negativeLabel };
}

async function holdoutReport(options: ThresholdsOptions, fitted: FittedThresholds, positiveLabel: string, cwd: string) {
  const table = await readCsvTable(path.resolve(cwd, options.holdout!), options.holdout!);
  const data = columnsOf(table, options, positiveLabel);
  let after: Float64Array;
  try {
    after = positiveProbabilities(fitted, data.scores, data.groups);
  } catch (error) {
    throw new UsageError(`${options.holdout}: ${(error as Error).message}`);
  }
  return {
    rows: table.rows.length,
    before: expectedFairness(data.labels, data.before, data.groups),
    after: expectedFairness(data.labels, after, data.groups),
  };
}

function choosePositiveLabel(labels: readonly string[], options: ThresholdsOptions, display: string): string {
  const distinct = [...new Set(labels)];
  if (options.posLabel !== undefined) {
    if (!distinct.includes(options.posLabel))
      throw new UsageError(
        `${display}: --pos-label '${options.posLabel}' does not occur in column '${options.yTrue}' (labels: ${distinct.join(', ')})`,
      );
    return options.posLabel;
  }
  for (const candidate of DEFAULT_POSITIVE_LABELS) {
    const found = distinct.find((label) => label.toLowerCase() === candidate);
    if (found !== undefined) return found;
  }
  throw new UsageError(`${display}: cannot tell the favourable label among ${distinct.join(', ')}: give --pos-label`);
}

async function parseThresholdsArgs(args: string[], io: CliIo): Promise<ThresholdsOptions> {
  const { values, positionals } = parseCommand(THRESHOLDS_SPEC, args);
  // No predictions file: a run's, the latest completed one unless --run names another (as `rml card` does).
  const fromRun =
    values.run === undefined && positionals.length > 0
      ? undefined
      : await runColumns(await runDirOption(values.run, io), io.cwd);
  const file = positionals[0] ?? fromRun?.file;
  if (file === undefined || positionals.length > 1)
    throw new UsageError(`expected one predictions CSV file or --run DIR\n${usageLine('thresholds', THRESHOLDS_SPEC)}`);
  const need = (name: string, value: string | undefined) => {
    if (value === undefined || value.trim() === '')
      throw new UsageError(`--${name} is required (or --run DIR)\n${usageLine('thresholds', THRESHOLDS_SPEC)}`);
    return value.trim();
  };
  const constraint = (values.constraint ?? THRESHOLD_DEFAULTS.constraint) as ThresholdConstraint;
  if (!CONSTRAINTS.includes(constraint))
    throw new UsageError(`--constraint must be one of ${CONSTRAINTS.join(', ')} (got '${constraint}')`);
  const objective = (values.objective ?? THRESHOLD_DEFAULTS.objective) as ThresholdObjective;
  if (!(OBJECTIVES_FOR_SIMPLE as readonly string[]).includes(objective))
    throw new UsageError(`--objective must be one of ${OBJECTIVES_FOR_SIMPLE.join(', ')} (got '${objective}')`);
  const gridSize = parseIntegerOption('grid-size', values['grid-size'], THRESHOLD_DEFAULTS.gridSize);
  if (gridSize < 1) throw new UsageError(`--grid-size must be ≥ 1 (got ${gridSize})`);
  return {
    file,
    yTrue: need('y-true', values['y-true'] ?? fromRun?.yTrue),
    score: need('score', values.score ?? fromRun?.score),
    sensitive: parseList(need('sensitive', values.sensitive ?? fromRun?.sensitive)),
    posLabel: values['pos-label']?.trim() ?? fromRun?.posLabel,
    yPred: values['y-pred']?.trim() ?? fromRun?.yPred,
    constraint,
    objective,
    gridSize,
    flip: values.flip ?? THRESHOLD_DEFAULTS.flip,
    holdout: values.holdout,
    out: values.out,
    seed: parseIntegerOption('seed', values.seed, 0),
    format: parseFormat(values.format, ['json', 'text'] as const, 'text'),
  };
}

/** A run's predictions.csv and the columns it names (binary runs with sensitive columns only). */
async function runColumns(runDir: string, cwd: string) {
  const dir = path.relative(cwd, runDir) || '.';
  let run;
  try {
    run = await readRun(runDir);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const config = run.config;
  if (!config) throw new UsageError(`${dir}: the run has no ${RUN_FILES.config} yet`);
  if (config.classes.length !== 2)
    throw new UsageError(`${dir}: group thresholds need a binary task (the run has ${config.classes.length} classes)`);
  if (config.columns.sensitive.length === 0) throw new UsageError(`${dir}: the run has no sensitive columns`);
  return {
    file: path.relative(cwd, path.join(runDir, RUN_FILES.predictions)) || RUN_FILES.predictions,
    yTrue: 'y_true',
    score: `p_${config.positiveClass}`,
    sensitive: config.columns.sensitive.join(','),
    posLabel: config.positiveClass,
    yPred: 'y_pred',
  };
}

const fixed = (value: unknown) => (typeof value === 'number' && Number.isFinite(value) ? value.toFixed(3) : 'n/a');

function renderText(report: Record<string, unknown>, fitted: FittedThresholds): string {
  const before = report.before as ExpectedFairness;
  const after = report.after as ExpectedFairness;
  const lines = [
    `Group thresholds: ${fitted.constraint}, objective ${fitted.objective}, grid ${fitted.gridSize}, flip ${fitted.flip} (${report.rows} rows)`,
    '',
  ];
  for (const [group, rule] of Object.entries(fitted.groups)) {
    const mix = `${fixed(rule.p0)}·${describeOperation(rule.operation0)} + ${fixed(rule.p1)}·${describeOperation(rule.operation1)}`;
    const ignore =
      rule.pIgnore === undefined
        ? ''
        : `, with probability ${fixed(rule.pIgnore)} a coin of ${fixed(rule.predictionConstant)} instead`;
    lines.push(`  ${group}: ${mix}${ignore}`);
  }
  lines.push('', '                         before   after');
  const row = (name: string, a: number, b: number) =>
    lines.push(`  ${name.padEnd(22)} ${fixed(a).padStart(6)}  ${fixed(b).padStart(6)}`);
  row('accuracy', before.overall.accuracy, after.overall.accuracy);
  row('demographic parity diff', before.demographicParityDifference, after.demographicParityDifference);
  row('equalized odds diff', before.equalizedOddsDifference, after.equalizedOddsDifference);
  const out = report.out as { file: string; probabilityColumn: string; predictionColumn: string } | undefined;
  if (out) lines.push('', `wrote ${out.file} (columns ${out.probabilityColumn}, ${out.predictionColumn})`);
  return `${lines.join('\n')}\n`;
}
