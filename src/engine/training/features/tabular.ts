import { isMissing } from '../../bias';

/**
 * Feature columns → one float vector per example: numeric columns standardised, other columns one-hot.
 * Every statistic (means, deviations, categories) comes from the training split only, so validation and test
 * examples are encoded as unseen data would be.
 */

export interface NumericColumn {
  kind: 'numeric';
  column: string;
  mean: number;
  /** Population standard deviation; 1 for a constant column so it encodes to 0. */
  std: number;
}

export interface CategoricalColumn {
  kind: 'categorical';
  column: string;
  /** Most frequent first; every other value, and any value unseen in training, goes to the final "other" slot. */
  categories: string[];
}

export type ColumnEncoding = NumericColumn | CategoricalColumn;

/** Saved beside the model (`preprocessing.json`) so a prediction encodes its input the same way. */
export interface TabularEncoding {
  columns: ColumnEncoding[];
  width: number;
  /** One name per vector position: `age`, `sex=F`, `sex=(other)`. */
  featureNames: string[];
}

export const OTHER_CATEGORY = '(other)';

/**
 * The number a value holds, or undefined: empty, a missing marker (`NA`, `NaN`…) or not a finite number. Missing
 * numerics encode to the training mean (0 after scaling); a numeric column's words and infinities are refused
 * before training (`data/numeric.ts`), so only missing values get here as undefined.
 */
export function parseNumeric(value: string): number | undefined {
  const trimmed = value.trim();
  if (trimmed === '') return undefined;
  const parsed = Number(trimmed);
  return Number.isFinite(parsed) ? parsed : undefined;
}

/**
 * Fits one encoding per column on the training values (`values[c][i]`: column c of training example i).
 * `categorical` columns are one-hot whatever their values (words, or numeric codes such as zip codes).
 */
export function fitTabularEncoding(
  columns: readonly string[],
  values: readonly (readonly string[])[],
  maxCategories: number,
  categorical: readonly string[] = [],
): TabularEncoding {
  const encodings = columns.map((column, c) =>
    fitColumn(column, values[c] ?? [], maxCategories, categorical.includes(column)),
  );
  const featureNames = encodings.flatMap((encoding) =>
    encoding.kind === 'numeric'
      ? [encoding.column]
      : [...encoding.categories, OTHER_CATEGORY].map((category) => `${encoding.column}=${category}`),
  );
  return { columns: encodings, width: featureNames.length, featureNames };
}

function fitColumn(
  column: string,
  values: readonly string[],
  maxCategories: number,
  categorical: boolean,
): ColumnEncoding {
  const present = values.filter((value) => !isMissing(value));
  const numbers = present.map(parseNumeric);
  if (!categorical && present.length > 0 && numbers.every((value) => value !== undefined)) {
    return { kind: 'numeric', column, ...meanAndDeviation(numbers as number[]) };
  }
  const counts = new Map<string, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  const categories = [...counts.entries()]
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
    .slice(0, maxCategories)
    .map(([value]) => value);
  return { kind: 'categorical', column, categories };
}

/**
 * Mean and population standard deviation without overflow: values are scaled by the largest magnitude first, so
 * `5e307` (whose square, or whose sum with another, is Infinity) still gives finite statistics, and an extreme
 * value standardises to a large finite number instead of NaN. Welford's update keeps the variance accurate too.
 */
export function meanAndDeviation(values: readonly number[]): { mean: number; std: number } {
  let scale = 0;
  for (const value of values) scale = Math.max(scale, Math.abs(value));
  if (scale === 0 || values.length === 0) return { mean: 0, std: 1 };
  let mean = 0;
  let squares = 0;
  values.forEach((value, i) => {
    const x = value / scale;
    const delta = x - mean;
    mean += delta / (i + 1);
    squares += delta * (x - mean);
  });
  const std = Math.sqrt(squares / values.length) * scale;
  return { mean: mean * scale, std: std > 0 && Number.isFinite(std) ? std : 1 };
}

/** Encodes examples `rows` of `values` (column-major, as fitted) into a [rows.length, width] row-major block. */
export function encodeTabular(
  encoding: TabularEncoding,
  values: readonly (readonly string[])[],
  rows: ArrayLike<number>,
): Float32Array {
  const out = new Float32Array(rows.length * encoding.width);
  let offset = 0;
  encoding.columns.forEach((column, c) => {
    const columnValues = values[c] ?? [];
    if (column.kind === 'numeric') {
      for (let i = 0; i < rows.length; i++) {
        const value = parseNumeric(columnValues[rows[i]!] ?? '');
        out[i * encoding.width + offset] = value === undefined ? 0 : (value - column.mean) / column.std;
      }
      offset += 1;
      return;
    }
    const slot = new Map(column.categories.map((category, index) => [category, index]));
    for (let i = 0; i < rows.length; i++) {
      const index = slot.get(columnValues[rows[i]!] ?? '') ?? column.categories.length;
      out[i * encoding.width + offset + index] = 1;
    }
    offset += column.categories.length + 1;
  });
  return out;
}
