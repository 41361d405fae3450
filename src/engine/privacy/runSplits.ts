/**
 * A finished run's model and the exact splits it was trained and tested on, rebuilt from `config.json` (same
 * dataset, columns, seed and split), so audits (membership inference, robustness) compare training rows with
 * held-out rows. The dataset must be unchanged since the run: its SHA-256 is checked.
 */
import path from 'node:path';
import { readRun, RUN_FILES, type RunConfigRecord } from '../runs';
import {
  resolveTrainingConfig,
  classIndices,
  type Examples,
  loadTrainingData,
  type TrainingData,
  encodeSplit,
  predictProbabilities,
  loadTrainedModel,
  type TrainedModel,
  type TrainingConfig,
} from '../training';

export interface RunSplits {
  runDir: string;
  config: RunConfigRecord;
  trained: TrainedModel;
  data: TrainingData;
}

/** The training configuration a run recorded, as `runTrainingJob` would take it. */
export function trainingConfigOf(config: RunConfigRecord): TrainingConfig {
  const split =
    config.split.kind === 'ratio'
      ? {
          kind: 'ratio' as const,
          train: config.split.train,
          validation: config.split.validation,
          test: config.split.test,
        }
      : {
          kind: 'files' as const,
          test: config.split.test.path,
          ...(config.split.validation ? { validation: config.split.validation.path } : {}),
        };
  return {
    dataset: config.dataset.path,
    format: config.dataset.format as TrainingConfig['format'],
    label: config.columns.label,
    ...(config.columns.text ? { text: config.columns.text } : { features: config.columns.features ?? [] }),
    sensitive: config.columns.sensitive,
    sensitiveAsFeatures: config.columns.sensitiveAsFeatures,
    ...(config.columns.weight ? { weight: config.columns.weight } : {}),
    positiveClass: config.positiveClass,
    model: config.model,
    seed: config.seed,
    split,
  };
}

export async function loadRunSplits(runDir: string): Promise<RunSplits> {
  const run = await readRun(runDir);
  if (!run.config) throw new Error(`${runDir}: the run has no config.json`);
  if (!run.hasModel) throw new Error(`${runDir}: the run has no saved model (state: ${run.status.state})`);
  const resolved = resolveTrainingConfig(trainingConfigOf(run.config), path.dirname(runDir));
  const data = await loadTrainingData(resolved);
  if (data.dataset.sha256 !== run.config.dataset.sha256) {
    throw new Error(
      `${run.config.dataset.path}: the dataset changed since run ${run.id} (SHA-256 differs), so its training rows cannot be told apart`,
    );
  }
  const trained = await loadTrainedModel(path.join(runDir, RUN_FILES.model));
  return { runDir, config: run.config, trained, data };
}

/** Cross-entropy of each example of a split under the model (natural log, probabilities clipped as in training). */
export async function perExampleLosses(
  trained: TrainedModel,
  examples: Examples,
  classes: string[],
): Promise<Float64Array> {
  const encoded = encodeSplit(trained.preprocessing, examples);
  const probabilities = await predictProbabilities(trained.model, encoded, classes.length, 256);
  const labels = classIndices(examples.labels, classes);
  return Float64Array.from(
    labels,
    (label, i) => -Math.log(Math.min(1 - 1e-7, Math.max(1e-7, probabilities[i * classes.length + label]!))),
  );
}

export function disposeRunSplits(splits: RunSplits): void {
  splits.trained.model.dispose();
}
