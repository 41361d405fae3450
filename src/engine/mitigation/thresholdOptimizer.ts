/**
 * Post-processing with group-specific randomized thresholds: Fairlearn's `ThresholdOptimizer`
 * (`fairlearn/postprocessing/_threshold_optimizer.py`, Hardt, Price, Srebro 2016), on scores already computed.
 * Defaults as Fairlearn's: constraint demographic_parity, objective accuracy_score, grid_size 1000 (1,001 points),
 * flip false (Fairlearn's default since 0.7; its early documentation's numbers used flip = True).
 */
import {
  applyOperation,
  groupCurve,
  unitGrid,
  type InterpolatedPoint,
  type ThresholdOperation,
  type XMetric,
  type YMetric,
} from './tradeoffCurve';

/** Constraint → the metric made equal across groups (Fairlearn's SIMPLE_CONSTRAINTS), plus equalized_odds. */
const SIMPLE_CONSTRAINTS = {
  demographic_parity: 'selection_rate',
  selection_rate_parity: 'selection_rate',
  true_positive_rate_parity: 'true_positive_rate',
  false_positive_rate_parity: 'false_positive_rate',
  true_negative_rate_parity: 'true_negative_rate',
  false_negative_rate_parity: 'false_negative_rate',
} as const satisfies Record<string, XMetric>;

export const CONSTRAINTS = [...Object.keys(SIMPLE_CONSTRAINTS), 'equalized_odds'] as Array<
  keyof typeof SIMPLE_CONSTRAINTS | 'equalized_odds'
>;
export type ThresholdConstraint = (typeof CONSTRAINTS)[number];
export const OBJECTIVES_FOR_SIMPLE = [
  'accuracy_score',
  'balanced_accuracy_score',
  'selection_rate',
  'true_positive_rate',
  'true_negative_rate',
] as const;
export const OBJECTIVES_FOR_EQUALIZED_ODDS = ['accuracy_score', 'balanced_accuracy_score'] as const;
export type ThresholdObjective = (typeof OBJECTIVES_FOR_SIMPLE)[number];

export const THRESHOLD_DEFAULTS = {
  constraint: 'demographic_parity',
  objective: 'accuracy_score',
  gridSize: 1000,
  flip: false,
} as const;

export interface ThresholdOptions {
  constraint?: ThresholdConstraint;
  objective?: ThresholdObjective;
  /** Grid intervals over [0, 1] for the constraint metric (FPR for equalized odds): gridSize + 1 points. */
  gridSize?: number;
  /** Also consider flipped rules (score below the threshold → positive). */
  flip?: boolean;
}

/** One group's randomized rule, with Fairlearn's `interpolation_dict` fields. */
export interface GroupThresholds {
  p0: number;
  operation0: ThresholdOperation;
  p1: number;
  operation1: ThresholdOperation;
  /** Equalized odds only: with probability pIgnore the prediction is `predictionConstant`'s coin instead. */
  pIgnore?: number;
  predictionConstant?: number;
}

export interface FittedThresholds {
  constraint: ThresholdConstraint;
  objective: ThresholdObjective;
  gridSize: number;
  flip: boolean;
  /** Groups in sorted order (pandas groupby order). */
  groups: Record<string, GroupThresholds>;
  /** The chosen grid point: the common constraint value (FPR for equalized odds) and the objective there. */
  best: { x: number; objective: number; y?: number };
  /** Per group, the interpolated curve (the plot of the trade-off), thinned to at most ~200 points. */
  curves: Record<string, Array<{ x: number; y: number }>>;
}

export class ThresholdOptionsError extends Error {
  override readonly name = 'ThresholdOptionsError';
}

function resolveOptions(options: ThresholdOptions) {
  const constraint = options.constraint ?? THRESHOLD_DEFAULTS.constraint;
  const objective = options.objective ?? THRESHOLD_DEFAULTS.objective;
  const gridSize = options.gridSize ?? THRESHOLD_DEFAULTS.gridSize;
  if (!CONSTRAINTS.includes(constraint))
    throw new ThresholdOptionsError(
      `Currently only the following constraints are supported: ${[...CONSTRAINTS].sort().join(', ')}.`,
    );
  const allowed: readonly string[] =
    constraint === 'equalized_odds' ? OBJECTIVES_FOR_EQUALIZED_ODDS : OBJECTIVES_FOR_SIMPLE;
  if (!allowed.includes(objective))
    throw new ThresholdOptionsError(
      `For ${constraint} only the following objectives are supported: ${[...allowed].sort().join(', ')}.`,
    );
  if (!Number.isInteger(gridSize) || gridSize < 1)
    throw new ThresholdOptionsError(`grid size must be a positive integer (got ${gridSize})`);
  return { constraint, objective, gridSize, flip: options.flip ?? THRESHOLD_DEFAULTS.flip };
}

/** Rows grouped by sensitive value (typed arrays), groups in sorted order; labels must be 0/1. */
function groupRows(scores: ArrayLike<number>, labels: ArrayLike<number>, groups: readonly string[]) {
  if (scores.length !== labels.length || scores.length !== groups.length)
    throw new ThresholdOptionsError('scores, labels and groups need to be of equal length');
  if (scores.length === 0) throw new ThresholdOptionsError('no rows');
  const ids = new Map<string, number>();
  const groupOf = new Uint32Array(scores.length);
  const sizes: number[] = [];
  for (let i = 0; i < scores.length; i++) {
    const label = labels[i]!;
    if (label !== 0 && label !== 1)
      throw new ThresholdOptionsError(`Labels other than 0/1 were provided (row ${i + 1}: ${label})`);
    if (!Number.isFinite(scores[i]!))
      throw new ThresholdOptionsError(`row ${i + 1}: score ${scores[i]} is not a finite number`);
    let id = ids.get(groups[i]!);
    if (id === undefined) {
      id = sizes.length;
      ids.set(groups[i]!, id);
      sizes.push(0);
    }
    groupOf[i] = id;
    sizes[id]! += 1;
  }
  const rows = sizes.map((size) => ({ scores: new Float64Array(size), labels: new Uint8Array(size), filled: 0 }));
  for (let i = 0; i < scores.length; i++) {
    const entry = rows[groupOf[i]!]!;
    entry.scores[entry.filled] = scores[i]!;
    entry.labels[entry.filled++] = labels[i]!;
  }
  return [...ids.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([name, id]) => [name, rows[id]!] as const);
}

/** Index of the first maximum (pandas idxmax, NaN skipped). */
function firstMaximum(values: ArrayLike<number>): number {
  let best = -1;
  for (let i = 0; i < values.length; i++)
    if (!Number.isNaN(values[i]!) && (best < 0 || values[i]! > values[best]!)) best = i;
  return best;
}

/** Fits group thresholds to binary labels (0/1) and scores, one sensitive value per row. */
export function fitThresholdOptimizer(
  scores: ArrayLike<number>,
  labels: ArrayLike<number>,
  groups: readonly string[],
  options: ThresholdOptions = {},
): FittedThresholds {
  const resolved = resolveOptions(options);
  const grouped = groupRows(scores, labels, groups);
  const grid = unitGrid(resolved.gridSize);
  const fit = resolved.constraint === 'equalized_odds' ? fitEqualizedOdds : fitSimpleConstraint;
  return fit(grouped, grid, resolved);
}

type Grouped = ReturnType<typeof groupRows>;
type Resolved = ReturnType<typeof resolveOptions>;

function fitSimpleConstraint(grouped: Grouped, grid: Float64Array, resolved: Resolved): FittedThresholds {
  const n = grouped.reduce((sum, [, rows]) => sum + rows.scores.length, 0);
  const xMetric = SIMPLE_CONSTRAINTS[resolved.constraint as keyof typeof SIMPLE_CONSTRAINTS];
  const curves = new Map<string, InterpolatedPoint[]>();
  const overall = new Float64Array(grid.length);
  for (const [group, rows] of grouped) {
    const curve = groupCurve(rows.scores, rows.labels, group, {
      flip: resolved.flip,
      xMetric,
      yMetric: resolved.objective as YMetric,
      grid,
    });
    curves.set(group, curve);
    const share = rows.scores.length / n;
    for (let g = 0; g < grid.length; g++) overall[g]! += share * curve[g]!.y;
  }
  const best = firstMaximum(overall);
  const groups = Object.fromEntries(
    [...curves].map(([group, curve]) => {
      const { p0, operation0, p1, operation1 } = curve[best]!;
      return [group, { p0, operation0, p1, operation1 }];
    }),
  );
  return { ...resolved, groups, best: { x: grid[best]!, objective: overall[best]! }, curves: thinCurves(curves) };
}

function fitEqualizedOdds(grouped: Grouped, grid: Float64Array, resolved: Resolved): FittedThresholds {
  let nPositive = 0;
  let n = 0;
  const curves = new Map<string, InterpolatedPoint[]>();
  for (const [group, rows] of grouped) {
    n += rows.labels.length;
    nPositive += rows.labels.reduce((sum: number, label: number) => sum + label, 0);
    curves.set(
      group,
      groupCurve(rows.scores, rows.labels, group, {
        flip: resolved.flip,
        xMetric: 'false_positive_rate',
        yMetric: 'true_positive_rate',
        grid,
      }),
    );
  }
  const nNegative = n - nPositive;
  // The overlap of the ROC curves: the lowest TPR of any group at each FPR.
  const yMin = grid.map((_, g) => Math.min(...[...curves.values()].map((curve) => curve[g]!.y)));
  const objective = grid.map((x, g) => {
    const tp = nPositive * yMin[g]!;
    const fn = nPositive * (1 - yMin[g]!);
    const fp = nNegative * x;
    const tn = nNegative * (1 - x);
    const value =
      resolved.objective === 'accuracy_score'
        ? (tp + tn) / (tp + tn + fp + fn)
        : (0.5 * tp) / (tp + fn) + (0.5 * tn) / (tn + fp);
    return roundHalfEven(value, 15); // np.around(…, 15), as the reference, so near-ties break the same way
  });
  const best = firstMaximum(objective);
  const xBest = grid[best]!;
  const yBest = yMin[best]!;
  const groups = Object.fromEntries(
    [...curves].map(([group, curve]) => {
      const { x, y, p0, operation0, p1, operation1 } = curve[best]!;
      // Mix the group's point with the diagonal point (x_best, x_best) to bring its TPR down to y_best.
      const pIgnore = y === x ? 0 : (y - yBest) / (y - x);
      return [group, { pIgnore, predictionConstant: xBest, p0, operation0, p1, operation1 }];
    }),
  );
  return { ...resolved, groups, best: { x: xBest, y: yBest, objective: objective[best]! }, curves: thinCurves(curves) };
}

/** numpy.around(value, decimals): multiply, round half to even, divide. */
function roundHalfEven(value: number, decimals: number): number {
  const scale = 10 ** decimals;
  const scaled = value * scale;
  const floor = Math.floor(scaled);
  const fraction = scaled - floor;
  const rounded = fraction > 0.5 || (fraction === 0.5 && floor % 2 !== 0) ? floor + 1 : floor;
  return rounded / scale;
}

function thinCurves(curves: Map<string, InterpolatedPoint[]>): Record<string, Array<{ x: number; y: number }>> {
  return Object.fromEntries(
    [...curves].map(([group, curve]) => {
      const stride = Math.max(1, Math.ceil(curve.length / 200));
      const kept = curve.filter((_, g) => g % stride === 0 || g === curve.length - 1);
      return [group, kept.map(({ x, y }) => ({ x, y }))];
    }),
  );
}

/**
 * P(predict 1) for one row under the fitted rules (Fairlearn `_pmf_predict`): p0·op0(s) + p1·op1(s), then mixed with
 * the constant with probability pIgnore. A group not seen when fitting is an error.
 */
export function positiveProbability(fitted: FittedThresholds, group: string, score: number): number {
  const rule = fitted.groups[group];
  if (!rule) throw new ThresholdOptionsError(`group '${group}' was not in the data the thresholds were fitted on`);
  const interpolated =
    rule.p0 * applyOperation(rule.operation0, score) + rule.p1 * applyOperation(rule.operation1, score);
  if (rule.pIgnore === undefined) return interpolated;
  return rule.pIgnore * rule.predictionConstant! + (1 - rule.pIgnore) * interpolated;
}

/** P(predict 1) for every row. */
export function positiveProbabilities(
  fitted: FittedThresholds,
  scores: ArrayLike<number>,
  groups: readonly string[],
): Float64Array {
  return Float64Array.from({ length: scores.length }, (_, i) => positiveProbability(fitted, groups[i]!, scores[i]!));
}
