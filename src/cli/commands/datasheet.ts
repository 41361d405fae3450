import path from 'node:path';
import { auditOptionsFromConfig, type AuditOptions } from '../../engine/bias/types';
import { loadConfig } from '../../engine/config/load';
import { generateDatasheet } from '../../engine/accountability/datasheets/generate';
import { workspaceRelative } from '../../engine/accountability/workspaceRoot';
import { parseAssignments, parseCommandLine, parseFormat, parseList } from '../args';
import { EXIT_OK, UsageError, type CliCommand } from '../io';
import { scanDataset } from './datasetScanner';

export const DATASHEET_USAGE = `rml datasheet FILE [--label COL] [--sensitive COL[,COL…]] [--favorable VALUE] [--privileged COL=VALUE[,…]]
              [--text COL[,…]] [--out FILE] [--format text|json]

Writes a datasheet for a dataset in the question groups of Gebru et al., "Datasheets for Datasets" (Motivation,
Composition, Collection Process, Preprocessing/Cleaning/Labeling, Uses, Distribution, Maintenance), answered from
the audit (rows, columns, group representation, label rates, identity terms, duplicates, leakage) and the scan
(PII and secrets by kind) of the file; the rest is left as "To be completed by a person:". Recorded in the ledger.

options:
  --label COL          the label column (default: dataset.label of .rml.json, else inferred)
  --sensitive COLS     sensitive columns (default: dataset.sensitive, else suggested from names and values)
  --favorable VALUE    the favourable label value (default: dataset.favorable, else inferred)
  --privileged C=V     privileged value per sensitive column (default: dataset.privileged)
  --text COLS          free-text columns for identity terms and duplicates (default: inferred)
  --out FILE           where to write it (default: FILE's name with .datasheet.md, beside it)
  --format F           text (default) or json

json: { "datasheet", "dataset": { "path", "sha256", "bytes" }, "rows", "findings", "questions", "notRecorded",
"ledger": { "line", "hash" } | null }

example: rml datasheet data/loans.csv --label approved --sensitive sex,age_band`;

/** `rml datasheet`: exit 0, 2 on a usage or I/O error. */
export const datasheetCommand: CliCommand = async (args, io) => {
  const { values, positionals } = parseCommandLine(args, {
    label: { type: 'string' }, sensitive: { type: 'string' }, favorable: { type: 'string' }, privileged: { type: 'string' },
    text: { type: 'string' }, out: { type: 'string' }, format: { type: 'string' },
  });
  const [target, ...extra] = positionals;
  if (target === undefined || extra.length > 0) throw new UsageError(`expected one dataset file\nusage: ${DATASHEET_USAGE}`);
  const format = parseFormat(values.format, ['text', 'json'] as const, 'text');
  const file = path.resolve(io.cwd, target);
  const loaded = await loadConfig({ startDir: path.dirname(file) });
  const problem = loaded.problems[0];
  if (problem) throw new UsageError(`${problem.message} (line ${problem.range.start.line + 1}, column ${problem.range.start.character + 1})`);
  const audit: AuditOptions = { ...auditOptionsFromConfig(loaded.config.dataset) };
  if (values.label) audit.label = values.label;
  if (values.sensitive) audit.sensitive = parseList(values.sensitive);
  if (values.favorable) audit.favorable = values.favorable;
  if (values.text) audit.textColumns = parseList(values.text);
  if (values.privileged) audit.privileged = Object.fromEntries(parseAssignments(values.privileged).map(({ column, value }) => [column, value]));
  audit.strictColumns = Boolean(values.label || values.sensitive || values.text);
  let result;
  try {
    result = await generateDatasheet(file, { audit, scan: (dataset) => scanDataset(dataset, io.cwd), ...(values.out ? { out: path.resolve(io.cwd, values.out) } : {}), log: (line) => io.stderr(`${line}\n`) });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new UsageError(`${target}: no such file`);
    throw error;
  }
  const { evidence } = result;
  if (evidence.notes.some((note) => note.startsWith('audit not run')) && audit.strictColumns) throw new UsageError(`${target}: ${evidence.notes.join('; ')}`);
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
  } else io.stdout(`wrote ${shown}: ${result.questions} questions for a person, ${result.notRecorded} items not recorded\n`);
  return EXIT_OK;
};
