/** Label issues by confident learning (Northcutt et al. 2021) with Cleanlab's semantics. */
export {
  calibrateConfidentJoint,
  computeConfidentJoint,
  confidentThresholds,
  type ConfidentJoint,
  type LabelledProbabilities,
} from './confidentJoint';
export { findLabelIssues, keepAtLeastOnePerClass, LABEL_FILTERS, type LabelFilter } from './filters';
export {
  findDatasetLabelIssues,
  labelIssuesFrom,
  type LabelIssue,
  type LabelIssuesReport,
  type ProbabilitySource,
} from './labelIssues';
export { outOfFoldProbabilities, stratifiedFolds } from './outOfFold';
export { readPredictedProbabilities } from './predictedProbabilities';
export { roundHalfEven, roundPreservingRowTotals, roundPreservingSum } from './rounding';
export { labelQualityScore, orderLabelIssues, RANK_METHODS, type RankMethod } from './scores';
export { LABEL_CODES, labelIssueFindings } from './findings';
export type { FindOptions } from './labelIssues';
