/** Why a model predicted what it did: Captum-semantics attribution methods behind one model adapter. */
export {
  ATTRIBUTION_METHODS,
  explain,
  targetIndex,
  type AttributionMethod,
  type ExplainOptions,
  type Explanation,
  type ScoredUnit,
} from './explain';
export {
  globalImportance,
  type GlobalImportance,
  type GlobalImportanceOptions,
  type ImportanceEntry,
  type ImportanceTable,
} from './globalImportance';
export { gradientTimesInput, saliency } from './gradients';
export {
  integratedGradients,
  type IntegratedGradientsOptions,
  type IntegratedGradientsResult,
} from './integratedGradients';
export { kernelShap, type KernelShapOptions } from './kernelShap';
export { attributionModelFor, loadAttributionModel } from './load';
export type { AttributionModel, AttributionUnit, BaselineKind, ModelInput, PreparedExample } from './model';
export { featureAblation, occlusion, type FeatureAttribution, type OcclusionOptions } from './perturbation';
export type { AttributionProblem } from './problem';
export { INTEGRATION_METHODS, quadratureRule, type IntegrationMethod } from './quadrature';
export { type DatasetRow, readRowAtLine } from './datasetRow';
export { explainRow, type RowExplanation, rowInput } from './explainRow';
export { AttributionInputError } from './model';
export { attributeCompletedRun } from './runAttribution';
export { openRunModel, type RunModel } from './runModel';
export { AttributionCancelled, type AttributionWorkerOptions, startAttributionWorker } from './worker/client';
