/** Numbers as the audit's messages print them. */

/** 0.123 → "12 %", 0.004 → "0.4 %". */
export function percent(rate: number | null): string {
  if (rate === null) return '–';
  const value = rate * 100;
  return `${value !== 0 && Math.abs(value) < 1 ? value.toFixed(1) : Math.round(value)} %`;
}

/**
 * `rate` as a percentage precise enough not to read as `limit` (4.8 %, not 5 %, for a share below a 5 % minimum):
 * a message that says "5 % (below 5 %)" contradicts itself.
 */
export function percentBeside(rate: number, limit: number): string {
  const text = percent(rate);
  return text === percent(limit) && rate !== limit ? `${(rate * 100).toFixed(1)} %` : text;
}

/** Two decimals, or "–" for an undefined quantity. */
export function ratio(value: number | null | undefined): string {
  return value === null || value === undefined ? '–' : value.toFixed(2);
}

/** p- and q-values: "p = 0.03", "p < 1e-6". */
export function pValueText(name: 'p' | 'q', value: number | null): string {
  if (value === null) return `${name} n/a`;
  if (value < 1e-6) return `${name} < 1e-6`;
  return `${name} = ${value < 0.001 ? value.toExponential(1) : value.toFixed(3)}`;
}

/** Counts may be sums of weights: integers stay integers, others get two decimals. */
export function count(value: number): string {
  return Number.isInteger(value) ? String(value) : value.toFixed(2);
}

/** "1 row", "3 rows", "2.50 rows" (weighted). */
export function rowCount(value: number): string {
  return `${count(value)} ${value === 1 ? 'row' : 'rows'}`;
}

/** At most `max` names for a message, with how many more there are ("a, b, c and 4 more"). */
export function listed(names: readonly string[], max = 5): string {
  return names.length <= max ? names.join(', ') : `${names.slice(0, max).join(', ')} and ${names.length - max} more`;
}
