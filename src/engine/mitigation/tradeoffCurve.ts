/**
 * The trade-off curves of Fairlearn's ThresholdOptimizer (`fairlearn/postprocessing/_tradeoff_curve_utilities.py`),
 * ported step for step so the chosen thresholds agree: every threshold between adjacent distinct scores (their
 * midpoint; `>` strictly), optionally flipped (`<`), evaluated as (x, y) = (constraint metric, objective), the upper
 * convex hull by Andrew's monotone chain (a middle point on the line is dropped), then linear interpolation on the
 * grid. Written by hand: the algorithm is Fairlearn's, and no JavaScript library has it.
 */

/** A threshold rule: `>` predicts 1 for scores above `threshold`, `<` for scores below it (a flipped rule). */
export interface ThresholdOperation {
  operator: '>' | '<';
  threshold: number;
}

export function applyOperation(operation: ThresholdOperation, score: number): number {
  return (operation.operator === '>' ? score > operation.threshold : score < operation.threshold) ? 1 : 0;
}

/** Fairlearn prints an operation as `[>0.5]`. */
export function describeOperation(operation: ThresholdOperation): string {
  const value =
    operation.threshold === Infinity ? 'inf' : operation.threshold === -Infinity ? '-inf' : String(operation.threshold);
  return `[${operation.operator}${value}]`;
}

interface Counts {
  truePositives: number;
  falsePositives: number;
  trueNegatives: number;
  falseNegatives: number;
}

export const X_METRICS = [
  'selection_rate',
  'true_positive_rate',
  'false_positive_rate',
  'true_negative_rate',
  'false_negative_rate',
] as const;
export const Y_METRICS = [
  'accuracy_score',
  'balanced_accuracy_score',
  'selection_rate',
  'true_positive_rate',
  'true_negative_rate',
] as const;
export type XMetric = (typeof X_METRICS)[number];
export type YMetric = (typeof Y_METRICS)[number];

/** Fairlearn's METRIC_DICT over confusion counts (NaN where undefined). */
export function metricOf(name: XMetric | YMetric, c: Counts): number {
  const positives = c.truePositives + c.falseNegatives;
  const negatives = c.trueNegatives + c.falsePositives;
  const n = positives + negatives;
  switch (name) {
    case 'selection_rate':
      return (c.truePositives + c.falsePositives) / n;
    case 'false_positive_rate':
      return c.falsePositives / negatives;
    case 'false_negative_rate':
      return c.falseNegatives / positives;
    case 'true_positive_rate':
      return c.truePositives / positives;
    case 'true_negative_rate':
      return c.trueNegatives / negatives;
    case 'accuracy_score':
      return (c.truePositives + c.trueNegatives) / n;
    case 'balanced_accuracy_score':
      return (0.5 * c.truePositives) / positives + (0.5 * c.trueNegatives) / negatives; // evaluated as Python does
  }
}

export interface CurvePoint {
  x: number;
  y: number;
  operation: ThresholdOperation;
}

/** A group whose labels are all one value has no trade-off: Fairlearn's error, with the group's name. */
export class DegenerateLabelsError extends Error {
  override readonly name = 'DegenerateLabelsError';
  constructor(readonly group: string) {
    super(
      `Degenerate labels for sensitive feature value ${group}: every label in the group is the same, so no threshold can be chosen`,
    );
  }
}

/**
 * Every threshold's (x, y), sorted by x then y (stable, as pandas' multi-column sort). `scores` and `labels`
 * (0/1) are one group's. The scores of each label are sorted natively (typed-array sort) and walked together from
 * the top, which is what Fairlearn's loop over the descending scores computes.
 */
export function tradeoffPoints(
  scores: ArrayLike<number>,
  labels: ArrayLike<number>,
  group: string,
  flip: boolean,
  xMetric: XMetric,
  yMetric: YMetric,
): CurvePoint[] {
  const n = scores.length;
  let nPositive = 0;
  for (let i = 0; i < n; i++) nPositive += labels[i]!;
  const nNegative = n - nPositive;
  if (nPositive === 0 || nNegative === 0) throw new DegenerateLabelsError(group);
  const positives = new Float64Array(nPositive);
  const negatives = new Float64Array(nNegative);
  for (let i = 0, p = 0, q = 0; i < n; i++) {
    if (labels[i] === 1) positives[p++] = scores[i]!;
    else negatives[q++] = scores[i]!;
  }
  positives.sort().reverse();
  negatives.sort().reverse();
  const points: CurvePoint[] = [];
  const count = [0, 0]; // [negatives, positives] with a score above the threshold
  const push = (threshold: number) => {
    const above: Counts = {
      falsePositives: count[0]!,
      truePositives: count[1]!,
      trueNegatives: nNegative - count[0]!,
      falseNegatives: nPositive - count[1]!,
    };
    points.push({ x: metricOf(xMetric, above), y: metricOf(yMetric, above), operation: { operator: '>', threshold } });
    if (!flip) return;
    const below: Counts = {
      falsePositives: nNegative - count[0]!,
      truePositives: nPositive - count[1]!,
      trueNegatives: count[0]!,
      falseNegatives: count[1]!,
    };
    points.push({ x: metricOf(xMetric, below), y: metricOf(yMetric, below), operation: { operator: '<', threshold } });
  };
  push(Infinity);
  const next = () =>
    Math.max(
      count[1]! < nPositive ? positives[count[1]!]! : -Infinity,
      count[0]! < nNegative ? negatives[count[0]!]! : -Infinity,
    );
  while (count[0]! + count[1]! < n) {
    const score = next();
    while (count[1]! < nPositive && positives[count[1]!] === score) count[1]! += 1;
    while (count[0]! < nNegative && negatives[count[0]!] === score) count[0]! += 1;
    // The reference appends −∞ after the lowest score: (s + −∞)/2 = −∞ predicts everyone positive.
    push(count[0]! + count[1]! < n ? (score + next()) / 2 : -Infinity);
  }
  return points.sort((a, b) => a.x - b.x || a.y - b.y);
}

/** Upper convex hull of points sorted by x then y (a middle point on or below the chord is dropped). */
export function upperConvexHull(sorted: readonly CurvePoint[]): CurvePoint[] {
  const hull: CurvePoint[] = [];
  for (const r2 of sorted) {
    while (hull.length >= 2) {
      const r1 = hull[hull.length - 1]!;
      const r0 = hull[hull.length - 2]!;
      if ((r1.y - r0.y) * (r2.x - r0.x) <= (r2.y - r0.y) * (r1.x - r0.x)) hull.pop();
      else break;
    }
    hull.push(r2);
  }
  return hull;
}

/** numpy.linspace(0, 1, gridSize + 1): i · (1 / gridSize), the last point exactly 1. */
export function unitGrid(gridSize: number): Float64Array {
  const step = 1 / gridSize;
  const grid = Float64Array.from({ length: gridSize + 1 }, (_, i) => i * step);
  grid[gridSize] = 1;
  return grid;
}

/** One grid point of an interpolated curve: with probability p0 apply operation0, else operation1. */
export interface InterpolatedPoint {
  x: number;
  y: number;
  p0: number;
  operation0: ThresholdOperation;
  p1: number;
  operation1: ThresholdOperation;
}

/**
 * The hull at each grid x, between hull points i and i + 1 with x_i < x ≤ x_{i+1} (at the first grid point the
 * last hull point with x_i ≤ x), as Fairlearn's `_get_interpolation_indices`.
 */
export function interpolateCurve(hull: readonly CurvePoint[], grid: Float64Array): InterpolatedPoint[] {
  const out: InterpolatedPoint[] = [];
  let index = 0;
  for (let g = 0; g < grid.length; g++) {
    const x = grid[g]!;
    // searchsorted(side='right') − 1: the last hull point with x_i ≤ x …
    while (index + 1 < hull.length && hull[index + 1]!.x <= x) index++;
    // … moved one left when it equals x (except at the first grid point), so that x_i < x ≤ x_{i+1}.
    const i = g > 0 && hull[index]!.x === x ? index - 1 : index;
    const left = hull[i]!;
    const right = hull[Math.min(i + 1, hull.length - 1)]!;
    const p0 = (right.x - x) / (right.x - left.x);
    const p1 = 1 - p0;
    out.push({ x, y: p0 * left.y + p1 * right.y, p0, operation0: left.operation, p1, operation1: right.operation });
  }
  return out;
}

/** The interpolated trade-off curve of one group. */
export function groupCurve(
  scores: ArrayLike<number>,
  labels: ArrayLike<number>,
  group: string,
  options: { flip: boolean; xMetric: XMetric; yMetric: YMetric; grid: Float64Array },
): InterpolatedPoint[] {
  const hull = upperConvexHull(tradeoffPoints(scores, labels, group, options.flip, options.xMetric, options.yMetric));
  return interpolateCurve(hull, options.grid);
}
