/** Fairness metrics with Fairlearn's MetricFrame semantics and AIF360's privileged-group definitions. */
export * from './baseMetrics';
export * from './disparity';
export {
  metricFrame,
  type DisparityMethod,
  type MetricFrame,
  type MetricFrameInput,
  type MetricValues,
} from './metricFrame';
export {
  fairnessReport,
  type FairlearnDisparities,
  type FairnessReport,
  type FairnessReportInput,
  type GroupRates,
  type PrivilegedComparison,
} from './report';
export { GROUP_SEPARATOR, sensitiveGroups, type SensitiveGroups } from './groups';
export type { PrivilegedAssignment } from './privileged';
export {
  checkBootstrapOptions,
  forEachResample,
  percentileInterval,
  type BootstrapOptions,
  type ConfidenceInterval,
} from './bootstrap';
export { DISPARITY_NAMES, type FairnessIntervals, type RateIntervals } from './reportIntervals';
export type { BootstrapSettings } from './bootstrap';
export {
  type BinaryOutcomes,
  type Cells,
  groupCells,
  type GroupTally,
  mergeTally,
  ratesFromCells,
  tallyGroups,
} from './groupTally';
export { type PreparedFairness, prepareFairness, reportFromTally } from './report';
export { disparitiesOf, FairnessIntervalCollector } from './reportIntervals';
