import { sensitiveGrouping } from '../../bias';
import { parseNumeric } from '../features/tabular';
import { DatasetError, type CellCheck, type DataTable } from './table';

/** Which columns play which part; `features` already excludes sensitive columns unless they were asked for. */
export interface ColumnRoles {
  label: string;
  text?: string;
  features: string[];
  sensitive: string[];
  /** Instance weights: never a feature. */
  weight?: string;
  /** Feature columns one-hot encoded whatever their values (decided on the whole file: words, numeric codes). */
  categorical?: string[];
}

/** One split's examples, column by column (labels still as written in the file). */
export interface Examples {
  count: number;
  labels: string[];
  /** Instance weights from the weight column, 1 when there is none. */
  weights: Float32Array;
  text: string[];
  /** features[c][i]: feature column c of example i. */
  features: string[][];
  sensitive: Record<string, string[]>;
}

export function columnsToRead(roles: ColumnRoles): string[] {
  const columns = [roles.label, ...(roles.text ? [roles.text] : []), ...roles.features, ...roles.sensitive];
  if (roles.weight) columns.push(roles.weight);
  return [...new Set(columns)];
}

/** Checks made while reading, so a bad value is reported at its line and column. */
export function cellChecks(roles: ColumnRoles): Record<string, CellCheck> {
  const checks: Record<string, CellCheck> = {
    [roles.label]: (value) =>
      value.trim() === '' ? `empty label in column '${roles.label}': every example needs a class` : undefined,
  };
  if (roles.weight) checks[roles.weight] = weightCheck(roles.weight);
  return checks;
}

export function weightCheck(column: string): CellCheck {
  return (value) => {
    const weight = parseNumeric(value);
    return weight === undefined || weight < 0
      ? `weight '${value}' in column '${column}' is not a non-negative number`
      : undefined;
  };
}

export function examplesFromTable(table: DataTable, roles: ColumnRoles): Examples {
  const column = (name: string) => table.values.get(name) ?? [];
  const labels = column(roles.label).map((value) => value.trim());
  const empty = labels.findIndex((label) => label === '');
  if (empty >= 0)
    throw new DatasetError(`${table.file}: record ${empty + 1} has no '${roles.label}' (every example needs a class)`);
  const weights = new Float32Array(table.rows).fill(1);
  if (roles.weight) column(roles.weight).forEach((value, i) => (weights[i] = parseNumeric(value) ?? 1));
  return {
    count: table.rows,
    labels,
    weights,
    text: roles.text ? column(roles.text) : [],
    features: roles.features.map(column),
    sensitive: Object.fromEntries(roles.sensitive.map((name) => [name, sensitiveGroups(name, column(name))])),
  };
}

/** A sensitive column's values as the audit groups them (trimmed, missing pooled, ages banded). */
function sensitiveGroups(name: string, values: readonly string[]): string[] {
  const group = sensitiveGrouping(name, values);
  return values.map(group);
}

/** The examples at `rows`, in that order. */
export function selectExamples(examples: Examples, rows: ArrayLike<number>): Examples {
  const pick = <T>(values: readonly T[]) => Array.from(rows, (row) => values[row] as T);
  return {
    count: rows.length,
    labels: pick(examples.labels),
    weights: Float32Array.from(rows, (row) => examples.weights[row] ?? 1),
    text: examples.text.length > 0 ? pick(examples.text) : [],
    features: examples.features.map(pick),
    sensitive: Object.fromEntries(Object.entries(examples.sensitive).map(([name, values]) => [name, pick(values)])),
  };
}

/** Class names sorted numerically when all are numbers, else by code point, so `0` < `1` < `10`. */
export function classNames(labels: Iterable<string>): string[] {
  const distinct = [...new Set(labels)];
  const numeric = distinct.every((label) => parseNumeric(label) !== undefined);
  return distinct.sort((a, b) => (numeric ? Number(a) - Number(b) : a < b ? -1 : a > b ? 1 : 0));
}

export function classIndices(labels: readonly string[], classes: readonly string[]): Int32Array {
  const index = new Map(classes.map((name, i) => [name, i]));
  return Int32Array.from(labels, (label) => index.get(label) ?? -1);
}

const FAVOURABLE_NAMES = ['1', 'true', 'yes', 'positive', 'pos'];

/**
 * The requested class (compared ignoring case when that matches exactly one class: `yes` finds `Yes`), else a
 * conventional favourable name, else the last class.
 */
export function positiveClassIndex(classes: readonly string[], requested?: string): number {
  if (requested !== undefined) {
    const index = classes.indexOf(requested);
    if (index >= 0) return index;
    const folded = classes.flatMap((name, i) => (name.toLowerCase() === requested.toLowerCase() ? [i] : []));
    if (folded.length === 1) return folded[0]!;
    throw new DatasetError(`positive class '${requested}' is not a label value (classes: ${classes.join(', ')})`);
  }
  const conventional = classes.findIndex((name) => FAVOURABLE_NAMES.includes(name.toLowerCase()));
  return conventional >= 0 ? conventional : classes.length - 1;
}

/** scikit-learn `compute_class_weight('balanced')`: n / (k · n_c), counted on the training split. */
export function balancedClassWeights(labels: Int32Array, classes: number): Float32Array {
  const counts = new Float64Array(classes);
  for (const label of labels) counts[label]! += 1;
  return Float32Array.from(counts, (count) => (count > 0 ? labels.length / (classes * count) : 0));
}
