import { autoBatchSize, type ResolvedTrainingConfig } from './config';
import { balancedClassWeights, classIndices, positiveClassIndex, type Examples } from './data/examples';
import { loadTrainingData, type TrainingData } from './data/load';
import { encodeSplit, fitPreprocessing, type Preprocessing } from './features/preprocessing';
import type { LabelledSplit } from './loop';
import { checkBeforeTraining } from './preflight';

/** The labelled, encoded splits and what was fitted to make them. */
export interface PreparedJob {
  data: TrainingData;
  positiveClass: number;
  preprocessing: Preprocessing;
  train: LabelledSplit;
  validation: LabelledSplit;
  test: LabelledSplit;
  batchSize: number;
}

/** Reads the dataset, checks it can be trained on, fits the preprocessing on the train split and encodes all three. */
export async function prepareJob(resolved: ResolvedTrainingConfig, log: (line: string) => void): Promise<PreparedJob> {
  const data = await loadTrainingData(resolved, log);
  if (data.classes.length < 2)
    throw new Error(`column '${resolved.roles.label}' has a single class (${data.classes.join('')}): nothing to learn`);
  for (const [name, split] of Object.entries({ train: data.train, validation: data.validation, test: data.test })) {
    if (split.count === 0)
      throw new Error(
        `the ${name} split is empty (${data.dataset.rows} rows in the dataset): add data or change the split`,
      );
  }
  log(
    `${data.dataset.rows} rows, classes ${data.classes.join(', ')}; split ${data.train.count}/${data.validation.count}/${data.test.count}`,
  );
  const positiveClass = positiveClassIndex(data.classes, resolved.positiveClass);
  checkBeforeTraining(data, resolved, positiveClass);
  const preprocessing = fitPreprocessing(
    resolved.model,
    data.roles,
    data.train,
    data.classes,
    data.classes[positiveClass]!,
  );
  const trainLabels = classIndices(data.train.labels, data.classes);
  const classWeights =
    resolved.classWeight === 'balanced' ? balancedClassWeights(trainLabels, data.classes.length) : undefined;
  const labelled = (examples: Examples): LabelledSplit => {
    const labels = classIndices(examples.labels, data.classes);
    const weights = Float32Array.from(examples.weights, (weight, i) => weight * (classWeights?.[labels[i]!] ?? 1));
    return { encoded: encodeSplit(preprocessing, examples), labels, weights };
  };
  const batchSize = resolved.batchSize ?? autoBatchSize(data.train.count);
  return {
    data,
    positiveClass,
    preprocessing,
    train: labelled(data.train),
    validation: labelled(data.validation),
    test: labelled(data.test),
    batchSize,
  };
}
