import * as tf from '@tensorflow/tfjs';
import path from 'node:path';
import { selectSynchronousBackend, type BackendPreference, BACKEND_PREFERENCES } from '../../engine/compute';
import { writeJsonAtomic } from '../../engine/io';
import { disposeRunSplits, loadRunSplits } from '../../engine/privacy';
import { RUN_FILES } from '../../engine/runs';
import type { RunRobustness } from '../../shared/mitigation';
import {
  frequentWords,
  hotFlipAttack,
  type HotFlipResult,
  PERTURBATION_DESCRIPTIONS,
  PERTURBATIONS,
  TABULAR_PERTURBATION_DESCRIPTIONS,
  perturbRow,
  runPerturbationSuite,
  runSuite,
  type ItemSuiteResult,
  type TableRow,
  TABULAR_PERTURBATIONS,
  type TabularPerturbationName,
} from '../../engine/robustness';
import {
  classIndices,
  columnsToRead,
  examplesFromTable,
  type Examples,
  inferFormat,
  readDataTable,
  argMax,
  predictRecords,
  type TabularEncoding,
  type TrainedModel,
} from '../../engine/training';
import { parseFormat, parseIntegerOption, parseList } from '../args';
import { defineCommand, parseCommand, usageLine } from '../options';
import { EXIT_OK, UsageError, type CliCommand } from '../io';
import { runDirOption } from '../runOption';

export const ROBUSTNESS_SPEC = defineCommand({
  usage: '--run DIR [FILE] [--perturbations LIST] [--attack hotflip --budget K] [options]',
  description:
    "Accuracy of a run's model under label-preserving perturbations, overall and per group (the run's sensitive " +
    'columns): for a text model typos, casing, synonyms, identity swaps…, and a gradient-guided word-substitution ' +
    'attack (HotFlip, Ebrahimi et al. 2018) within an edit budget; for a tabular model noise on numbers, swapped ' +
    "categories and missing values, scaled by the run's training split. FILE: examples to test (CSV, TSV, JSONL or " +
    "JSON with the run's label and text or feature columns, and its sensitive columns for per-group figures); " +
    "default the run's own test split (held out).",
  options: {
    run: {
      type: 'string',
      value: 'DIR',
      description: 'the training run (folder or id) whose model is tested',
      default: 'the latest completed run',
      group: 'Data',
    },
    perturbations: {
      type: 'string',
      value: 'LIST',
      description: `comma-separated; text models: ${PERTURBATIONS.join(', ')}; tabular models: ${TABULAR_PERTURBATIONS.join(', ')}`,
      default: "all of the run's kind",
      group: 'Tests',
    },
    attack: {
      type: 'string',
      value: 'hotflip',
      description: 'also run the attack on the texts the model gets right (text models)',
      default: 'none',
      group: 'Tests',
    },
    budget: {
      type: 'string',
      value: 'K',
      description: 'most words the attack may change per text',
      default: '3',
      group: 'Tests',
    },
    'attack-limit': {
      type: 'string',
      value: 'N',
      description: 'attack at most the first N texts (~1,000 model calls per text)',
      default: '200',
      group: 'Tests',
    },
    vocabulary: {
      type: 'string',
      value: 'N',
      description: "replacement words: the N most frequent words of the run's training split",
      default: '1000',
      group: 'Tests',
    },
    seed: { type: 'string', value: 'N', description: 'seed of the perturbations', default: '0', group: 'Tests' },
    backend: {
      type: 'string',
      value: BACKEND_PREFERENCES.join('|'),
      description: 'compute backend',
      default: 'auto',
      group: 'Output',
    },
    save: {
      type: 'boolean',
      description: 'also write the results into the run as robustness.json (the run panel shows them)',
      default: 'off',
      group: 'Output',
    },
    format: { type: 'string', value: 'json|text', description: 'output format', default: 'text', group: 'Output' },
  },
  examples: [
    'rml robustness --run .rml/runs/20261123-153240-73cf5c --attack hotflip --budget 2 --format json',
    'rml robustness --perturbations noise,missing --save',
  ],
  notes: [
    'JSON output: { "source", "input": "text"|"tabular", "rows", "clean": { "accuracy", "byGroup": { "<g>": { "count", "accuracy" } } }, "perturbations": ' +
      '[ { "name", "accuracy", "drop", "flipRate", "changedRate", "byGroup": { "<g>": { "count", "accuracy", "drop" } }, ' +
      '"worstGroup"? } ], "attack"?: { "method": "hotflip", "budget", "attacked", "succeeded", "successRate", "meanEdits", ' +
      '"examples": [ { "index", "success", "edits", "adversarial" } ] }, "saved"?: "robustness.json" }',
  ],
});

const BACKENDS = BACKEND_PREFERENCES;

interface RobustnessOptions {
  run: string | undefined;
  file?: string;
  /** As given; checked against the run's kind of model once the run is read. */
  perturbations: string[] | undefined;
  attack: boolean;
  budget: number;
  attackLimit: number;
  vocabulary: number;
  seed: number;
  backend: BackendPreference;
  format: 'json' | 'text';
  save: boolean;
}

function parseRobustnessArgs(args: string[]): RobustnessOptions {
  const { values, positionals } = parseCommand(ROBUSTNESS_SPEC, args);
  if (positionals.length > 1)
    throw new UsageError(`expected at most one file of texts\n${usageLine('robustness', ROBUSTNESS_SPEC)}`);
  if (values.attack !== undefined && values.attack !== 'hotflip')
    throw new UsageError(`--attack must be hotflip (got '${values.attack}')`);
  const positive = (name: string, value: string | undefined, fallback: number) => {
    const parsed = parseIntegerOption(name, value, fallback);
    if (parsed < 1) throw new UsageError(`--${name} must be ≥ 1 (got ${parsed})`);
    return parsed;
  };
  const backend = (values.backend ?? 'auto') as BackendPreference;
  if (!(BACKENDS as readonly string[]).includes(backend))
    throw new UsageError(`--backend must be one of ${BACKENDS.join(', ')} (got '${backend}')`);
  return {
    run: values.run,
    ...(positionals[0] ? { file: positionals[0] } : {}),
    perturbations: values.perturbations === undefined ? undefined : parseList(values.perturbations),
    attack: values.attack === 'hotflip',
    budget: positive('budget', values.budget, 3),
    attackLimit: positive('attack-limit', values['attack-limit'], 200),
    vocabulary: positive('vocabulary', values.vocabulary, 1000),
    seed: parseIntegerOption('seed', values.seed, 0),
    backend,
    format: parseFormat(values.format, ['json', 'text'] as const, 'text'),
    save: values.save ?? false,
  };
}

/** `rml robustness`: exit 0, or 2 on a usage or input error. */
export const robustnessCommand: CliCommand = async (args, io) => {
  const options = parseRobustnessArgs(args);
  tf.enableProdMode();
  await selectSynchronousBackend(options.backend);
  const runDir = await runDirOption(options.run, io);
  let splits;
  try {
    splits = await loadRunSplits(runDir);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  try {
    const { trained, data } = splits;
    const tabular = trained.preprocessing.kind === 'tabular';
    if (tabular && options.attack)
      throw new UsageError(
        `${runDir}: --attack hotflip substitutes words of a text model's input; this run trained '${splits.config.model.kind}' on table columns`,
      );
    const examples = options.file
      ? await readExamples(path.resolve(io.cwd, options.file), options.file, splits)
      : data.test;
    const labels = classIndices(examples.labels, data.classes);
    const unknown = labels.indexOf(-1);
    if (unknown >= 0)
      throw new UsageError(
        `${options.file}: record ${unknown + 1} has label '${examples.labels[unknown]}', not one of the run's classes (${data.classes.join(', ')})`,
      );
    const groups = groupsOf(examples);
    const common = { labels, ...(groups ? { groups } : {}), seed: options.seed };
    const suite =
      trained.preprocessing.kind === 'tabular'
        ? await tabularSuite(trained, trained.preprocessing.encoding, examples, common, options.perturbations)
        : await runPerturbationSuite({
            texts: examples.text,
            ...common,
            perturbations: checkedNames(options.perturbations, PERTURBATIONS, 'text'),
            predict: (texts) => predictClasses(trained, texts),
          });
    const report: Record<string, unknown> = {
      source: options.file ?? 'test split of the run',
      input: tabular ? 'tabular' : 'text',
      rows: examples.count,
      ...suite,
    };
    if (options.attack) {
      const limit = Math.min(options.attackLimit, examples.count);
      const attack = await hotFlipAttack(trained, examples.text.slice(0, limit), labels.subarray(0, limit), {
        budget: options.budget,
        vocabulary: frequentWords(data.train.text, options.vocabulary),
      });
      report.attack = { method: 'hotflip', ...attack, examples: attack.examples.slice(0, 20) };
    }
    if (options.save) {
      const { examples: _examples, ...attack } = (report.attack ?? {}) as HotFlipResult & { method: 'hotflip' };
      const saved: RunRobustness = {
        version: 1,
        source: String(report.source),
        input: tabular ? 'tabular' : 'text',
        rows: examples.count,
        ...suite,
        ...(report.attack ? { attack } : {}),
      };
      await writeJsonAtomic(path.join(runDir, RUN_FILES.robustness), saved);
      report.saved = RUN_FILES.robustness;
    }
    io.stdout(
      options.format === 'json'
        ? `${JSON.stringify(report, null, 2)}\n`
        : renderText(report as unknown as RobustnessReport),
    );
    return EXIT_OK;
  } finally {
    disposeRunSplits(splits);
  }
};

/** The run's columns of FILE: its label, its text column or the features its model was trained on, its groups. */
async function readExamples(
  file: string,
  display: string,
  splits: Awaited<ReturnType<typeof loadRunSplits>>,
): Promise<Examples> {
  const columns = splits.config.columns;
  const preprocessing = splits.trained.preprocessing;
  const input =
    preprocessing.kind === 'tabular' ? { features: preprocessing.columns } : { text: columns.text!, features: [] };
  const roles = { label: columns.label, ...input, sensitive: columns.sensitive };
  try {
    const table = await readDataTable(file, inferFormat(file), columnsToRead(roles), {});
    return examplesFromTable(table, roles);
  } catch (error) {
    throw new UsageError(
      `${(error as Error).message.startsWith(display) ? '' : `${display}: `}${(error as Error).message}`,
    );
  }
}

/** The names asked for, each one of `known` (the perturbations of this run's kind of model); all when none. */
function checkedNames<N extends string>(asked: string[] | undefined, known: readonly N[], kind: string): N[] {
  if (asked === undefined) return [...known];
  for (const name of asked)
    if (!(known as readonly string[]).includes(name))
      throw new UsageError(`unknown perturbation '${name}' for a ${kind} model (known: ${known.join(', ')})`);
  return asked as N[];
}

/** A tabular run's suite: its test rows as records of its feature columns, perturbed by its own encoding. */
async function tabularSuite(
  trained: TrainedModel,
  encoding: TabularEncoding,
  examples: Examples,
  common: { labels: Int32Array; groups?: string[]; seed: number },
  asked: string[] | undefined,
): Promise<ItemSuiteResult<TabularPerturbationName>> {
  const columns = encoding.columns.map((column) => column.column);
  const rows: TableRow[] = Array.from({ length: examples.count }, (_, i) =>
    Object.fromEntries(columns.map((column, c) => [column, examples.features[c]![i]!])),
  );
  return runSuite({
    items: rows,
    ...common,
    perturbations: checkedNames(asked, TABULAR_PERTURBATIONS, 'tabular'),
    perturb: (name, row, random) => perturbRow(name, row, encoding, random),
    predict: (batch) => predictInBatches(trained, batch),
  });
}

function groupsOf(examples: Examples): string[] | undefined {
  const columns = Object.values(examples.sensitive);
  if (columns.length === 0) return undefined;
  return Array.from({ length: examples.count }, (_, i) => columns.map((values) => values[i]!.trim()).join(','));
}

function predictClasses(trained: TrainedModel, texts: readonly string[]): Promise<Int32Array> {
  const column = (trained.preprocessing as { column: string }).column;
  return predictInBatches(
    trained,
    texts.map((text) => ({ [column]: text })),
  );
}

/** Predicted class indices, 512 rows at a time, yielding between batches. */
async function predictInBatches(trained: TrainedModel, records: readonly TableRow[]): Promise<Int32Array> {
  const out = new Int32Array(records.length);
  for (let start = 0; start < records.length; start += 512) {
    const rows = predictRecords(trained, records.slice(start, start + 512));
    rows.forEach((row, i) => (out[start + i] = argMax(row)));
    await new Promise((resolve) => setImmediate(resolve));
  }
  return out;
}

type RobustnessReport = ItemSuiteResult<string> & {
  attack?: HotFlipResult;
  rows: number;
  source: string;
  input: 'text' | 'tabular';
};

const pct = (value: number) => `${(100 * value).toFixed(1)} %`;

function renderText(report: RobustnessReport): string {
  const lines = [
    `Robustness on ${report.rows} ${report.input === 'tabular' ? 'rows' : 'texts'} (${report.source}): clean accuracy ${pct(report.clean.accuracy)}`,
    '',
  ];
  lines.push(
    `  ${'perturbation'.padEnd(12)} ${'accuracy'.padStart(9)} ${'drop'.padStart(8)} ${'flipped'.padStart(8)}  worst group`,
  );
  for (const result of report.perturbations) {
    const worst = result.worstGroup
      ? `${result.worstGroup} (drop ${pct(result.byGroup[result.worstGroup]!.drop!)})`
      : '—';
    lines.push(
      `  ${result.name.padEnd(12)} ${pct(result.accuracy).padStart(9)} ${pct(result.drop).padStart(8)} ${pct(result.flipRate).padStart(8)}  ${worst}`,
    );
  }
  const descriptions: Record<string, string> = { ...PERTURBATION_DESCRIPTIONS, ...TABULAR_PERTURBATION_DESCRIPTIONS };
  lines.push('', ...report.perturbations.map((result) => `  ${result.name}: ${descriptions[result.name] ?? ''}`));
  if (report.attack) {
    const a = report.attack;
    lines.push(
      '',
      `HotFlip, budget ${a.budget} words: ${a.succeeded}/${a.attacked} correct predictions flipped (${pct(a.successRate)}), ${a.meanEdits.toFixed(2)} edits on average`,
    );
  }
  return `${lines.join('\n')}\n`;
}
