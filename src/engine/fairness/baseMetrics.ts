/**
 * Fairlearn's base metrics (`fairlearn/metrics/_base_metrics.py`) and the scikit-learn scores MetricFrame is
 * usually given, with `posLabel` and sample weights.
 *
 * Conventions, as in Fairlearn (which normalises scikit-learn's confusion matrix by row and turns 0/0 into 0):
 * a rate whose denominator is empty is 0, never NaN — a group with no negatives has false positive rate 0,
 * a group with no positives has true positive rate 0. Precision with no predicted positives is 0
 * (scikit-learn's `zero_division` default). Empty input is an error.
 */

/** A class label as it appears in `y_true` / `y_pred`. */
export type Label = string | number | boolean;

/** A metric MetricFrame can disaggregate: Fairlearn's `metric(y_true, y_pred, sample_weight=…)`. */
export type MetricFn = (yTrue: readonly Label[], yPred: readonly Label[], sampleWeight?: readonly number[]) => number;

export interface BinaryMetricOptions {
  /** The favourable label. Default as in Fairlearn: 1 when every label is in {0, 1} or {−1, 1}. */
  posLabel?: Label;
  sampleWeight?: readonly number[];
}

/** Weighted binary confusion counts: sums of sample weights (counts when unweighted). */
export interface BinaryConfusion {
  truePositives: number;
  falsePositives: number;
  trueNegatives: number;
  falseNegatives: number;
}

/** Throws unless every array has the same length (scikit-learn `check_consistent_length`). */
export function checkConsistentLength(
  yTrue: readonly unknown[],
  yPred: readonly unknown[],
  sampleWeight?: readonly number[],
): void {
  if (yTrue.length !== yPred.length) {
    throw new Error(`y_true has ${yTrue.length} values but y_pred has ${yPred.length}`);
  }
  if (sampleWeight !== undefined && sampleWeight.length !== yTrue.length) {
    throw new Error(`sample_weight has ${sampleWeight.length} values but y_true has ${yTrue.length}`);
  }
}

/** Throws on a negative, NaN or infinite weight, naming its index. */
export function checkSampleWeights(sampleWeight: readonly number[]): void {
  sampleWeight.forEach((weight, index) => {
    if (!Number.isFinite(weight) || weight < 0) {
      throw new Error(`sample_weight[${index}] must be a finite number ≥ 0 (got ${weight})`);
    }
  });
}

function checkInput(
  yTrue: readonly Label[],
  yPred: readonly Label[],
  sampleWeight: readonly number[] | undefined,
  metric: string,
): void {
  checkConsistentLength(yTrue, yPred, sampleWeight);
  if (yPred.length === 0) throw new Error(`empty input passed to ${metric}`);
  if (sampleWeight !== undefined) checkSampleWeights(sampleWeight);
}

/**
 * Fairlearn `_get_labels_for_confusion_matrix`: at most two distinct labels across y_true and y_pred; without
 * `posLabel` they must lie in {0, 1} or {−1, 1} and 1 is favourable; a given `posLabel` must be one of two labels.
 */
export function resolvePositiveLabel(yTrue: readonly Label[], yPred: readonly Label[], posLabel?: Label): Label {
  const distinct = [...new Set<Label>([...yTrue, ...yPred])];
  if (distinct.length > 2) {
    throw new Error(`must have no more than two distinct labels, got ${distinct.map(String).join(', ')}`);
  }
  if (posLabel === undefined) {
    const in01 = distinct.every((label) => label === 0 || label === 1);
    const in11 = distinct.every((label) => label === -1 || label === 1);
    if (!in01 && !in11) throw new Error('posLabel is required unless the labels are from {0, 1} or {-1, 1}');
    return 1;
  }
  if (distinct.length === 2 && !distinct.includes(posLabel)) {
    throw new Error(`posLabel ${String(posLabel)} is not among the labels ${distinct.map(String).join(', ')}`);
  }
  return posLabel;
}

/** Sum of weights (or the count when unweighted) of the examples `include` selects. */
function weightedSum(
  length: number,
  sampleWeight: readonly number[] | undefined,
  include: (index: number) => boolean,
): number {
  let total = 0;
  for (let index = 0; index < length; index++) {
    if (include(index)) total += sampleWeight === undefined ? 1 : (sampleWeight[index] ?? 0);
  }
  return total;
}

/** scikit-learn `confusion_matrix(labels=[neg, pos], sample_weight=…)` flattened into named cells. */
export function binaryConfusion(
  yTrue: readonly Label[],
  yPred: readonly Label[],
  options: BinaryMetricOptions = {},
): BinaryConfusion {
  const { sampleWeight } = options;
  checkInput(yTrue, yPred, sampleWeight, 'a binary metric');
  const pos = resolvePositiveLabel(yTrue, yPred, options.posLabel);
  const cell = (actual: boolean, predicted: boolean) =>
    weightedSum(yTrue.length, sampleWeight, (i) => (yTrue[i] === pos) === actual && (yPred[i] === pos) === predicted);
  return {
    truePositives: cell(true, true),
    falsePositives: cell(false, true),
    trueNegatives: cell(false, false),
    falseNegatives: cell(true, false),
  };
}

/** `numerator / denominator`, or 0 when the denominator is empty (Fairlearn/scikit-learn `nan_to_num`). */
export function rateOrZero(numerator: number, denominator: number): number {
  return denominator === 0 ? 0 : numerator / denominator;
}

/** Fairlearn `count`: the number of examples; ignores weights. Empty input gives 0, as in Fairlearn. */
export function count(yTrue: readonly Label[], yPred: readonly Label[]): number {
  checkConsistentLength(yTrue, yPred);
  return yTrue.length;
}

/** Fairlearn `selection_rate`: weighted share of predictions equal to `posLabel` (default 1). y_true is ignored. */
export function selectionRate(
  yTrue: readonly Label[],
  yPred: readonly Label[],
  options: BinaryMetricOptions = {},
): number {
  const { sampleWeight, posLabel = 1 } = options;
  checkInput(yTrue, yPred, sampleWeight, 'selection_rate');
  const total = weightedSum(yPred.length, sampleWeight, () => true);
  if (total === 0) throw new Error('selection_rate: sample weights sum to 0');
  return weightedSum(yPred.length, sampleWeight, (i) => yPred[i] === posLabel) / total;
}

/** Fairlearn `true_positive_rate` (recall, sensitivity): TP / (TP + FN); 0 with no positives. */
export function truePositiveRate(
  yTrue: readonly Label[],
  yPred: readonly Label[],
  options: BinaryMetricOptions = {},
): number {
  const c = binaryConfusion(yTrue, yPred, options);
  return rateOrZero(c.truePositives, c.truePositives + c.falseNegatives);
}

/** Fairlearn `true_negative_rate` (specificity): TN / (TN + FP); 0 with no negatives. */
export function trueNegativeRate(
  yTrue: readonly Label[],
  yPred: readonly Label[],
  options: BinaryMetricOptions = {},
): number {
  const c = binaryConfusion(yTrue, yPred, options);
  return rateOrZero(c.trueNegatives, c.trueNegatives + c.falsePositives);
}

/** Fairlearn `false_positive_rate` (fall-out): FP / (FP + TN); 0 with no negatives. */
export function falsePositiveRate(
  yTrue: readonly Label[],
  yPred: readonly Label[],
  options: BinaryMetricOptions = {},
): number {
  const c = binaryConfusion(yTrue, yPred, options);
  return rateOrZero(c.falsePositives, c.falsePositives + c.trueNegatives);
}

/** Fairlearn `false_negative_rate` (miss rate): FN / (FN + TP); 0 with no positives. */
export function falseNegativeRate(
  yTrue: readonly Label[],
  yPred: readonly Label[],
  options: BinaryMetricOptions = {},
): number {
  const c = binaryConfusion(yTrue, yPred, options);
  return rateOrZero(c.falseNegatives, c.falseNegatives + c.truePositives);
}

/** scikit-learn `accuracy_score`: weighted share of exact matches; any number of classes. */
export function accuracy(yTrue: readonly Label[], yPred: readonly Label[], sampleWeight?: readonly number[]): number {
  checkInput(yTrue, yPred, sampleWeight, 'accuracy');
  const total = weightedSum(yTrue.length, sampleWeight, () => true);
  if (total === 0) throw new Error('accuracy: sample weights sum to 0');
  return weightedSum(yTrue.length, sampleWeight, (i) => yTrue[i] === yPred[i]) / total;
}

/** scikit-learn `precision_score(average='binary')`: TP / (TP + FP); 0 with no predicted positives. */
export function precision(yTrue: readonly Label[], yPred: readonly Label[], options: BinaryMetricOptions = {}): number {
  const c = binaryConfusion(yTrue, yPred, options);
  return rateOrZero(c.truePositives, c.truePositives + c.falsePositives);
}

/** scikit-learn `recall_score(average='binary')`: the true positive rate. */
export const recall = truePositiveRate;

/** scikit-learn `f1_score(average='binary')`: 2TP / (2TP + FP + FN); 0 when all three are 0. */
export function f1Score(yTrue: readonly Label[], yPred: readonly Label[], options: BinaryMetricOptions = {}): number {
  const c = binaryConfusion(yTrue, yPred, options);
  return rateOrZero(2 * c.truePositives, 2 * c.truePositives + c.falsePositives + c.falseNegatives);
}

/**
 * The base metrics bound to one favourable label, ready for `metricFrame` (Fairlearn passes `pos_label`
 * with `functools.partial`). `count` and `accuracy` do not depend on it.
 */
export function binaryMetrics(posLabel?: Label): Record<string, MetricFn> {
  const bind =
    (metric: (t: readonly Label[], p: readonly Label[], o: BinaryMetricOptions) => number): MetricFn =>
    (yTrue, yPred, sampleWeight) =>
      metric(yTrue, yPred, { posLabel, sampleWeight });
  return {
    count: (yTrue, yPred) => count(yTrue, yPred),
    accuracy,
    selectionRate: bind(selectionRate),
    truePositiveRate: bind(truePositiveRate),
    falsePositiveRate: bind(falsePositiveRate),
    trueNegativeRate: bind(trueNegativeRate),
    falseNegativeRate: bind(falseNegativeRate),
    precision: bind(precision),
    recall: bind(recall),
    f1: bind(f1Score),
  };
}
