/** Model evaluation: scikit-learn's classification metrics, calibration and per-group fairness of predictions. */
export { checkEvaluationInput, evaluateClassifier } from './evaluate';
export { modelWarnings } from './warnings';
export type {
  Calibration,
  ClassScores,
  EvaluationFairness,
  EvaluationInput,
  EvaluationIntervals,
  EvaluationReport,
  GroupFairness,
  HeadlineMetric,
  ReliabilityBin,
} from './types';
