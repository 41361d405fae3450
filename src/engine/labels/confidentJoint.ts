import { roundPreservingRowTotals } from './rounding';

/**
 * Given labels and out-of-sample predicted probabilities, as confident learning (Northcutt, Jiang & Chuang 2021)
 * reads them: `labels[i]` is the given class index of example i, `probabilities` is [n × classes] row-major.
 */
export interface LabelledProbabilities {
  labels: Int32Array;
  probabilities: Float64Array;
  classes: number;
}

/** Cleanlab's constants (`cleanlab/internal/constants.py`). */
const FLOATING_POINT_COMPARISON = 1e-6;
const CONFIDENT_THRESHOLDS_LOWER_BOUND = 2 * FLOATING_POINT_COMPARISON;
/** Threshold of a class no example is labelled with: above any probability, so nothing is confidently in it. */
const ABSENT_CLASS_THRESHOLD = 2;

export function probability(data: LabelledProbabilities, row: number, k: number): number {
  return data.probabilities[row * data.classes + k]!;
}

/** Index of the largest value of a row, the first on ties (numpy's argmax). */
export function rowArgMax(data: LabelledProbabilities, row: number): number {
  let best = 0;
  for (let k = 1; k < data.classes; k++) if (probability(data, row, k) > probability(data, row, best)) best = k;
  return best;
}

/** Examples per given class. */
export function labelCounts(data: LabelledProbabilities): number[] {
  const counts = new Array<number>(data.classes).fill(0);
  for (const label of data.labels) counts[label]! += 1;
  return counts;
}

/**
 * Cleanlab `get_confident_thresholds`: per class k, the mean of p[:, k] over the examples whose **given** label is
 * k, clipped below at 2e-6; 2 for a class no example has.
 */
export function confidentThresholds(data: LabelledProbabilities): number[] {
  const sums = new Array<number>(data.classes).fill(0);
  const counts = labelCounts(data);
  data.labels.forEach((label, row) => (sums[label]! += probability(data, row, label)));
  return sums.map((sum, k) =>
    counts[k]! > 0 ? Math.max(sum / counts[k]!, CONFIDENT_THRESHOLDS_LOWER_BOUND) : ABSENT_CLASS_THRESHOLD,
  );
}

export interface ConfidentJoint {
  /** Per-class thresholds, in class order. */
  thresholds: number[];
  /** Counts before calibration: [given][guessed true], diagonal clipped to ≥ 1. */
  raw: number[][];
  /** Calibrated (Cleanlab's default): row totals are the given-label counts, rounded half to even preserving them. */
  calibrated: number[][];
  /** Examples confidently counted off the diagonal (the `confident_learning` filter), ascending. */
  offDiagonal: number[];
}

/**
 * Cleanlab `compute_confident_joint` (calibrate=True): example i is confidently in every class k with
 * p[i, k] ≥ t_k − 1e-6; its guessed true class is that class, or the argmax of p when there are several; examples
 * confident in none are not counted. Entry [given][guess] counts them; the diagonal is clipped to at least 1.
 */
export function computeConfidentJoint(data: LabelledProbabilities): ConfidentJoint {
  const thresholds = confidentThresholds(data);
  const raw = Array.from({ length: data.classes }, () => new Array<number>(data.classes).fill(0));
  const offDiagonal: number[] = [];
  for (let row = 0; row < data.labels.length; row++) {
    const guess = confidentGuess(data, row, thresholds);
    if (guess < 0) continue;
    const given = data.labels[row]!;
    raw[given]![guess]! += 1;
    if (guess !== given) offDiagonal.push(row);
  }
  for (let k = 0; k < data.classes; k++) raw[k]![k] = Math.max(1, raw[k]![k]!);
  return { thresholds, raw, calibrated: calibrateConfidentJoint(raw, labelCounts(data)), offDiagonal };
}

/** The class example `row` is confidently in, or −1. */
function confidentGuess(data: LabelledProbabilities, row: number, thresholds: number[]): number {
  let confident = 0;
  let first = -1;
  for (let k = 0; k < data.classes; k++) {
    if (probability(data, row, k) >= thresholds[k]! - FLOATING_POINT_COMPARISON) {
      confident++;
      if (first < 0) first = k;
    }
  }
  if (confident === 0) return -1;
  return confident > 1 ? rowArgMax(data, row) : first;
}

/**
 * Cleanlab `calibrate_confident_joint`: scale each row to its class's given-label count, the whole to the number of
 * examples, then round each row preserving its total (numpy round half to even).
 */
export function calibrateConfidentJoint(joint: readonly (readonly number[])[], counts: readonly number[]): number[][] {
  const TINY_VALUE = 1e-100;
  const scaled = joint.map((row, i) => {
    const total = Math.max(
      row.reduce((sum, value) => sum + value, 0),
      TINY_VALUE,
    );
    return row.map((value) => (value / total) * counts[i]!);
  });
  const grand = Math.max(
    scaled.flat().reduce((sum, value) => sum + value, 0),
    TINY_VALUE,
  );
  const examples = counts.reduce((sum, value) => sum + value, 0);
  return roundPreservingRowTotals(scaled.map((row) => row.map((value) => (value / grand) * examples)));
}
