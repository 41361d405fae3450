import type * as tf from '@tensorflow/tfjs';
import { evaluateClassifier } from '../evaluation';
import { writeFileAtomically } from '../io';
import { encodeCsvField } from '../parse';
import type { ResolvedTrainingConfig } from './config';
import { predictProbabilities } from './loop';
import type { PreparedJob } from './preparedJob';

/** The held-out test split: the trained model's evaluation on it, and its `predictions.csv`. */
export async function evaluateTest(model: tf.LayersModel, job: PreparedJob, resolved: ResolvedTrainingConfig) {
  const classes = job.data.classes.length;
  const flat = await predictProbabilities(model, job.test.encoded, classes, Math.max(job.batchSize, 256));
  const probabilities = Array.from({ length: job.test.labels.length }, (_, i) =>
    Array.from(flat.subarray(i * classes, (i + 1) * classes)),
  );
  const sensitive = job.data.test.sensitive;
  const test = evaluateClassifier({
    yTrue: Array.from(job.test.labels),
    probabilities,
    classes: job.data.classes,
    positiveClass: job.positiveClass,
    ...(Object.keys(sensitive).length > 0 ? { sensitive, privileged: resolved.privileged } : {}),
    ...(job.data.roles.weight ? { sampleWeight: Array.from(job.data.test.weights) } : {}),
    ...(resolved.bootstrapResamples > 0
      ? { bootstrap: { resamples: resolved.bootstrapResamples, seed: resolved.seed >>> 0 } }
      : {}),
    fairnessThresholds: resolved.fairnessThresholds,
  });
  return { test, probabilities };
}

/**
 * `predictions.csv`: the test split as the model saw it, so anyone can recompute the report — `rml fairness` on
 * it gives the run's fairness figures. y_pred is the argmax (the first on ties), as the evaluation takes it.
 */
export async function writePredictions(file: string, job: PreparedJob, probabilities: number[][]): Promise<void> {
  const classes = job.data.classes;
  const sensitive = Object.entries(job.data.test.sensitive);
  const weighted = Boolean(job.data.roles.weight);
  const header = [
    'y_true',
    'y_pred',
    ...classes.map((name) => `p_${name}`),
    ...sensitive.map(([name]) => name),
    ...(weighted ? ['weight'] : []),
  ];
  const lines = [header.map((name) => encodeCsvField(name, ',')).join(',')];
  probabilities.forEach((row, i) => {
    const predicted = row.indexOf(Math.max(...row));
    const fields = [
      classes[job.test.labels[i]!]!,
      classes[predicted]!,
      ...row.map((p) => String(p)),
      ...sensitive.map(([, values]) => values[i]!),
    ];
    if (weighted) fields.push(String(job.data.test.weights[i]));
    lines.push(fields.map((field) => encodeCsvField(field, ',')).join(','));
  });
  await writeFileAtomically(file, `${lines.join('\n')}\n`);
}
