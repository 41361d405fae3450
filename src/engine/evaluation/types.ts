/**
 * Input and JSON output of `evaluateClassifier`: what a training run stores in `report.json` and the
 * evaluation panel shows. Plain JSON values; `null` marks a metric the data leaves undefined.
 */
import type { BootstrapOptions, BootstrapSettings, ConfidenceInterval } from '../fairness/bootstrap';
import type { PrivilegedAssignment } from '../fairness/privileged';
import type { FairnessReport } from '../fairness/report';

export interface EvaluationInput {
  /** Class index of each example's true label. */
  yTrue: readonly number[];
  /** n × k predicted probabilities, each row summing to 1 (softmax output). */
  probabilities: readonly (readonly number[])[];
  /** k class names; `classes[j]` is column j of `probabilities`. */
  classes: readonly string[];
  /**
   * Index of the favourable class for the fairness report and the binary reliability diagram.
   * Binary: default 1. More than two classes: required with `sensitive` (fairness is then one-vs-rest).
   */
  positiveClass?: number;
  /** Sensitive column → one value per example: adds a fairness report per column and per intersection. */
  sensitive?: Record<string, readonly string[]>;
  privileged?: readonly PrivilegedAssignment[];
  sampleWeight?: readonly number[];
  bootstrap?: BootstrapOptions;
}

/** One-vs-rest scores of one class (scikit-learn `precision_recall_fscore_support(average=None)`). */
export interface ClassScores {
  class: string;
  precision: number;
  recall: number;
  f1: number;
  /** Summed weight of the examples whose true label is this class (their count when unweighted). */
  support: number;
  /** One-vs-rest ROC AUC of this class's probability; null when the class is never or always the true one. */
  rocAuc: number | null;
}

/** A bin of the reliability diagram. */
export interface ReliabilityBin {
  lower: number;
  upper: number;
  /** Examples in the bin. */
  count: number;
  /** Their summed sample weight. */
  weight: number;
  /** Mean predicted probability (confidence); null for an empty bin. */
  meanPredicted: number | null;
  /** Observed frequency of the outcome; null for an empty bin. */
  observedFrequency: number | null;
}

export interface Calibration {
  /**
   * `positive-class`: binary, the positive class's probability against how often it is the true class
   * (scikit-learn `calibration_curve`). `top-label`: the highest probability against how often the argmax is right.
   */
  kind: 'positive-class' | 'top-label';
  /** `positive-class` only: the class whose probability is binned. */
  positiveClass?: string;
  /** Σ_b (weight_b / total) · |observedFrequency_b − meanPredicted_b| over 10 equal-width bins. */
  expectedCalibrationError: number;
  bins: ReliabilityBin[];
}

/** The fairness report of one grouping, with each group's k × k confusion matrix (rows true, columns predicted). */
export interface GroupFairness {
  report: FairnessReport;
  confusionMatrices: Record<string, number[][]>;
}

export interface EvaluationFairness {
  /** The favourable class the reports use. */
  positiveClass: string;
  /** One report per sensitive column. */
  byColumn: Record<string, GroupFairness>;
  /** Groups of all sensitive columns together (`F,black`); present with two or more columns. */
  intersection?: GroupFairness;
}

/** The headline metrics that get bootstrap intervals. */
export const HEADLINE_METRICS = ['accuracy', 'macroPrecision', 'macroRecall', 'macroF1', 'rocAuc', 'logLoss', 'expectedCalibrationError'] as const;
export type HeadlineMetric = (typeof HEADLINE_METRICS)[number];

export type EvaluationIntervals = BootstrapSettings & Record<HeadlineMetric, ConfidenceInterval | null>;

export interface EvaluationReport {
  examples: number;
  classes: string[];
  accuracy: number;
  macroPrecision: number;
  macroRecall: number;
  macroF1: number;
  perClass: ClassScores[];
  /** Binary: ROC AUC of the class-1 probability. More classes: macro one-vs-rest; null if a class's AUC is undefined. */
  rocAuc: number | null;
  logLoss: number;
  calibration: Calibration;
  /** Weighted counts, rows = true class, columns = predicted class (scikit-learn `confusion_matrix`). */
  confusionMatrix: number[][];
  fairness?: EvaluationFairness;
  /** Bootstrap intervals of the headline metrics; the fairness reports carry their own. */
  intervals?: EvaluationIntervals;
}
