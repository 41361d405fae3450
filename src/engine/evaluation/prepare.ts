/**
 * Checks an evaluation's input and turns it into typed arrays computed once: predicted classes, per-example
 * log loss, score orderings for ROC AUC and reliability bins. Every metric then reads these with a weight
 * per example, so a bootstrap resample is the same computation with other weights.
 */
import { checkSampleWeights } from '../fairness';
import type { EvaluationInput } from './types';

/** Rows may miss 1 by float32 rounding (softmax on TensorFlow.js); anything further is not a distribution. */
const ROW_SUM_TOLERANCE = 1e-4;

export interface PreparedEvaluation {
  n: number;
  k: number;
  yTrue: Uint32Array;
  /** argmax of each row (the first on ties, as numpy `argmax`). */
  predicted: Uint32Array;
  /** Sample weights, 1 when none were given. */
  weight: Float64Array;
  /** Column j of `probabilities`, as one array per class. */
  scores: Float64Array[];
}

function checkShape(input: EvaluationInput): void {
  const { yTrue, probabilities, classes } = input;
  if (classes.length < 2) throw new Error(`at least two classes are required (got ${classes.length})`);
  if (new Set(classes).size !== classes.length)
    throw new Error(`class names must be distinct (got ${classes.join(', ')})`);
  if (yTrue.length === 0) throw new Error('evaluation: empty input (no examples)');
  if (probabilities.length !== yTrue.length) {
    throw new Error(`probabilities has ${probabilities.length} rows but yTrue has ${yTrue.length} values`);
  }
  if (input.sampleWeight !== undefined) {
    if (input.sampleWeight.length !== yTrue.length) {
      throw new Error(`sampleWeight has ${input.sampleWeight.length} values but yTrue has ${yTrue.length}`);
    }
    checkSampleWeights(input.sampleWeight);
    if (input.sampleWeight.every((weight) => weight === 0)) throw new Error('sample weights sum to 0');
  }
}

function checkRow(row: readonly number[], i: number, k: number): void {
  if (row.length !== k)
    throw new Error(`probabilities row ${i} has ${row.length} values, expected ${k} (one per class)`);
  let sum = 0;
  for (const p of row) {
    if (!Number.isFinite(p) || p < 0 || p > 1) throw new Error(`probabilities row ${i} has ${p}, not a probability`);
    sum += p;
  }
  if (Math.abs(sum - 1) > ROW_SUM_TOLERANCE) throw new Error(`probabilities row ${i} sums to ${sum}, expected 1`);
}

export function prepareEvaluation(input: EvaluationInput): PreparedEvaluation {
  checkShape(input);
  const n = input.yTrue.length;
  const k = input.classes.length;
  const yTrue = new Uint32Array(n);
  const predicted = new Uint32Array(n);
  const scores = Array.from({ length: k }, () => new Float64Array(n));
  for (let i = 0; i < n; i++) {
    const label = input.yTrue[i] ?? -1;
    if (!Number.isInteger(label) || label < 0 || label >= k) {
      throw new Error(`yTrue[${i}] = ${label} is not a class index in [0, ${k - 1}]`);
    }
    yTrue[i] = label;
    const row = input.probabilities[i] ?? [];
    checkRow(row, i, k);
    let best = 0;
    row.forEach((p, j) => {
      (scores[j] as Float64Array)[i] = p;
      if (p > (row[best] ?? 0)) best = j;
    });
    predicted[i] = best;
  }
  const weight = input.sampleWeight === undefined ? new Float64Array(n).fill(1) : Float64Array.from(input.sampleWeight);
  return { n, k, yTrue, predicted, weight, scores };
}

/** The favourable class: binary default 1; required for more classes when fairness is asked for. */
export function resolvePositiveClass(input: EvaluationInput): number | undefined {
  const k = input.classes.length;
  const { positiveClass } = input;
  if (positiveClass === undefined) return k === 2 ? 1 : undefined;
  if (!Number.isInteger(positiveClass) || positiveClass < 0 || positiveClass >= k) {
    throw new Error(`positiveClass ${positiveClass} is not a class index in [0, ${k - 1}]`);
  }
  return positiveClass;
}
