import * as tf from '@tensorflow/tfjs';
import path from 'node:path';
import { selectSynchronousBackend, type BackendPreference, BACKEND_PREFERENCES } from '../../engine/compute';
import {
  findDatasetLabelIssues,
  LABEL_FILTERS,
  RANK_METHODS,
  type LabelFilter,
  type LabelIssuesReport,
  type ProbabilitySource,
  type RankMethod,
} from '../../engine/labels';
import { TrainingConfigError, DatasetError, type ModelKind } from '../../engine/training';
import { parseFormat, parseIntegerOption, parseList } from '../args';
import { defineCommand, parseCommand, usageLine } from '../options';
import { EXIT_FINDINGS, EXIT_OK, UsageError, type CliCommand, type CliIo } from '../io';
import { configForDataset } from '../datasetConfig';
import { chooseTrainingColumns } from './trainColumns';

export const LABELS_SPEC = defineCommand({
  usage: 'FILE [--label COL] [--text COL | --features COL,… | --pred-probs PROBS.csv] [options]',
  description:
    "Rows whose label looks wrong, by confident learning (Northcutt et al. 2021) with Cleanlab's semantics, from " +
    "out-of-sample predicted probabilities: seeded k-fold training of the project's own model on FILE, or yours.",
  options: {
    label: {
      type: 'string',
      value: 'COL',
      description: 'the label column',
      default: 'dataset.label, else a column named label, target, class…',
      group: 'Data',
    },
    text: {
      type: 'string',
      value: 'COL',
      description: 'train the text model (hashed n-gram embedding bag) on this column, out of fold',
      default: 'the free-text column, when there is one',
      group: 'Probabilities',
    },
    features: {
      type: 'string',
      value: 'COL,…',
      description: 'train a tabular model on these columns, out of fold',
      default: 'the columns rml train would use',
      group: 'Probabilities',
    },
    'pred-probs': {
      type: 'string',
      value: 'FILE',
      description:
        "your out-of-sample probabilities: a CSV, one column per class headed by the class's label value, row i for data row i of FILE",
      default: 'none (give one source)',
      group: 'Probabilities',
    },
    folds: { type: 'string', value: 'K', description: 'cross-validation folds', default: '5', group: 'Probabilities' },
    seed: {
      type: 'string',
      value: 'N',
      description: 'seeds the folds and the training',
      default: '42',
      group: 'Probabilities',
    },
    epochs: {
      type: 'string',
      value: 'N',
      description: 'training epochs per fold',
      default: '5',
      group: 'Probabilities',
    },
    model: {
      type: 'string',
      value: 'logistic-regression|mlp',
      description: 'the tabular model (with --features)',
      default: 'logistic-regression',
      group: 'Probabilities',
    },
    filter: {
      type: 'string',
      value: 'F',
      description: 'prune_by_noise_rate, prune_by_class, both, confident_learning or predicted_neq_given',
      default: 'prune_by_noise_rate',
      group: 'Confident learning',
    },
    rank: {
      type: 'string',
      value: 'R',
      description: 'order issues ascending by self_confidence, normalized_margin or confidence_weighted_entropy',
      default: 'row order, scored by self_confidence',
      group: 'Confident learning',
    },
    'fail-on-issues': {
      type: 'boolean',
      description: 'exit 1 when any issue is found',
      default: 'off',
      group: 'Output',
    },
    backend: {
      type: 'string',
      value: BACKEND_PREFERENCES.join('|'),
      description: 'compute backend',
      default: 'auto',
      group: 'Output',
    },
    format: { type: 'string', value: 'json|text', description: 'output format', default: 'text', group: 'Output' },
  },
  examples: [
    'rml labels data/reviews.csv --label sentiment --text review --folds 5 --rank normalized_margin --format json',
    'rml labels data/loans.csv --label approved --pred-probs probs.csv',
  ],
  notes: [
    'JSON output: { "classes", "rows", "filter", "rank", "issues": [ { "line", "row", "given", "suggested", "score" } ], "thresholds", ' +
      '"confidentJoint", "probabilities": { "source": "file" | "k-fold", … } }. "line" is 1-based, "row" 0-based over data rows; ' +
      '"thresholds" (per-class confident thresholds) and "confidentJoint" (calibrated, [given][true]) are in "classes" order.',
    'Exit codes: 0; 1 with --fail-on-issues when issues are found; 2 usage or input error.',
  ],
});

const BACKENDS = BACKEND_PREFERENCES;
const MODELS = ['logistic-regression', 'mlp'] as const;

/** `rml labels`: label issues of a dataset. Exit 0, 1 with --fail-on-issues when some are found, 2 on errors. */
export const labelsCommand: CliCommand = async (args, io) => {
  const parsed = await parseLabelsArgs(args, io);
  tf.enableProdMode();
  if (parsed.source.kind === 'k-fold') await selectSynchronousBackend(parsed.backend);
  const file = path.resolve(io.cwd, parsed.file);
  const probabilities = parsed.source.kind === 'file' ? path.resolve(io.cwd, parsed.source.file) : undefined;
  // Errors and the report name files as the user wrote them.
  const names: Array<[string, string]> = [[file, parsed.file]];
  if (probabilities && parsed.source.kind === 'file') names.push([probabilities, parsed.source.file]);
  const display = (text: string) => names.reduce((out, [absolute, given]) => out.split(absolute).join(given), text);
  let report: LabelIssuesReport;
  try {
    const source: ProbabilitySource = probabilities ? { kind: 'file', file: probabilities } : parsed.source;
    report = await findDatasetLabelIssues(file, parsed.label, source, {
      filter: parsed.filter,
      ...(parsed.rank ? { rank: parsed.rank } : {}),
      cwd: io.cwd,
      log: (line) => io.stderr(`${line}\n`),
    });
  } catch (error) {
    if (error instanceof DatasetError || error instanceof TrainingConfigError || error instanceof RangeError)
      throw new UsageError(display(error.message));
    throw error;
  }
  if (report.probabilities.source === 'file' && parsed.source.kind === 'file')
    report = { ...report, probabilities: { source: 'file', file: parsed.source.file } };
  io.stdout(parsed.format === 'json' ? `${JSON.stringify(report, null, 2)}\n` : renderText(report));
  return parsed.failOnIssues && report.issues.length > 0 ? EXIT_FINDINGS : EXIT_OK;
};

interface ParsedLabels {
  file: string;
  label: string;
  source: ProbabilitySource;
  filter: LabelFilter;
  rank?: RankMethod;
  failOnIssues: boolean;
  backend: BackendPreference;
  format: 'json' | 'text';
}

async function parseLabelsArgs(args: string[], io: CliIo): Promise<ParsedLabels> {
  const { values, positionals } = parseCommand(LABELS_SPEC, args);
  const synopsis = usageLine('labels', LABELS_SPEC);
  if (positionals.length !== 1) throw new UsageError(`expected one dataset file\n${synopsis}`);
  const sources = [values.text, values.features, values['pred-probs']].filter((value) => value !== undefined);
  if (sources.length > 1) throw new UsageError('give one of --text, --features or --pred-probs');
  // What is left out comes from the column survey, as for rml train (and the editor's Train Model form).
  const file = path.resolve(io.cwd, positionals[0]!);
  const { dataset: settings } = await configForDataset(file, undefined);
  const chosen = await chooseTrainingColumns(file, settings, {
    label: values.label ?? settings?.label,
    text: values.text,
    features: values.features === undefined ? (values['pred-probs'] ? [] : undefined) : parseList(values.features),
    sensitive: [],
  });
  if (chosen.note) io.stderr(`note: ${chosen.note}\n`);
  const source: ProbabilitySource = values['pred-probs']
    ? { kind: 'file', file: values['pred-probs'] }
    : {
        kind: 'k-fold',
        ...(chosen.text !== undefined ? { text: chosen.text } : { features: chosen.features ?? [] }),
        ...(values.model ? { model: oneOf('model', values.model, MODELS) as ModelKind } : {}),
        folds: parseIntegerOption('folds', values.folds, 5),
        seed: parseIntegerOption('seed', values.seed, 42),
        epochs: parseIntegerOption('epochs', values.epochs, 5),
      };
  if (values.model && values.text)
    throw new UsageError('--model applies to --features (the text model is the embedding bag)');
  return {
    file: positionals[0]!,
    label: chosen.label,
    source: source.kind === 'file' ? { kind: 'file', file: values['pred-probs']! } : source,
    filter: oneOf('filter', values.filter ?? 'prune_by_noise_rate', LABEL_FILTERS),
    ...(values.rank ? { rank: oneOf('rank', values.rank, RANK_METHODS) } : {}),
    failOnIssues: values['fail-on-issues'] ?? false,
    backend: oneOf('backend', values.backend ?? 'auto', BACKENDS) as BackendPreference,
    format: parseFormat(values.format, ['json', 'text'] as const, 'text'),
  };
}

function oneOf<T extends string>(name: string, value: string, allowed: readonly T[]): T {
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new UsageError(`--${name} must be one of ${allowed.join(', ')} (got '${value}')`);
}

function renderText(report: LabelIssuesReport): string {
  const source =
    report.probabilities.source === 'file'
      ? `probabilities from ${report.probabilities.file}`
      : `${report.probabilities.folds}-fold ${report.probabilities.model}`;
  const lines = [
    `${report.issues.length} of ${report.rows} rows look mislabelled (${report.filter}, ${source}${report.rank ? `, ranked by ${report.rank}` : ''})`,
    ...report.issues.map(
      (issue) => `  line ${issue.line}: '${issue.given}' → '${issue.suggested}'  score ${issue.score.toFixed(4)}`,
    ),
    `thresholds: ${report.classes.map((name, k) => `${name} ${report.thresholds[k]!.toFixed(4)}`).join(', ')}`,
  ];
  return `${lines.join('\n')}\n`;
}
