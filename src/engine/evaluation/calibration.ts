/**
 * Calibration: a reliability diagram of 10 equal-width bins and the expected calibration error (ECE,
 * Guo et al. 2017: Σ_b (weight_b / total) · |observed_b − predicted_b|). Bins follow scikit-learn
 * `calibration_curve(strategy='uniform')`: [0, 0.1], (0.1, 0.2], …, (0.9, 1]. Binary classifiers are binned on
 * the positive class's probability (as `calibration_curve`); more classes on the top-label confidence.
 */
import type { PreparedEvaluation } from './prepare';
import type { Calibration, ReliabilityBin } from './types';

export const RELIABILITY_BIN_COUNT = 10;

/** Per example: the probability that is binned, whether its outcome happened, and its bin. */
export interface CalibrationData {
  kind: Calibration['kind'];
  /** The class index binned by `positive-class` calibration. */
  positive: number;
  confidence: Float64Array;
  outcome: Uint8Array;
  bin: Uint8Array;
}

/** Upper edges as numpy `linspace(0, 1, 11)` computes them (i × 0.1, last exactly 1). */
const UPPER_EDGES = Array.from({ length: RELIABILITY_BIN_COUNT }, (_, b) =>
  b === RELIABILITY_BIN_COUNT - 1 ? 1 : (b + 1) * (1 / RELIABILITY_BIN_COUNT),
);

/** numpy `searchsorted(edges[1:-1], p)` (side='left'): a value on an edge falls in the lower bin. */
function binOf(p: number): number {
  let b = 0;
  while (b < RELIABILITY_BIN_COUNT - 1 && (UPPER_EDGES[b] ?? 1) < p) b++;
  return b;
}

export function calibrationData(prepared: PreparedEvaluation, positiveClass: number | undefined): CalibrationData {
  const { n, k, yTrue, predicted, scores } = prepared;
  const binary = k === 2;
  const positive = positiveClass ?? 1;
  const confidence = new Float64Array(n);
  const outcome = new Uint8Array(n);
  const bin = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const p = binary ? (scores[positive]?.[i] ?? 0) : (scores[predicted[i] ?? 0]?.[i] ?? 0);
    confidence[i] = p;
    outcome[i] = binary ? (yTrue[i] === positive ? 1 : 0) : yTrue[i] === predicted[i] ? 1 : 0;
    bin[i] = binOf(p);
  }
  return { kind: binary ? 'positive-class' : 'top-label', positive, confidence, outcome, bin };
}

interface BinSums {
  count: Float64Array;
  weight: Float64Array;
  predicted: Float64Array;
  observed: Float64Array;
}

function binSums(data: CalibrationData, weight: Float64Array, drawn?: Uint32Array): BinSums {
  const sums: BinSums = {
    count: new Float64Array(RELIABILITY_BIN_COUNT),
    weight: new Float64Array(RELIABILITY_BIN_COUNT),
    predicted: new Float64Array(RELIABILITY_BIN_COUNT),
    observed: new Float64Array(RELIABILITY_BIN_COUNT),
  };
  for (let i = 0; i < data.bin.length; i++) {
    const b = data.bin[i] ?? 0;
    const w = weight[i] ?? 0;
    sums.count[b] = (sums.count[b] ?? 0) + (drawn === undefined ? 1 : (drawn[i] ?? 0));
    sums.weight[b] = (sums.weight[b] ?? 0) + w;
    sums.predicted[b] = (sums.predicted[b] ?? 0) + w * (data.confidence[i] ?? 0);
    sums.observed[b] = (sums.observed[b] ?? 0) + w * (data.outcome[i] ?? 0);
  }
  return sums;
}

function eceOf(sums: BinSums): number {
  const total = sums.weight.reduce((a, b) => a + b, 0);
  if (total === 0) return NaN;
  let ece = 0;
  for (let b = 0; b < RELIABILITY_BIN_COUNT; b++) {
    const w = sums.weight[b] ?? 0;
    if (w > 0) ece += (w / total) * Math.abs((sums.observed[b] ?? 0) / w - (sums.predicted[b] ?? 0) / w);
  }
  return ece;
}

/** @param weight effective weight per example; @param drawn times drawn, for a bootstrap resample */
export function expectedCalibrationError(data: CalibrationData, weight: Float64Array, drawn?: Uint32Array): number {
  return eceOf(binSums(data, weight, drawn));
}

export function calibration(data: CalibrationData, weight: Float64Array, classes: readonly string[]): Calibration {
  const sums = binSums(data, weight);
  const bins: ReliabilityBin[] = UPPER_EDGES.map((upper, b) => {
    const w = sums.weight[b] ?? 0;
    return {
      lower: b === 0 ? 0 : (UPPER_EDGES[b - 1] ?? 0),
      upper,
      count: sums.count[b] ?? 0,
      weight: w,
      meanPredicted: w > 0 ? (sums.predicted[b] ?? 0) / w : null,
      observedFrequency: w > 0 ? (sums.observed[b] ?? 0) / w : null,
    };
  });
  const ece = eceOf(sums);
  if (data.kind === 'top-label') return { kind: data.kind, expectedCalibrationError: ece, bins };
  return { kind: data.kind, positiveClass: classes[data.positive] ?? '', expectedCalibrationError: ece, bins };
}
