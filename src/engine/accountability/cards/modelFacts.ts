import type { RunConfigRecord } from '../../../shared/runs';
import { code, plural } from './markdown';

/** What kind of model a run trained, in words, from its recorded spec. */
export function modelKindText(config: RunConfigRecord): string {
  const model = config.model;
  if (model.kind === 'text-embedding-bag') {
    const head =
      model.hiddenUnits > 0 ? `a hidden layer of ${model.hiddenUnits} units, then a softmax layer` : 'a softmax layer';
    return `text classifier (embedding bag): hashed word ${model.wordBigrams ? 'unigrams and bigrams' : 'unigrams'}${model.charNgrams.length ? ` and character n-grams of length ${model.charNgrams.join(', ')}` : ''} in ${model.hashBuckets} hash buckets, at most ${model.maxTokens} tokens per example, averaged ${model.embeddingDim}-dimensional embeddings, then ${head}`;
  }
  if (model.kind === 'transformer' && model.transformer) {
    const { layers, heads, width, feedForward } = model.transformer;
    return `transformer text classifier: cl100k_base BPE tokens (ids modulo ${model.hashBuckets}), at most ${model.maxTokens} per example, ${width}-dimensional token and position embeddings, ${plural(layers, 'encoder layer')} (${heads}-head self-attention with a padding mask, a ${feedForward}-unit feed-forward block, layer normalisation and residual connections), masked mean pooling, then a softmax layer`;
  }
  const inputs = `one-hot categorical (at most ${model.maxCategories} categories per column) and standardised numeric features`;
  if (model.kind === 'mlp')
    return `multilayer perceptron: ${inputs}, a hidden layer of ${model.hiddenUnits} units, then a softmax layer`;
  return `logistic regression: ${inputs}, one softmax layer`;
}

/** The short name of the model kind. */
export function modelKindName(config: RunConfigRecord): string {
  return {
    'text-embedding-bag': 'text classifier',
    transformer: 'transformer text classifier',
    'logistic-regression': 'logistic regression',
    mlp: 'multilayer perceptron',
  }[config.model.kind];
}

/** The model's name on a card: what it is and what it predicts. */
export function modelName(config: RunConfigRecord): string {
  return `${modelKindName(config)} predicting ${config.columns.label}`;
}

/** How a column or class name is shown: Markdown code by default, plain text in the JSON export. */
type Quote = (name: string) => string;

/** The input columns, as code. */
export function inputColumnsText(config: RunConfigRecord, quote: Quote = code): string {
  if (config.columns.text) return `the text column ${quote(config.columns.text)}`;
  const features = config.columns.features ?? [];
  return `${plural(features.length, 'feature column')} (${features.map(quote).join(', ')})`;
}

export function classesText(config: RunConfigRecord, quote: Quote = code): string {
  return `${config.classes.map(quote).join(', ')} (positive class ${quote(config.positiveClass)})`;
}

/** How the rows were split into train, validation and test. */
export function splitText(config: RunConfigRecord, quote: Quote = code): string {
  const split = config.split;
  const counts = `${split.counts.train} / ${split.counts.validation} / ${split.counts.test} examples`;
  if (split.kind === 'ratio')
    return `a stratified split seeded with ${config.seed}: train ${split.train}, validation ${split.validation}, test ${split.test} of the rows (${counts})`;
  return `the user's split files: test ${quote(split.test.path)} (SHA-256 ${quote(split.test.sha256)})${split.validation ? `, validation ${quote(split.validation.path)} (SHA-256 ${quote(split.validation.sha256)})` : ''}; ${counts}`;
}

/** Seconds the epochs took, summed from `metrics.jsonl`. */
export function trainingSeconds(epochs: ReadonlyArray<{ seconds: number }>): number | undefined {
  if (epochs.length === 0) return undefined;
  return epochs.reduce((sum, epoch) => sum + epoch.seconds, 0);
}
