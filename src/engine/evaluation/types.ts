/**
 * Input and JSON output of `evaluateClassifier`: what a training run stores in `report.json` and the
 * evaluation panel shows. Plain JSON values; `null` marks a metric the data leaves undefined.
 */
import type { DisparityThresholds, HeadlineMetric } from '../../shared/reports';
import type { PrivilegedAssignment } from '../../shared/training';
import type { BootstrapOptions } from '../fairness';

export type {
  Calibration,
  ClassScores,
  EvaluationFairness,
  EvaluationIntervals,
  EvaluationReport,
  GroupFairness,
  HeadlineMetric,
  ReliabilityBin,
} from '../../shared/reports';

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
  /** Recorded in the fairness section, so whoever reads the report judges it as the run did (default: shared defaults). */
  fairnessThresholds?: DisparityThresholds;
}

/** The headline metrics that get bootstrap intervals, in report order. */
export const HEADLINE_METRICS = [
  'accuracy',
  'macroPrecision',
  'macroRecall',
  'macroF1',
  'rocAuc',
  'logLoss',
  'expectedCalibrationError',
] as const satisfies readonly HeadlineMetric[];
