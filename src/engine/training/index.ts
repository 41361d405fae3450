/** Training jobs: configuration, the job runner, its worker thread, and saved models. */
export { resolveTrainingConfig, thresholdsFromSettings, TrainingConfigError } from './config';
export { DatasetError } from './data/table';
export type { Preprocessing } from './features/preprocessing';
export { parseNumeric, type TabularEncoding } from './features/tabular';
export { runTrainingJob, TrainingJobError } from './job';
export { loadTrainedModel, predictRecords, saveTrainedModel, type TrainedModel } from './modelStore';
export * from './types';
export { startTrainingWorker, type TrainingWorkerHandle, type TrainingWorkerOutcome } from './workerClient';
export type { TrainingWorkerEvent, TrainingWorkerRequest } from './workerProtocol';
export { AdamTrainer } from './adam';
export { autoBatchSize, TRAINING_DEFAULTS } from './config';
export { ColumnSurvey, type ColumnSurveyResult, surveyDatasetFile } from './data/columnSurvey';
export {
  cellChecks,
  classIndices,
  classNames,
  type ColumnRoles,
  columnsToRead,
  type Examples,
  examplesFromTable,
  positiveClassIndex,
  selectExamples,
} from './data/examples';
export { loadTrainingData, type TrainingData } from './data/load';
export { type Random, seededRandom, shuffleInPlace } from './data/split';
export { type CellCheck, describePosition, inferFormat, peekColumns, readDataTable } from './data/table';
export { type EncodedSplit, encodeRecords, encodeSplit, fitPreprocessing } from './features/preprocessing';
export {
  argMax,
  crossEntropy,
  type LabelledSplit,
  predictProbabilities,
  type SplitFigures,
  TrainingCancelled,
  trainOneEpoch,
} from './loop';
export { buildTabularClassifier, buildTextClassifier, probabilityRows } from './models/classifiers';
export { embeddingBagMean, EmbeddingBagMean } from './models/embeddingBag';
export { type EpochTrainer, registerStrategyFactory, type StrategyContext } from './strategy';
export { TRANSFORMER_DEFAULTS } from './config';
export { type BpeSpan, bpeSpans } from './features/bpeTokens';
export { TRANSFORMER_LAYERS } from './models/transformer';
export { EncoderLayer } from './models/transformerLayers';
