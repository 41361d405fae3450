import { chiSquareIndependence } from './chiSquare';

/**
 * Cramér's V of an r × c table: sqrt(χ² / (n · (min(r, c) − 1))), χ² without continuity correction,
 * as SciPy `contingency.association(table, method='cramer')`. With `biasCorrection`, Bergsma's (2013)
 * correction, which keeps columns with many distinct values (zip codes, names) from looking associated by chance.
 */
export function cramersV(table: readonly (readonly number[])[], options: { biasCorrection?: boolean } = {}): number {
  const { statistic, expected } = chiSquareIndependence(table, { yatesCorrection: false });
  const rows = expected.length;
  const columns = expected[0]?.length ?? 0;
  if (rows < 2 || columns < 2) return 0;
  const n = expected.flat().reduce((sum, value) => sum + value, 0);
  const phi2 = statistic / n;
  if (!options.biasCorrection) return Math.sqrt(phi2 / (Math.min(rows, columns) - 1));
  const phi2Corrected = Math.max(0, phi2 - ((rows - 1) * (columns - 1)) / (n - 1));
  const rowsCorrected = rows - (rows - 1) ** 2 / (n - 1);
  const columnsCorrected = columns - (columns - 1) ** 2 / (n - 1);
  const denominator = Math.min(rowsCorrected - 1, columnsCorrected - 1);
  return denominator > 0 ? Math.sqrt(phi2Corrected / denominator) : 0;
}

/** Mutual information I(R; C) in nats of the joint distribution a table of counts describes (sklearn `mutual_info_score`). */
export function mutualInformation(table: readonly (readonly number[])[]): number {
  const rowSums = table.map((row) => row.reduce((sum, value) => sum + value, 0));
  const columnSums: number[] = [];
  for (const row of table) row.forEach((value, j) => (columnSums[j] = (columnSums[j] ?? 0) + value));
  const n = rowSums.reduce((sum, value) => sum + value, 0);
  if (n === 0) return 0;
  let information = 0;
  table.forEach((row, i) =>
    row.forEach((value, j) => {
      if (value > 0) information += (value / n) * Math.log((value * n) / ((rowSums[i] ?? 0) * (columnSums[j] ?? 0)));
    }),
  );
  return Math.max(0, information);
}

/** Shannon entropy in nats of a distribution given as counts. */
export function entropy(counts: readonly number[]): number {
  const n = counts.reduce((sum, value) => sum + value, 0);
  if (n === 0) return 0;
  return -counts.reduce((sum, value) => (value > 0 ? sum + (value / n) * Math.log(value / n) : sum), 0);
}

/**
 * Theil's uncertainty coefficient U(column | row) = I(R; C) / H(C): the share of the column variable's entropy
 * that knowing the row variable removes (0 = independent, 1 = determined).
 */
export function uncertaintyCoefficient(table: readonly (readonly number[])[]): number {
  const columnSums: number[] = [];
  for (const row of table) row.forEach((value, j) => (columnSums[j] = (columnSums[j] ?? 0) + value));
  const columnEntropy = entropy(columnSums);
  return columnEntropy === 0 ? 0 : mutualInformation(table) / columnEntropy;
}
