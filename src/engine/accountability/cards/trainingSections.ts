import type { RunEvidence } from '../evidence/runEvidence';
import { ask, bullets, code, num, section, table } from './markdown';
import { inputColumnsText, splitText, trainingSeconds } from './modelFacts';

/** Training Details: the data (path, hash, columns, split), preprocessing, hyperparameters, times. */
export function trainingSection(evidence: RunEvidence): string {
  const config = evidence.run.config;
  if (!config)
    return section(
      2,
      'Training Details',
      `No ${code('config.json')} was written: the run ${evidence.run.status.state} before training started.`,
    );
  return section(
    2,
    'Training Details',
    section(
      3,
      'Training Data',
      trainingData(evidence),
      ask(
        'where the data comes from and how it was collected; link its dataset card or datasheet (`rml datasheet` writes one).',
      ),
    ),
    section(
      3,
      'Training Procedure',
      section(4, 'Preprocessing', preprocessing(evidence)),
      section(4, 'Training Hyperparameters', hyperparameters(evidence)),
      section(4, 'Speeds, Sizes, Times', speeds(evidence)),
    ),
  );
}

function trainingData(evidence: RunEvidence): string {
  const config = evidence.run.config!;
  const dataset = evidence.dataset;
  const state = !dataset
    ? ''
    : dataset.matches
      ? 'The file on disk still has this hash.'
      : dataset.exists
        ? 'The file on disk has changed since (see the warning above).'
        : 'The file no longer exists.';
  return bullets([
    `**File:** ${code(dataset?.shownPath ?? config.dataset.path)} (${config.dataset.format}, ${config.dataset.rows} rows), SHA-256 ${code(config.dataset.sha256)}. ${state}`,
    `**Label:** ${code(config.columns.label)}; **inputs:** ${inputColumnsText(config)}.`,
    `**Sensitive columns:** ${config.columns.sensitive.length ? config.columns.sensitive.map(code).join(', ') : 'none named'}${config.columns.sensitive.length ? (config.columns.sensitiveAsFeatures ? ' (also used as features)' : ' (used for evaluation only, not as features)') : ''}.`,
    ...(config.columns.weight ? [`**Instance weights:** the column ${code(config.columns.weight)}.`] : []),
    `**Split:** ${splitText(config)}.`,
  ]);
}

function preprocessing(evidence: RunEvidence): string {
  const config = evidence.run.config!;
  if (config.columns.text) {
    return `The text of ${code(config.columns.text)} is tokenised into words${config.model.wordBigrams ? ' and word bigrams' : ''}${config.model.charNgrams.length ? ` and character n-grams (${config.model.charNgrams.join(', ')})` : ''}, hashed into ${config.model.hashBuckets} buckets; at most ${config.model.maxTokens} tokens per example are kept.`;
  }
  return `Categorical columns are one-hot encoded (at most ${config.model.maxCategories} categories per column, the rest share one slot) and numeric columns standardised, with the statistics of the training split (saved in ${code('model/preprocessing.json')}).`;
}

function hyperparameters(evidence: RunEvidence): string {
  const training = evidence.run.config!.training;
  return table(
    ['Setting', 'Value'],
    [
      ['Epochs', String(training.epochs)],
      ['Batch size', String(training.batchSize)],
      ['Learning rate', String(training.learningRate)],
      ['Optimizer', training.optimizer],
      ['Class weight', training.classWeight],
      ['Seed', String(evidence.run.config!.seed)],
    ],
  );
}

function speeds(evidence: RunEvidence): string {
  const { run } = evidence;
  const seconds = trainingSeconds(run.metrics);
  const last = run.metrics.at(-1);
  return bullets([
    `Started ${run.status.startedAt}${run.status.finishedAt ? `, finished ${run.status.finishedAt}` : ''}; ${run.status.epochsCompleted} of ${run.status.epochs} epochs completed.`,
    ...(seconds !== undefined
      ? [
          `Epochs took ${num(seconds, 2)} s in total${last ? `; the last trained ${num(last.examplesPerSecond, 0)} examples per second` : ''}.`,
        ]
      : []),
    `${run.config!.model.parameters} trainable parameters.`,
  ]);
}
