/** numpy's `round` (IEEE round half to even): 0.5 → 0, 1.5 → 2, 2.5 → 2, −2.5 → −2. */
export function roundHalfEven(x: number): number {
  const floor = Math.floor(x);
  const fraction = x - floor;
  if (fraction !== 0.5) return Math.round(x);
  return floor % 2 === 0 ? floor : floor + 1;
}

/**
 * Cleanlab's `round_preserving_sum` (after cgdeboer/iteround): round each value half to even, then move the
 * values whose rounding lost (or gained) the most by ±1 until the integers sum to the rounded total. The order is
 * numpy's `argsort(floats − ints)`, reversed when adding; numpy sorts ≤ 16 values by insertion sort, which is
 * stable, and so does this (for more values numpy's introsort may break ties differently).
 */
export function roundPreservingSum(values: ArrayLike<number>): number[] {
  const floats = Array.from(values);
  const ints = floats.map(roundHalfEven);
  const target = roundHalfEven(floats.reduce((sum, value) => sum + value, 0));
  let total = roundHalfEven(ints.reduce((sum, value) => sum + value, 0));
  while (Math.abs(total - target) > 1e-6) {
    const difference = roundHalfEven(target - total);
    const increment = difference < 0 ? -1 : 1;
    const changes = Math.min(Math.abs(difference), floats.length);
    const ascending = floats.map((_, i) => i).sort((a, b) => floats[a]! - ints[a]! - (floats[b]! - ints[b]!) || a - b);
    const order = increment > 0 ? ascending.reverse() : ascending;
    for (const i of order.slice(0, changes)) ints[i]! += increment;
    total = roundHalfEven(ints.reduce((sum, value) => sum + value, 0));
  }
  return ints;
}

/** Cleanlab's `round_preserving_row_totals`: `roundPreservingSum` on each row of a square matrix. */
export function roundPreservingRowTotals(matrix: readonly (readonly number[])[]): number[][] {
  return matrix.map((row) => roundPreservingSum(row));
}
