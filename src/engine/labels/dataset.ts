import { parseFile } from '../parse';
import {
  cellChecks,
  classNames,
  examplesFromTable,
  type ColumnRoles,
  type Examples,
  inferFormat,
  readDataTable,
  type CellCheck,
} from '../training';

/** The rows label issues are looked for in: examples, the line each row starts on, and the classes. */
export interface LabelledDataset {
  file: string;
  examples: Examples;
  /** 1-based line of each data row's start, as editors number lines. */
  lines: number[];
  classes: string[];
}

export interface DatasetColumns {
  label: string;
  text?: string;
  features?: string[];
  /** The classes, in order, when they come from elsewhere (a predictions file): a label outside them is an error. */
  classes?: string[];
}

/**
 * Reads the label (and text or feature) columns with the project's parser; a bad value is reported at its file,
 * line and column. Classes are the given ones, else sorted as training sorts them (numbers numerically).
 */
export async function readLabelledDataset(file: string, columns: DatasetColumns): Promise<LabelledDataset> {
  const roles: ColumnRoles = {
    label: columns.label,
    ...(columns.text ? { text: columns.text } : {}),
    features: columns.features ?? [],
    sensitive: [],
  };
  const checks: Record<string, CellCheck> = cellChecks(roles);
  if (columns.classes) {
    const known = new Set(columns.classes);
    const emptyCheck = checks[columns.label]!;
    checks[columns.label] = (value) =>
      emptyCheck(value) ??
      (known.has(value.trim())
        ? undefined
        : `label '${value.trim()}' is not one of the classes of the probabilities (${columns.classes!.join(', ')})`);
  }
  const format = inferFormat(file);
  const wanted = [columns.label, ...(columns.text ? [columns.text] : []), ...(columns.features ?? [])];
  const table = await readDataTable(file, format, [...new Set(wanted)], checks);
  const examples = examplesFromTable(table, roles);
  const lines: number[] = [];
  await parseFile(file, format, {
    record: (record) => {
      if (!record.metadata) lines.push(record.range.start.line + 1);
    },
    issue: () => {},
  });
  return { file, examples, lines, classes: columns.classes ?? classNames(examples.labels) };
}
