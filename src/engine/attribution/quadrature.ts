/**
 * The integration rules of integrated gradients, with Captum's exact semantics
 * (`captum/attr/_utils/approximation_methods.py`): each rule gives the path points `alphas` in [0, 1] and the
 * `stepSizes` that weight the gradient taken at each of them.
 */

export const INTEGRATION_METHODS = [
  'gausslegendre',
  'riemann_left',
  'riemann_right',
  'riemann_middle',
  'riemann_trapezoid',
] as const;
export type IntegrationMethod = (typeof INTEGRATION_METHODS)[number];

export interface QuadratureRule {
  alphas: Float64Array;
  stepSizes: Float64Array;
}

/**
 * Captum's rules: Riemann sums with n equal steps 1/n (trapezoid halves the first and last, so its weights sum to
 * (n − 1)/n and it is 2 % low at 50 steps even on a linear model — as in Captum), and Gauss–Legendre with numpy's
 * `leggauss(n)` nodes and weights mapped from [−1, 1] to [0, 1].
 */
export function quadratureRule(method: IntegrationMethod, steps: number): QuadratureRule {
  if (!Number.isInteger(steps) || steps < (method === 'gausslegendre' ? 1 : 2)) {
    throw new RangeError(
      `${method} needs an integer number of steps ≥ ${method === 'gausslegendre' ? 1 : 2} (got ${steps})`,
    );
  }
  if (method === 'gausslegendre') {
    const { nodes, weights } = gaussLegendre(steps);
    return { alphas: nodes.map((x) => 0.5 * (1 + x)), stepSizes: weights.map((w) => 0.5 * w) };
  }
  const stepSizes = new Float64Array(steps).fill(1 / steps);
  if (method === 'riemann_trapezoid') {
    stepSizes[0] = 1 / steps / 2;
    stepSizes[steps - 1] = 1 / steps / 2;
  }
  const ends: Record<Exclude<IntegrationMethod, 'gausslegendre'>, [number, number]> = {
    riemann_trapezoid: [0, 1],
    riemann_left: [0, 1 - 1 / steps],
    riemann_middle: [1 / (2 * steps), 1 - 1 / (2 * steps)],
    riemann_right: [1 / steps, 1],
  };
  const [first, last] = ends[method];
  return { alphas: linspace(first, last, steps), stepSizes };
}

/** numpy's `linspace(start, stop, n)`: start + i·step, with the last point exactly `stop`. */
function linspace(start: number, stop: number, n: number): Float64Array {
  const out = new Float64Array(n);
  const step = (stop - start) / (n - 1);
  for (let i = 0; i < n; i++) out[i] = start + i * step;
  out[n - 1] = stop;
  return out;
}

/**
 * Gauss–Legendre nodes (ascending, as numpy returns them) and weights on [−1, 1], by Newton's method on the
 * Legendre polynomial from the Tricomi initial guesses. Written here because no maintained JavaScript package
 * provides it; double precision, checked against numpy's published values in the tests.
 */
export function gaussLegendre(n: number): { nodes: Float64Array; weights: Float64Array } {
  const nodes = new Float64Array(n);
  const weights = new Float64Array(n);
  for (let i = 0; i < Math.ceil(n / 2); i++) {
    let x = Math.cos((Math.PI * (i + 0.75)) / (n + 0.5));
    let derivative = 0;
    for (let iteration = 0; iteration < 100; iteration++) {
      const [value, slope] = legendre(n, x);
      derivative = slope;
      const next = x - value / slope;
      const converged = Math.abs(next - x) < 1e-16;
      x = next;
      if (converged) break;
    }
    derivative = legendre(n, x)[1];
    const weight = 2 / ((1 - x * x) * derivative * derivative);
    nodes[n - 1 - i] = x;
    nodes[i] = -x;
    weights[n - 1 - i] = weight;
    weights[i] = weight;
  }
  return { nodes, weights };
}

/** P_n(x) and P_n'(x) by the three-term recurrence. */
function legendre(n: number, x: number): [number, number] {
  let previous = 1;
  let current = x;
  if (n === 0) return [1, 0];
  for (let k = 2; k <= n; k++) {
    const next = ((2 * k - 1) * x * current - (k - 1) * previous) / k;
    previous = current;
    current = next;
  }
  return [current, (n * (x * current - previous)) / (x * x - 1)];
}
