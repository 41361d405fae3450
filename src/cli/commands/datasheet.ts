import path from 'node:path';
import { auditOptionsFromConfig, type AuditOptions } from '../../engine/bias';
import { loadConfig } from '../../engine/config';
import { generateDatasheet, workspaceRelative } from '../../engine/accountability';
import { parseAssignments, parseFormat, parseList } from '../args';
import { defineCommand, parseCommand, usageLine } from '../options';
import { FORMAT_OPTION, openItems } from './common';
import { EXIT_OK, UsageError, type CliCommand } from '../io';
import { scanDataset } from './datasetScanner';

export const DATASHEET_SPEC = defineCommand({
  usage: '<file> [options]',
  description:
    'Writes a datasheet for a dataset in the question groups of Gebru et al., "Datasheets for Datasets" (Motivation, ' +
    'Composition, Collection Process, Preprocessing/Cleaning/Labeling, Uses, Distribution, Maintenance), answered from ' +
    'the audit (rows, columns, group representation, label rates, identity terms, duplicates, leakage) and the scan ' +
    '(PII and secrets by kind) of the file; the rest is left as "To be completed by a person:". Recorded in the ledger.',
  options: {
    label: {
      type: 'string',
      value: 'COL',
      description: 'the label column',
      default: 'dataset.label, else inferred',
      group: 'Data',
    },
    sensitive: {
      type: 'string',
      value: 'COL[,COL…]',
      description: 'sensitive columns',
      default: 'dataset.sensitive, else suggested',
      group: 'Data',
    },
    favorable: {
      type: 'string',
      value: 'VALUE',
      description: 'the favourable label value',
      default: 'dataset.favorable, else inferred',
      group: 'Data',
    },
    privileged: {
      type: 'string',
      value: 'COL=VALUE[,…]',
      description: 'privileged value per sensitive column',
      default: 'dataset.privileged',
      group: 'Data',
    },
    text: {
      type: 'string',
      value: 'COL[,…]',
      description: 'free-text columns for identity terms and duplicates',
      default: 'inferred',
      group: 'Data',
    },
    out: {
      type: 'string',
      value: 'FILE',
      description: 'where to write it',
      default: "the file's name with .datasheet.md, beside it",
      group: 'Output',
    },
    format: FORMAT_OPTION,
  },
  examples: [
    'rml datasheet data/loans.csv --label approved --sensitive sex,age_band',
    'rml datasheet data/reviews.csv --out docs/DATASHEET.md --format json',
  ],
  notes: [
    'JSON output: { "datasheet", "dataset": { "path", "sha256", "bytes" }, "rows", "findings": { "total", "byCode" } | null, "questions", "notRecorded", "ledger": { "line", "hash" } | null }.',
    'Exit codes: 0 written, 2 usage or I/O error.',
  ],
});

/** `rml datasheet`: exit 0, 2 on a usage or I/O error. */
export const datasheetCommand: CliCommand = async (args, io) => {
  const { values, positionals } = parseCommand(DATASHEET_SPEC, args);
  const [target, ...extra] = positionals;
  if (target === undefined || extra.length > 0)
    throw new UsageError(`expected one dataset file\n${usageLine('datasheet', DATASHEET_SPEC)}`);
  const format = parseFormat(values.format, ['text', 'json'] as const, 'text');
  const file = path.resolve(io.cwd, target);
  const loaded = await loadConfig({ startDir: path.dirname(file) });
  const problem = loaded.problems[0];
  if (problem)
    throw new UsageError(
      `${problem.message} (line ${problem.range.start.line + 1}, column ${problem.range.start.character + 1})`,
    );
  const audit: AuditOptions = { ...auditOptionsFromConfig(loaded.config.dataset) };
  if (values.label) audit.label = values.label;
  if (values.sensitive) audit.sensitive = parseList(values.sensitive);
  if (values.favorable) audit.favorable = values.favorable;
  if (values.text) audit.textColumns = parseList(values.text);
  if (values.privileged)
    audit.privileged = Object.fromEntries(
      parseAssignments(values.privileged).map(({ column, value }) => [column, value]),
    );
  audit.strictColumns = Boolean(values.label || values.sensitive || values.text);
  let result;
  try {
    result = await generateDatasheet(file, {
      audit,
      scan: (dataset) => scanDataset(dataset, io.cwd),
      ...(values.out ? { out: path.resolve(io.cwd, values.out) } : {}),
      log: (line) => io.stderr(`${line}\n`),
    });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new UsageError(`${target}: no such file`);
    throw error;
  }
  const { evidence } = result;
  if (evidence.notes.some((note) => note.startsWith('audit not run')) && audit.strictColumns)
    throw new UsageError(`${target}: ${evidence.notes.join('; ')}`);
  const shown = workspaceRelative(io.cwd, result.file);
  if (format === 'json') {
    const summary = {
      datasheet: shown,
      dataset: { path: evidence.shownPath, sha256: evidence.sha256, bytes: evidence.bytes },
      rows: evidence.audit?.rows ?? null,
      findings: evidence.findings ?? null,
      questions: result.questions,
      notRecorded: result.notRecorded,
      ledger: result.ledger ?? null,
    };
    io.stdout(`${JSON.stringify(summary, null, 2)}\n`);
  } else io.stdout(`wrote ${shown}: ${openItems(result.questions, result.notRecorded)}\n`);
  return EXIT_OK;
};
