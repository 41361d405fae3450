/** Regressions in review: run against run, and the working tree's findings and disparities against a git ref. */
export {
  DEFAULT_TOLERANCE,
  diffRuns,
  epsilonRegression,
  type DisparityChange,
  type MetricChange,
  type Regression,
  type RunDiff,
} from './runDiff';
export { diffTrees, type NewFinding, type TreeDiff, type TreeScan } from './treeDiff';
export { materializeCommit, repositoryRoot, resolveCommit } from './gitTree';
export { datasetDelta, runsOfDataset, type DatasetDelta } from './datasetDelta';
