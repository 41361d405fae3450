/** The mitigation folder's front door: what other folders use of it. */
export { expectedFairness, type ExpectedFairness } from './expectedFairness';
export { applyRunThresholds } from './runThresholds';
export {
  CONSTRAINTS,
  type FittedThresholds,
  fitThresholdOptimizer,
  OBJECTIVES_FOR_SIMPLE,
  positiveProbabilities,
  THRESHOLD_DEFAULTS,
  type ThresholdConstraint,
  type ThresholdObjective,
} from './thresholdOptimizer';
export { DegenerateLabelsError, describeOperation } from './tradeoffCurve';
