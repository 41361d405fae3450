import { parseFile } from '../parse';
import type { Cell, DataRecord } from '../parse';
import { DatasetError, describePosition, inferFormat } from '../training';

/** Rows of a predictions file may sum to 1 within this (probabilities written with a few decimals). */
const SUM_TOLERANCE = 0.01;

export interface PredictedProbabilities {
  /** Header order: one class per column, named by the label value as it appears in the dataset. */
  classes: string[];
  /** [rows × classes] row-major. */
  probabilities: Float64Array;
  rows: number;
}

/**
 * The user's own out-of-sample predicted probabilities (a model trained elsewhere): a CSV or TSV with one column
 * per class, headed by that class's label value, row i for data row i of the dataset. Every value must be a number
 * in [0, 1] and every row must sum to 1 (± 0.01); a bad one is reported at its file, line and column.
 */
export async function readPredictedProbabilities(file: string): Promise<PredictedProbabilities> {
  const format = inferFormat(file);
  if (format !== 'csv' && format !== 'tsv')
    throw new DatasetError(`${file}: predicted probabilities must be a CSV or TSV file`);
  let classes: string[] | undefined;
  const values: number[] = [];
  let rows = 0;
  let failure: DatasetError | undefined;
  await parseFile(
    file,
    format,
    {
      header(cells: Cell[]) {
        classes = cells.map((cell) => cell.value.trim());
        failure ??= headerProblem(file, cells, classes);
      },
      record(record: DataRecord) {
        if (failure) return;
        if (!classes) {
          failure = new DatasetError(`${describePosition(file, record.range.start)}: no header row naming the classes`);
          return;
        }
        failure = readRow(file, record, classes, values);
        rows++;
      },
      issue(issue) {
        failure ??= new DatasetError(`${describePosition(file, issue.range.start)}: ${issue.message}`);
      },
    },
    { header: true },
  );
  if (failure) throw failure;
  if (!classes) throw new DatasetError(`${file}: empty file (expected a header row naming the classes)`);
  return { classes, probabilities: Float64Array.from(values), rows };
}

function headerProblem(file: string, cells: Cell[], classes: string[]): DatasetError | undefined {
  if (classes.length < 2)
    return new DatasetError(
      `${describePosition(file, cells[0]?.start ?? { line: 0, character: 0 })}: need a column per class (at least 2)`,
    );
  const seen = new Set<string>();
  for (const [i, name] of classes.entries()) {
    const at = describePosition(file, cells[i]!.start);
    if (name === '') return new DatasetError(`${at}: empty class name in the header`);
    if (seen.has(name)) return new DatasetError(`${at}: class '${name}' has two columns`);
    seen.add(name);
  }
  return undefined;
}

function readRow(file: string, record: DataRecord, classes: string[], values: number[]): DatasetError | undefined {
  if (record.cells.length !== classes.length) {
    return new DatasetError(
      `${describePosition(file, record.range.start)}: ${record.cells.length} values for ${classes.length} classes`,
    );
  }
  let sum = 0;
  for (const cell of record.cells) {
    const text = cell.value.trim();
    const value = text === '' ? Number.NaN : Number(text);
    if (!(value >= 0 && value <= 1)) {
      return new DatasetError(
        `${describePosition(file, cell.start)}: '${cell.value}' is not a probability (a number from 0 to 1)`,
      );
    }
    sum += value;
    values.push(value);
  }
  if (Math.abs(sum - 1) > SUM_TOLERANCE) {
    return new DatasetError(
      `${describePosition(file, record.range.start)}: the probabilities sum to ${sum.toPrecision(6)}, not 1`,
    );
  }
  return undefined;
}
