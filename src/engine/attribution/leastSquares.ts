/**
 * Weighted least squares with an intercept — what scikit-learn's `LinearRegression().fit(X, y, sample_weight)`
 * computes, which Captum's KernelSHAP uses as its surrogate model. Written by hand: the system is at most a few
 * hundred unknowns, and no maintained JavaScript linear-algebra package is already a dependency here.
 * Centring by the weighted means, then the normal equations solved by Gaussian elimination with partial pivoting.
 * Only when they are singular (fewer distinct samples than features) is a vanishing ridge (1e-10 of the largest
 * diagonal entry) added; the solution then tends to the minimum-norm one scikit-learn's lstsq returns.
 */
export function weightedLinearRegression(
  x: Float32Array,
  y: Float64Array,
  weights: Float64Array,
  rows: number,
  columns: number,
): { coefficients: Float64Array; intercept: number } {
  const totalWeight = weights.reduce((sum, w) => sum + w, 0);
  const meanX = new Float64Array(columns);
  let meanY = 0;
  for (let r = 0; r < rows; r++) {
    const w = weights[r]! / totalWeight;
    meanY += w * y[r]!;
    for (let c = 0; c < columns; c++) meanX[c]! += w * x[r * columns + c]!;
  }
  const normal = new Float64Array(columns * columns);
  const right = new Float64Array(columns);
  const centred = new Float64Array(columns);
  for (let r = 0; r < rows; r++) {
    const w = weights[r]!;
    for (let c = 0; c < columns; c++) centred[c] = x[r * columns + c]! - meanX[c]!;
    const dy = y[r]! - meanY;
    for (let i = 0; i < columns; i++) {
      const wi = w * centred[i]!;
      if (wi === 0) continue;
      right[i]! += wi * dy;
      for (let j = i; j < columns; j++) normal[i * columns + j]! += wi * centred[j]!;
    }
  }
  let largest = 0;
  for (let i = 0; i < columns; i++) {
    for (let j = 0; j < i; j++) normal[i * columns + j] = normal[j * columns + i]!;
    largest = Math.max(largest, normal[i * columns + i]!);
  }
  let coefficients = solve(normal.slice(), right.slice(), columns, 1e-12 * largest);
  if (!coefficients) {
    for (let i = 0; i < columns; i++) normal[i * columns + i]! += 1e-10 * Math.max(largest, 1e-300);
    coefficients = solve(normal, right, columns, 0) ?? new Float64Array(columns);
  }
  let intercept = meanY;
  for (let c = 0; c < columns; c++) intercept -= coefficients[c]! * meanX[c]!;
  return { coefficients, intercept };
}

/**
 * A·x = b for a square A (row-major, overwritten), Gaussian elimination with partial pivoting; undefined when a
 * pivot is at most `tiny` (singular).
 */
function solve(a: Float64Array, b: Float64Array, n: number, tiny: number): Float64Array | undefined {
  for (let k = 0; k < n; k++) {
    let pivot = k;
    for (let i = k + 1; i < n; i++) if (Math.abs(a[i * n + k]!) > Math.abs(a[pivot * n + k]!)) pivot = i;
    if (pivot !== k) {
      for (let j = 0; j < n; j++) [a[k * n + j], a[pivot * n + j]] = [a[pivot * n + j]!, a[k * n + j]!];
      [b[k], b[pivot]] = [b[pivot]!, b[k]!];
    }
    const diagonal = a[k * n + k]!;
    if (Math.abs(diagonal) <= tiny) return undefined;
    for (let i = k + 1; i < n; i++) {
      const factor = a[i * n + k]! / diagonal;
      if (factor === 0) continue;
      for (let j = k; j < n; j++) a[i * n + j]! -= factor * a[k * n + j]!;
      b[i]! -= factor * b[k]!;
    }
  }
  const out = new Float64Array(n);
  for (let i = n - 1; i >= 0; i--) {
    let value = b[i]!;
    for (let j = i + 1; j < n; j++) value -= a[i * n + j]! * out[j]!;
    out[i] = value / a[i * n + i]!;
  }
  return out;
}
