import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { recordAuditInLedger } from '../../engine/accountability';
import { configValueProblems, usualSplitFiles } from '../../engine/bias';
import {
  AuditColumnError,
  auditOptionsFromConfig,
  auditTextReport,
  createDatasetAudit,
  writeReweighedCsv,
  type AuditOptions,
  type AuditResult,
} from '../../engine/bias';
import { formatOf } from '../../engine/parse/index';
import type { DatasetFormat } from '../../engine/parse';
import { parseAssignments, parseIntegerOption, parseList } from '../args';
import { configForDataset } from '../datasetConfig';
import { displayPath, EXIT_FINDINGS, EXIT_OK, UsageError, type CliCommand, type CliIo } from '../io';
import { defineCommand, parseCommand, usageLine, type OptionValues } from '../options';
import { readDataset, skippedRowsNote } from './auditInput';
import { FORMAT_OPTION, parseFormatOption, PRIVILEGED_OPTION } from './common';

export const AUDIT_SPEC = defineCommand({
  usage: '<file> [options]',
  description:
    'Audits a labelled dataset before training: per-group label rates with Wilson intervals, demographic parity ' +
    '(Fairlearn), statistical parity difference and disparate impact (AIF360), chi-square/Fisher tests, ' +
    'intersections, representation, identity terms, proxies, duplicates and train/test leakage. Settings missing ' +
    'from the command line come from the nearest .rml.json above the file, as in the editor and rml scan.',
  options: {
    label: {
      type: 'string',
      value: 'COL',
      description: 'the label column',
      default: 'dataset.label, else a column named label, target, y, class…',
      group: 'Data',
    },
    sensitive: {
      type: 'string',
      value: 'COL[,COL…]',
      description: 'sensitive columns',
      default: 'dataset.sensitive, else suggested from names and values',
      group: 'Data',
    },
    favorable: {
      type: 'string',
      value: 'VALUE',
      description: 'the favourable label value (case ignored when unambiguous)',
      default: 'dataset.favorable, else 1, true, yes…',
      group: 'Data',
    },
    privileged: PRIVILEGED_OPTION,
    text: {
      type: 'string',
      value: 'COL[,…]',
      description: 'free-text columns (identity terms, duplicates)',
      default: 'dataset.textColumns, else long spaced values',
      group: 'Data',
    },
    weight: {
      type: 'string',
      value: 'COL',
      description: 'instance weights: sums of weights replace counts',
      default: 'dataset.weightColumn, else a numeric column named weight',
      group: 'Data',
    },
    compare: {
      type: 'string',
      value: 'FILE[,FILE…]',
      description: 'other splits checked for leakage',
      default: 'dataset.splits and test/valid/dev files beside a train file',
      group: 'Data',
    },
    'skip-bad-rows': {
      type: 'boolean',
      description: 'audit the rows without parse errors and count the others (else: exit 2)',
      default: 'off',
      group: 'Data',
    },
    'min-group-size': {
      type: 'string',
      value: 'N',
      description: 'smaller groups are "too small to judge"',
      default: 'dataset.minGroupSize, else 20',
      group: 'Thresholds',
    },
    'fail-on-disparity': {
      type: 'boolean',
      description: 'exit 1 when a group disparity crosses its threshold',
      default: 'off',
      group: 'Thresholds',
    },
    reweigh: {
      type: 'string',
      value: 'OUT.csv',
      description: 'write the rows plus AIF360 reweighing weights (atomically)',
      default: 'none',
      group: 'Output',
    },
    format: FORMAT_OPTION,
    config: {
      type: 'string',
      value: 'FILE',
      description: 'use this .rml.json',
      default: 'the nearest .rml.json above the file',
      group: 'Output',
    },
  },
  examples: [
    'rml audit data/hiring.csv --label hired --sensitive sex,race --privileged sex=M',
    'rml audit train.csv --fail-on-disparity --format json > audit.json',
    'rml audit data/hiring.csv --reweigh data/hiring.rw.csv',
  ],
  notes: [
    'JSON output: { "version": 1, "rows", "label", "favorable", "attributes": [ { "column", "groups": [ { "value", "count", ' +
      '"share", "baseRate", "ci", "tooSmall" } ], "demographicParityDifference", "demographicParityRatio", "smallGroups", ' +
      '"statisticalParityDifference"?, "disparateImpact"?, "pValue", "verdict" } ], "intersections", "identityTerms", "proxies", ' +
      '"duplicates", "notes" }',
    'Exit codes: 0 audited; 1 with --fail-on-disparity when a disparity crosses its threshold; 2 usage, input or parse error.',
  ],
});

type AuditValues = OptionValues<typeof AUDIT_SPEC.options>;

/**
 * `rml audit`: group disparities (Fairlearn / AIF360 semantics), identity terms, proxies, duplicates and
 * train/test leakage of a labelled dataset, streamed. `--reweigh` writes the rows plus AIF360 reweighing weights.
 */
export const auditCommand: CliCommand = async (args, io) => {
  const { values, positionals } = parseCommand(AUDIT_SPEC, args);
  const [target, ...extra] = positionals;
  if (target === undefined || extra.length > 0)
    throw new UsageError(`expected one file\n${usageLine('audit', AUDIT_SPEC)}`);
  const format = parseFormatOption(values.format);
  const file = path.resolve(io.cwd, target);
  const dataFormat = datasetFormat(file, target);
  const explicitConfig = values.config === undefined ? undefined : path.resolve(io.cwd, values.config);
  const { loaded, relativePath } = await configForDataset(file, explicitConfig);
  const options = commandOptions(values, auditOptionsFromConfig(loaded.config.dataset, relativePath));
  const splits = (loaded.config.dataset?.splits ?? [])
    .filter((split) => path.resolve(loaded.root, split.train) === file)
    .map((split) => path.resolve(loaded.root, split.test));
  const companions = [
    ...new Set([
      ...parseList(values.compare).map((name) => path.resolve(io.cwd, name)),
      ...splits,
      ...usualSplitFiles(file),
    ]),
  ].filter((companion) => companion !== file);
  const skipBadRows = values['skip-bad-rows'] ?? false;
  const result = await runAudit({ file, shown: target, format: dataFormat, options, companions, skipBadRows }, io);
  if (loaded.path !== undefined && result.configuredValues.length > 0) {
    const text = await readFile(loaded.path, 'utf8');
    const shown = displayPath(io.cwd, loaded.path);
    for (const problem of configValueProblems(
      text,
      loaded.config.dataset,
      relativePath,
      result.configuredValues,
      target,
    )) {
      io.stderr(
        `${shown}:${problem.range.start.line + 1}:${problem.range.start.character + 1}: ${problem.severity}: ${problem.message}\n`,
      );
    }
  }
  if (values.reweigh !== undefined)
    await reweigh(file, target, dataFormat, path.resolve(io.cwd, values.reweigh), result, io);
  io.stdout(format === 'json' ? `${JSON.stringify(result, null, 2)}\n` : auditTextReport(result));
  await recordAuditInLedger(
    io.cwd,
    file,
    result,
    values.reweigh === undefined ? [] : [path.resolve(io.cwd, values.reweigh)],
    (line) => io.stderr(`${line}\n`),
  );
  const disparities = [...result.attributes, ...result.intersections].filter((audit) => audit.verdict === 'disparity');
  return values['fail-on-disparity'] && disparities.length > 0 ? EXIT_FINDINGS : EXIT_OK;
};

function commandOptions(values: AuditValues, fromConfig: AuditOptions): AuditOptions {
  const options: AuditOptions = { ...fromConfig, thresholds: { ...fromConfig.thresholds } };
  const sensitive = parseList(values.sensitive);
  if (values.label !== undefined) options.label = values.label;
  if (sensitive.length > 0) options.sensitive = sensitive;
  if (values.favorable !== undefined) options.favorable = values.favorable;
  if (values.text !== undefined) options.textColumns = parseList(values.text);
  if (values.weight !== undefined) options.weightColumn = values.weight;
  if (values.privileged !== undefined) {
    options.privileged = Object.fromEntries(
      parseAssignments(values.privileged).map(({ column, value }) => [column, value]),
    );
  }
  const minGroupSize = parseIntegerOption('min-group-size', values['min-group-size'], -1);
  if (minGroupSize === 0 || minGroupSize < -1) throw new UsageError('--min-group-size must be a positive integer');
  if (minGroupSize > 0) options.thresholds = { ...options.thresholds, minGroupSize };
  // Columns named on the command line must exist; columns from .rml.json may belong to another dataset.
  options.strictColumns =
    values.label !== undefined || sensitive.length > 0 || values.text !== undefined || values.weight !== undefined;
  for (const column of Object.keys(options.privileged ?? {})) {
    if (options.sensitive && !options.sensitive.includes(column))
      throw new UsageError(
        `--privileged column '${column}' is not a sensitive column (${options.sensitive.join(', ')})`,
      );
  }
  return options;
}

function datasetFormat(file: string, shown: string): DatasetFormat {
  const format = formatOf(file);
  if (format === undefined || format === 'text')
    throw new UsageError(`${shown}: not a dataset (expected .csv, .tsv, .jsonl or .json)`);
  return format;
}

interface AuditInput {
  file: string;
  shown: string;
  format: DatasetFormat;
  options: AuditOptions;
  companions: string[];
  skipBadRows: boolean;
}

async function runAudit(input: AuditInput, io: CliIo): Promise<AuditResult> {
  const { file, shown, format, options, skipBadRows } = input;
  const audit = createDatasetAudit({ ...options, file: shown });
  try {
    const notes: string[] = [];
    const read = await readDataset(file, shown, format, audit, skipBadRows);
    const note = skippedRowsNote(shown, read);
    if (note) notes.push(note);
    for (const companion of input.companions) {
      const companionShown = displayPath(io.cwd, companion);
      const companionRead = await readDataset(
        companion,
        companionShown,
        datasetFormat(companion, companionShown),
        audit.companion(companionShown),
        skipBadRows,
      );
      const companionNote = skippedRowsNote(companionShown, companionRead);
      if (companionNote) notes.push(companionNote);
    }
    for (const line of notes) io.stderr(`${line}\n`);
    const result = audit.finish();
    result.notes.push(...notes);
    return result;
  } catch (error) {
    if (error instanceof AuditColumnError) throw new UsageError(`${shown}: ${error.message}`);
    throw error;
  }
}

async function reweigh(
  file: string,
  shown: string,
  format: DatasetFormat,
  output: string,
  result: AuditResult,
  io: CliIo,
): Promise<void> {
  if (format !== 'csv' && format !== 'tsv') throw new UsageError(`--reweigh writes CSV/TSV; ${shown} is ${format}`);
  if (!result.reweighing)
    throw new UsageError(`${shown}: reweighing needs a categorical label and at least one sensitive column`);
  try {
    const written = await writeReweighedCsv(file, output, result.reweighing, format);
    io.stderr(
      `wrote ${written.rows} rows with weights in column '${written.column}' to ${displayPath(io.cwd, output)}\n`,
    );
    if (written.badRows > 0)
      io.stderr(`${written.badRows} rows with parse errors were left out of ${displayPath(io.cwd, output)}\n`);
    if (written.longRows > 0) {
      io.stderr(
        `${written.longRows} rows have more fields than the header: each keeps them all, with its weight after the last\n`,
      );
    }
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}
