import path from 'node:path';
import { parseFile } from '../../engine/io/readChunks';
import type { Cell, RecordSink } from '../../engine/parse/types';
import type { PrivilegedAssignment } from '../../engine/fairness/privileged';
import { fairnessReport, type FairnessReport, type GroupRates } from '../../engine/fairness/report';
import { DISPARITY_NAMES } from '../../engine/fairness/reportIntervals';
import { parseAssignments, parseCommandLine, parseFormat, parseIntegerOption, parseList } from '../args';
import { EXIT_OK, UsageError, type CliCommand } from '../io';

export const FAIRNESS_USAGE =
  'rml fairness <predictions.csv> --y-true COL --y-pred COL --sensitive COL[,COL…] [--pos-label VALUE] ' +
  '[--privileged COL=VALUE[,…]] [--sample-weight COL] [--bootstrap N] [--seed N (default 0)] [--format json|text (default text)]';

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
}

/**
 * `rml fairness`: Fairlearn's and AIF360's group metrics of a model's predictions stored in a CSV, as the JSON
 * of `fairnessReport` (2-space indent) or a readable table. Exit 0, or 2 on a usage or input error.
 */
export const fairnessCommand: CliCommand = async (args, io) => {
  const options = parseFairnessArgs(args);
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
      sampleWeight: options.sampleWeight === undefined ? undefined : (table.get(options.sampleWeight) ?? []).map(Number),
      bootstrap: options.bootstrap,
    });
  } catch (error) {
    throw new UsageError(`${display}: ${(error as Error).message}`);
  }
  io.stdout(options.format === 'json' ? `${JSON.stringify(report, null, 2)}\n` : renderText(report, options, posLabel));
  return EXIT_OK;
};

function required(name: string, value: string | undefined): string {
  if (value === undefined || value.trim() === '') throw new UsageError(`--${name} is required\nusage: ${FAIRNESS_USAGE}`);
  return value.trim();
}

function parseFairnessArgs(args: string[]): FairnessOptions {
  const { values, positionals } = parseCommandLine(args, {
    'y-true': { type: 'string' },
    'y-pred': { type: 'string' },
    sensitive: { type: 'string' },
    'pos-label': { type: 'string' },
    privileged: { type: 'string' },
    'sample-weight': { type: 'string' },
    bootstrap: { type: 'string' },
    seed: { type: 'string' },
    format: { type: 'string' },
  });
  if (positionals.length !== 1) throw new UsageError(`expected one predictions CSV file\nusage: ${FAIRNESS_USAGE}`);
  const sensitive = parseList(required('sensitive', values.sensitive));
  const privileged = parseAssignments(values.privileged);
  const resamples = parseIntegerOption('bootstrap', values.bootstrap, 0);
  if (resamples < 0) throw new UsageError(`--bootstrap must be ≥ 0 (got ${resamples})`);
  const seed = parseIntegerOption('seed', values.seed, 0);
  return {
    file: positionals[0] ?? '',
    yTrue: required('y-true', values['y-true']),
    yPred: required('y-pred', values['y-pred']),
    sensitive,
    posLabel: values['pos-label']?.trim(),
    privileged: privileged.length > 0 ? privileged : undefined,
    sampleWeight: values['sample-weight']?.trim(),
    bootstrap: resamples > 0 ? { resamples, seed } : undefined,
    format: parseFormat(values.format, ['json', 'text'] as const, 'text'),
  };
}

/** `file:line:column` (1-based, as editors and compilers print them) of a cell. */
function where(display: string, cell: { start: { line: number; character: number } }): string {
  return `${display}:${cell.start.line + 1}:${cell.start.character + 1}`;
}

/** What is wrong with one value, if anything; checked as it is read so the message can point at its cell. */
function valueProblem(cell: Cell, column: string, isWeight: boolean, display: string): string | undefined {
  if (cell.value.trim() === '') return `${where(display, cell)}: empty value in column '${column}'`;
  if (!isWeight) return undefined;
  const weight = Number(cell.value);
  if (Number.isFinite(weight) && weight >= 0) return undefined;
  return `${where(display, cell)}: sample weight '${cell.value}' in column '${column}' is not a number ≥ 0`;
}

/**
 * The needed columns of the CSV, streamed through the project's parser; the first row must be a header.
 * The sink records the first problem instead of throwing, so the parser is never interrupted mid-chunk.
 */
async function readColumns(file: string, display: string, options: FairnessOptions): Promise<Map<string, string[]>> {
  const wanted = [...new Set([options.yTrue, options.yPred, ...options.sensitive, ...(options.sampleWeight ? [options.sampleWeight] : [])])];
  const table = new Map<string, string[]>(wanted.map((column) => [column, []]));
  let indexOf: Map<string, number> | undefined;
  let problem: string | undefined;
  const sink: RecordSink = {
    header: (cells) => {
      const found = headerIndex(cells, wanted, display);
      if (typeof found === 'string') problem ??= found;
      else indexOf = found;
    },
    record: (record) => {
      if (problem !== undefined || indexOf === undefined) return;
      const byIndex = new Map(record.cells.map((cell) => [cell.columnIndex, cell]));
      for (const [column, index] of indexOf) {
        const cell = byIndex.get(index);
        problem ??= cell === undefined
          ? `${display}:${record.range.start.line + 1}: no value in column '${column}'`
          : valueProblem(cell, column, column === options.sampleWeight, display);
        if (problem !== undefined) return;
        table.get(column)?.push((cell as Cell).value.trim());
      }
    },
    issue: (issue) => {
      problem ??= `${display}:${issue.range.start.line + 1}:${issue.range.start.character + 1}: ${issue.message}`;
    },
  };
  await parseCsvFile(file, display, sink);
  if (problem !== undefined) throw new UsageError(problem);
  if (indexOf === undefined) throw new UsageError(`${display}: no header row`);
  return table;
}

async function parseCsvFile(file: string, display: string, sink: RecordSink): Promise<void> {
  try {
    await parseFile(file, 'csv', sink, { header: true });
  } catch (error) {
    const code = ((error as Error).cause as NodeJS.ErrnoException | undefined)?.code;
    if (code === 'ENOENT') throw new UsageError(`${display}: no such file`);
    if (code === 'EISDIR') throw new UsageError(`${display}: is a directory, expected a CSV file`);
    throw new UsageError(`${display}: ${(error as Error).message}`);
  }
}

/** Column name → field index, or a message naming the missing column. */
function headerIndex(cells: Cell[], wanted: readonly string[], display: string): Map<string, number> | string {
  const names = cells.map((cell) => cell.value.trim());
  const index = new Map<string, number>();
  for (const column of wanted) {
    const at = names.indexOf(column);
    if (at < 0) return `${display}: no column '${column}' (columns: ${names.join(', ')})`;
    index.set(column, cells[at]?.columnIndex ?? at);
  }
  return index;
}

/** --pos-label when given (it must occur); else 1, true or yes as spelled in the file. */
function choosePositiveLabel(labels: readonly string[], options: FairnessOptions, display: string): string {
  const distinct = [...new Set(labels)];
  const columns = `'${options.yTrue}' or '${options.yPred}'`;
  if (options.posLabel !== undefined) {
    if (!distinct.includes(options.posLabel)) {
      throw new UsageError(`${display}: --pos-label '${options.posLabel}' does not occur in columns ${columns} (labels: ${distinct.join(', ')})`);
    }
    return options.posLabel;
  }
  for (const candidate of DEFAULT_POSITIVE_LABELS) {
    const found = distinct.find((label) => label.toLowerCase() === candidate);
    if (found !== undefined) return found;
  }
  throw new UsageError(`${display}: cannot tell the favourable label among ${distinct.join(', ')}: give --pos-label`);
}

const DISPARITY_TITLES: Record<(typeof DISPARITY_NAMES)[number], string> = {
  demographicParityDifference: 'demographic parity difference',
  demographicParityRatio: 'demographic parity ratio',
  equalizedOddsDifference: 'equalized odds difference',
  equalizedOddsRatio: 'equalized odds ratio',
  equalOpportunityDifference: 'equal opportunity difference',
  equalOpportunityRatio: 'equal opportunity ratio',
  statisticalParityDifference: 'statistical parity difference (AIF360)',
  disparateImpact: 'disparate impact (AIF360)',
  averageOddsDifference: 'average odds difference (AIF360)',
};

const number = (value: number | null | undefined) => (typeof value === 'number' && Number.isFinite(value) ? value.toFixed(3) : 'n/a');

/** Columns left-aligned in the first column, right-aligned after it. */
function table(rows: string[][]): string {
  const widths = rows[0]?.map((_, k) => Math.max(...rows.map((row) => (row[k] ?? '').length))) ?? [];
  const align = (cell: string, k: number) => (k === 0 ? cell.padEnd(widths[k] ?? 0) : cell.padStart(widths[k] ?? 0));
  return rows.map((row) => row.map(align).join('  ').trimEnd()).join('\n');
}

function renderText(report: FairnessReport, options: FairnessOptions, posLabel: string): string {
  const rateRow = (name: string, rates: GroupRates) => [
    name,
    String(rates.count),
    number(rates.accuracy),
    number(rates.selectionRate),
    number(rates.truePositiveRate),
    number(rates.falsePositiveRate),
  ];
  const groups = table([
    [options.sensitive.join(','), 'count', 'accuracy', 'selection rate', 'TPR', 'FPR'],
    rateRow('overall', report.overall),
    ...Object.entries(report.byGroup).map(([name, rates]) => rateRow(name, rates)),
  ]);
  const { intervals } = report;
  const level = intervals === undefined ? '' : `${Math.round(intervals.level * 100)} % interval`;
  const disparities = table([
    ['disparity', 'value', level],
    ...DISPARITY_NAMES.filter((name) => name in report).map((name) => {
      const interval = intervals?.disparities[name];
      const bracket = interval ? `[${number(interval.lower)}, ${number(interval.upper)}]` : intervals ? 'n/a' : '';
      return [DISPARITY_TITLES[name], number(report[name]), bracket];
    }),
  ]);
  const bootstrap = intervals ? ` · ${intervals.resamples} bootstrap resamples, seed ${intervals.seed}` : '';
  const heading = `Fairness of '${options.yPred}' against '${options.yTrue}' in ${options.file} (favourable label '${posLabel}'${bootstrap})`;
  return `${heading}\n\n${groups}\n\n${disparities}\n`;
}
