import gammainc from '@stdlib/math-base-special-gammainc';

export interface ChiSquareResult {
  statistic: number;
  degreesOfFreedom: number;
  pValue: number;
  /** Expected counts under independence, for the rows and columns kept (all-zero ones are dropped). */
  expected: number[][];
  /** The smallest expected count: below 5 the chi-square approximation is poor (use Fisher's exact test). */
  minExpected: number;
}

/** Upper tail of the chi-square distribution, Q(k/2, x/2), via the regularised incomplete gamma function. */
export function chiSquareSurvival(statistic: number, degreesOfFreedom: number): number {
  if (degreesOfFreedom <= 0) return 1;
  if (statistic <= 0) return 1;
  return gammainc(statistic / 2, degreesOfFreedom / 2, true, true);
}

/**
 * Pearson's chi-square test of independence on an r × c table of (possibly weighted) counts,
 * as SciPy `chi2_contingency`: Yates' continuity correction for one degree of freedom unless disabled.
 * Rows or columns that are all zero carry no information and are dropped (SciPy raises instead).
 */
export function chiSquareIndependence(
  table: readonly (readonly number[])[],
  options: { yatesCorrection?: boolean } = {},
): ChiSquareResult {
  const kept = dropEmptyRowsAndColumns(table);
  const rows = kept.length;
  const columns = kept[0]?.length ?? 0;
  const degreesOfFreedom = Math.max(0, (rows - 1) * (columns - 1));
  if (degreesOfFreedom === 0)
    return { statistic: 0, degreesOfFreedom, pValue: 1, expected: kept.map((row) => [...row]), minExpected: NaN };
  const rowSums = kept.map((row) => row.reduce((sum, value) => sum + value, 0));
  const columnSums = Array.from({ length: columns }, (_, j) => kept.reduce((sum, row) => sum + (row[j] ?? 0), 0));
  const total = rowSums.reduce((sum, value) => sum + value, 0);
  const correct = (options.yatesCorrection ?? true) && degreesOfFreedom === 1;
  let statistic = 0;
  let minExpected = Infinity;
  const expected = kept.map((row, i) =>
    row.map((observed, j) => {
      const e = ((rowSums[i] ?? 0) * (columnSums[j] ?? 0)) / total;
      minExpected = Math.min(minExpected, e);
      let deviation = Math.abs(observed - e);
      if (correct) deviation = Math.max(0, deviation - Math.min(0.5, deviation));
      statistic += (deviation * deviation) / e;
      return e;
    }),
  );
  return { statistic, degreesOfFreedom, pValue: chiSquareSurvival(statistic, degreesOfFreedom), expected, minExpected };
}

function dropEmptyRowsAndColumns(table: readonly (readonly number[])[]): number[][] {
  const rows = table.filter((row) => row.some((value) => value !== 0));
  const width = Math.max(0, ...rows.map((row) => row.length));
  const keepColumn = Array.from({ length: width }, (_, j) => rows.some((row) => (row[j] ?? 0) !== 0));
  return rows.map((row) => Array.from({ length: width }, (_, j) => row[j] ?? 0).filter((_, j) => keepColumn[j]));
}
