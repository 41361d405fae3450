import { checkEvaluationInput } from '../evaluation';
import { TrainingConfigError, type ResolvedTrainingConfig } from './config';
import { classIndices } from './data/examples';
import type { TrainingData } from './data/load';

/**
 * Everything that would fail after training, checked before the first epoch: the test evaluation's inputs (the
 * privileged groups occur on both sides, group names are distinct, weights are usable) and the training weights.
 */
export function checkBeforeTraining(data: TrainingData, resolved: ResolvedTrainingConfig, positiveClass: number): void {
  if (!data.train.weights.some((weight) => weight > 0)) {
    throw new Error(`every training example has weight 0 in column '${data.roles.weight}': nothing to learn from`);
  }
  const sensitive = data.test.sensitive;
  try {
    checkEvaluationInput({
      yTrue: Array.from(classIndices(data.test.labels, data.classes)),
      classes: data.classes,
      positiveClass,
      ...(Object.keys(sensitive).length > 0 ? { sensitive, privileged: resolved.privileged } : {}),
      ...(data.roles.weight ? { sampleWeight: Array.from(data.test.weights) } : {}),
      ...(resolved.bootstrapResamples > 0
        ? { bootstrap: { resamples: resolved.bootstrapResamples, seed: resolved.seed >>> 0 } }
        : {}),
    });
  } catch (error) {
    throw new TrainingConfigError(
      `the test split cannot be evaluated, so nothing was trained: ${(error as Error).message}`,
    );
  }
}
