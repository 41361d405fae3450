import { existsSync } from 'node:fs';
import path from 'node:path';
import { recordAuditInLedger } from '../../engine/accountability/ledger/hooks';
import { loadConfig } from '../../engine/config/load';
import {
  AuditColumnError, auditOptionsFromConfig, auditTextReport, createDatasetAudit, writeReweighedCsv, type AuditOptions, type AuditResult,
} from '../../engine/bias';
import { formatOf, parseFile } from '../../engine/parse/index';
import type { DatasetFormat } from '../../engine/parse/types';
import { parseAssignments, parseCommandLine, parseFormat, parseIntegerOption, parseList } from '../args';
import { EXIT_FINDINGS, EXIT_OK, UsageError, type CliCommand, type CliIo } from '../io';

export const AUDIT_USAGE = `rml audit <file> [--label COL] [--sensitive COL[,COL…]] [--favorable VALUE] [--privileged COL=VALUE[,…]]
          [--text COL[,…]] [--compare FILE[,FILE…]] [--min-group-size N] [--reweigh OUT.csv]
          [--format json|text] [--fail-on-disparity] [--config FILE]`;

/**
 * `rml audit`: group disparities (Fairlearn / AIF360 semantics), identity terms, proxies, duplicates and
 * train/test leakage of a labelled dataset, streamed. `--reweigh` writes the rows plus AIF360 reweighing weights.
 * Exit 0; 1 with `--fail-on-disparity` when a group disparity crosses its threshold; 2 on errors.
 */
export const auditCommand: CliCommand = async (args, io) => {
  const { values, positionals } = parseCommandLine(args, {
    label: { type: 'string' }, sensitive: { type: 'string' }, favorable: { type: 'string' }, privileged: { type: 'string' },
    text: { type: 'string' }, compare: { type: 'string' }, 'min-group-size': { type: 'string' }, reweigh: { type: 'string' },
    format: { type: 'string' }, 'fail-on-disparity': { type: 'boolean' }, config: { type: 'string' },
  });
  const [target, ...extra] = positionals;
  if (target === undefined || extra.length > 0) throw new UsageError(`expected one file\nusage: ${AUDIT_USAGE}`);
  const format = parseFormat(values.format, ['text', 'json'] as const, 'text');
  const file = path.resolve(io.cwd, target);
  const dataFormat = datasetFormat(file, target);
  const loaded = await loadConfig({ explicitPath: values.config === undefined ? undefined : path.resolve(io.cwd, values.config), startDir: io.cwd });
  const problem = loaded.problems[0];
  if (problem) throw new UsageError(`${problem.message} (line ${problem.range.start.line + 1}, column ${problem.range.start.character + 1})`);
  const options = commandOptions(values, auditOptionsFromConfig(loaded.config.dataset));
  const splits = (loaded.config.dataset?.splits ?? [])
    .filter((split) => path.resolve(loaded.root, split.train) === file)
    .map((split) => path.resolve(loaded.root, split.test));
  const companions = [...new Set([...parseList(values.compare).map((name) => path.resolve(io.cwd, name)), ...splits, ...usualSplits(file)])]
    .filter((companion) => companion !== file);
  const result = await runAudit(file, target, dataFormat, options, companions, io);
  if (values.reweigh !== undefined) await reweigh(file, target, dataFormat, path.resolve(io.cwd, values.reweigh), result, io);
  io.stdout(format === 'json' ? `${JSON.stringify(result, null, 2)}\n` : auditTextReport(result));
  await recordAuditInLedger(io.cwd, file, result, values.reweigh === undefined ? [] : [path.resolve(io.cwd, values.reweigh)], (line) => io.stderr(`${line}\n`));
  const disparities = [...result.attributes, ...result.intersections].filter((audit) => audit.verdict === 'disparity');
  return values['fail-on-disparity'] && disparities.length > 0 ? EXIT_FINDINGS : EXIT_OK;
};

type Values = Record<string, string | boolean | undefined>;

function commandOptions(values: Values, fromConfig: AuditOptions): AuditOptions {
  const text = (name: string) => (typeof values[name] === 'string' ? (values[name] as string) : undefined);
  const options: AuditOptions = { ...fromConfig, thresholds: { ...fromConfig.thresholds } };
  const label = text('label');
  const sensitive = parseList(text('sensitive'));
  if (label !== undefined) options.label = label;
  if (sensitive.length > 0) options.sensitive = sensitive;
  if (text('favorable') !== undefined) options.favorable = text('favorable');
  if (text('text') !== undefined) options.textColumns = parseList(text('text'));
  if (text('privileged') !== undefined) {
    options.privileged = Object.fromEntries(parseAssignments(text('privileged')).map(({ column, value }) => [column, value]));
  }
  const minGroupSize = parseIntegerOption('min-group-size', text('min-group-size'), -1);
  if (minGroupSize === 0 || minGroupSize < -1) throw new UsageError('--min-group-size must be a positive integer');
  if (minGroupSize > 0) options.thresholds = { ...options.thresholds, minGroupSize };
  // Columns named on the command line must exist; columns from .rml.json may belong to another dataset.
  options.strictColumns = label !== undefined || sensitive.length > 0 || text('text') !== undefined;
  for (const column of Object.keys(options.privileged ?? {})) {
    if (options.sensitive && !options.sensitive.includes(column)) throw new UsageError(`--privileged column '${column}' is not a sensitive column (${options.sensitive.join(', ')})`);
  }
  return options;
}

function datasetFormat(file: string, shown: string): DatasetFormat {
  const format = formatOf(file);
  if (format === undefined || format === 'text') throw new UsageError(`${shown}: not a dataset (expected .csv, .tsv, .jsonl or .json)`);
  return format;
}

/** train.csv → test.csv, valid.csv, validation.csv, dev.csv beside it, when they exist. */
function usualSplits(file: string): string[] {
  const base = path.basename(file);
  if (!/train/i.test(base)) return [];
  return ['test', 'valid', 'validation', 'val', 'dev']
    .map((split) => path.join(path.dirname(file), base.replace(/train/i, split)))
    .filter((candidate) => existsSync(candidate));
}

async function runAudit(file: string, shown: string, format: DatasetFormat, options: AuditOptions, companions: string[], io: CliIo): Promise<AuditResult> {
  const audit = createDatasetAudit({ ...options, file: shown });
  try {
    await parseFile(file, format, { header: (cells) => audit.addHeader(cells), record: (record) => audit.addRecord(record), issue: () => undefined });
    for (const companion of companions) {
      const sink = audit.companion(displayPath(io.cwd, companion));
      await parseFile(companion, datasetFormat(companion, companion), { header: (cells) => sink.addHeader(cells), record: (record) => sink.addRecord(record), issue: () => undefined });
    }
    return audit.finish();
  } catch (error) {
    if (error instanceof AuditColumnError) throw new UsageError(`${shown}: ${error.message}`);
    throw error;
  }
}

async function reweigh(file: string, shown: string, format: DatasetFormat, output: string, result: AuditResult, io: CliIo): Promise<void> {
  if (format !== 'csv' && format !== 'tsv') throw new UsageError(`--reweigh writes CSV/TSV; ${shown} is ${format}`);
  if (!result.reweighing) throw new UsageError(`${shown}: reweighing needs a categorical label and at least one sensitive column`);
  try {
    const written = await writeReweighedCsv(file, output, result.reweighing, format);
    io.stderr(`wrote ${written.rows} rows with weights in column '${written.column}' to ${displayPath(io.cwd, output)}\n`);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

function displayPath(cwd: string, file: string): string {
  const relative = path.relative(cwd, file);
  return relative.startsWith('..') || path.isAbsolute(relative) ? file : relative.split(path.sep).join('/');
}
