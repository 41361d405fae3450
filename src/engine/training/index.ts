/** Training jobs: configuration, the job runner, its worker thread, and saved models. */
export { resolveTrainingConfig, thresholdsFromSettings, TrainingConfigError } from './config';
export { DatasetError } from './data/table';
export type { Preprocessing } from './features/preprocessing';
export { runTrainingJob, TrainingJobError } from './job';
export { loadTrainedModel, predictRecords, saveTrainedModel, type TrainedModel } from './modelStore';
export * from './types';
export { startTrainingWorker, type TrainingWorkerHandle, type TrainingWorkerOutcome } from './workerClient';
export type { TrainingWorkerEvent, TrainingWorkerRequest } from './workerProtocol';
