import { realpathSync } from 'node:fs';
import path from 'node:path';
import type { Position, TextEdit } from '../../shared/findings';
import { encodeCsvField, parseFile, parseText } from '../parse/index';
import type { Cell, DataRecord } from '../parse';
import { writeLinesAtomically } from '../io';
import { createRowWeigher, type ReweighingWeights } from './reweighing';
import { RecordIssues } from './rowIssues';

/** The column the weights go to: the existing weight column (multiplied in place), else `weight`, else a free name. */
export function reweighingColumnName(columns: readonly string[], weights: ReweighingWeights): string {
  if (weights.weightColumn !== null) return weights.weightColumn;
  for (const name of ['weight', 'reweighing_weight', 'rml_weight']) if (!columns.includes(name)) return name;
  return `weight_${columns.length}`;
}

function cellReader(record: DataRecord): (column: string) => string | undefined {
  return (column) => record.cells.find((cell) => cell.column === column)?.value;
}

/** Where a new field goes: after the row's last cell and its closing quote. */
function afterLastCell(cells: readonly Cell[], fallback: Position): Position {
  const last = cells[cells.length - 1];
  if (!last) return fallback;
  return { line: last.end.line, character: last.end.character + (last.encoding === 'csv-quoted' ? 1 : 0) };
}

/**
 * The editor's "Reweigh" quick fix: one undoable set of edits that appends a weight column to every row of a CSV/TSV
 * document (header included) or, when the dataset already has instance weights, multiplies them in place.
 * Ragged rows are padded so the weight lands under its header.
 */
export type { TextEdit };

export function reweighingEdit(
  text: string,
  weights: ReweighingWeights,
  format: 'csv' | 'tsv' = 'csv',
): { edits: TextEdit[] } {
  const parsed = parseText(text, format);
  const header = parsed.header ?? [];
  const delimiter = header[0]?.delimiter ?? parsed.records[0]?.cells[0]?.delimiter ?? (format === 'tsv' ? '\t' : ',');
  const weigh = createRowWeigher(weights);
  const edits: TextEdit[] = [];
  const existing = weights.weightColumn;
  if (existing === null && header.length > 0) {
    const at = afterLastCell(header, { line: 0, character: 0 });
    edits.push({
      range: { start: at, end: at },
      newText:
        delimiter +
        encodeCsvField(
          reweighingColumnName(
            header.map((cell) => cell.column),
            weights,
          ),
          delimiter,
        ),
    });
  }
  for (const record of parsed.records) {
    const weight = String(weigh(cellReader(record)));
    const current = existing === null ? undefined : record.cells.find((cell) => cell.column === existing);
    if (current) {
      edits.push({ range: { start: current.start, end: current.end }, newText: weight });
      continue;
    }
    const padding = delimiter.repeat(Math.max(0, header.length - record.cells.length));
    const at = afterLastCell(record.cells, record.range.end);
    edits.push({ range: { start: at, end: at }, newText: `${padding}${delimiter}${weight}` });
  }
  return { edits };
}

/**
 * Streams `inputPath` into `outputPath` with a weight per row (re-encoding fields, quoting only where needed, LF line
 * ends); rows with a parse error are left out and counted (`rml audit` refuses such files unless told to skip them). Written to a temporary file beside the output and renamed, so the output is never half-written;
 * the input is never overwritten.
 */
export async function writeReweighedCsv(
  inputPath: string,
  outputPath: string,
  weights: ReweighingWeights,
  format: 'csv' | 'tsv' = 'csv',
): Promise<{ rows: number; column: string; longRows: number; badRows: number }> {
  assertNotInput(inputPath, outputPath);
  const weigh = createRowWeigher(weights);
  const issues = new RecordIssues();
  let columns: string[] = [];
  let column = reweighingColumnName(columns, weights);
  let rows = 0;
  let longRows = 0;
  await writeLinesAtomically(outputPath, (line) =>
    parseFile(inputPath, format, {
      header(cells) {
        columns = cells.map((cell) => cell.column);
        column = reweighingColumnName(columns, weights);
        const names = weights.weightColumn === null ? [...columns, column] : columns;
        line(names.map((name) => encodeCsvField(name, cells[0]?.delimiter ?? ',')).join(cells[0]?.delimiter ?? ','));
      },
      record(record) {
        // A row with a parse error (an open quote, an oversized field) cannot be written back field for field.
        if (issues.isBad(record)) return;
        rows++;
        if (columns.length > 0 && record.cells.length > columns.length) longRows++;
        line(reweighedRow(record, columns, weights, String(weigh(cellReader(record))), format));
      },
      issue: (issue) => issues.issue(issue),
    }),
  );
  return { rows, column, longRows, badRows: issues.badRecords };
}

/**
 * One output row: every field of the input row, unchanged, then the weight — under its header when the row is no
 * longer than the header (short rows are padded), after the row's last field otherwise. An existing weight
 * column is the one field rewritten (the weights multiply into it).
 */
function reweighedRow(
  record: DataRecord,
  columns: readonly string[],
  weights: ReweighingWeights,
  weight: string,
  format: 'csv' | 'tsv',
): string {
  const delimiter = record.cells[0]?.delimiter ?? (format === 'tsv' ? '\t' : ',');
  const width = Math.max(columns.length, ...record.cells.map((cell) => cell.columnIndex + 1));
  const values = new Array<string>(width).fill('');
  for (const cell of record.cells) values[cell.columnIndex] = cell.value;
  const existing = weights.weightColumn === null ? -1 : columns.indexOf(weights.weightColumn);
  if (existing >= 0) values[existing] = weight;
  else values.push(weight);
  return values.map((value) => encodeCsvField(value, delimiter)).join(delimiter);
}

function assertNotInput(inputPath: string, outputPath: string): void {
  const input = realpathSync(inputPath);
  let output = path.resolve(outputPath);
  try {
    output = realpathSync(outputPath);
  } catch {
    // The output does not exist yet: its resolved path is enough.
  }
  if (input === output) throw new Error(`refusing to overwrite the input ${inputPath}: choose another --reweigh file`);
}
