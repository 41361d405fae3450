/** Small models whose answers can be worked out by hand, shared by the attribution and counterfactual tests. */
import * as tf from '@tensorflow/tfjs';
import type { Preprocessing } from '../../../src/engine/training/features/preprocessing';
import { tokenId, type TextFeatureOptions } from '../../../src/engine/text/hashedText';
import { fitTabularEncoding } from '../../../src/engine/training/features/tabular';
import type { TrainedModel } from '../../../src/engine/training/modelStore';
import { buildTabularClassifier, buildTextClassifier } from '../../../src/engine/training/models/classifiers';
import type { ResolvedModelSpec } from '../../../src/engine/training/types';

export const WORDS_ONLY: TextFeatureOptions = { hashBuckets: 4096, maxTokens: 64, wordBigrams: false, charNgrams: [] };

const TEXT_SPEC: ResolvedModelSpec = {
  kind: 'text-embedding-bag',
  hiddenUnits: 0,
  embeddingDim: 1,
  hashBuckets: WORDS_ONLY.hashBuckets,
  maxTokens: WORDS_ONLY.maxTokens,
  wordBigrams: false,
  charNgrams: [],
  maxCategories: 10,
};

export const σ = (z: number) => 1 / (1 + Math.exp(-z));

/**
 * A binary text model that reads words only, each with a one-number embedding: P(class 1) = σ(mean of the values
 * of the words in the text), unknown words counting as 0.
 */
export function handTextModel(values: Record<string, number>): TrainedModel {
  const model = buildTextClassifier(TEXT_SPEC, 2, 1);
  const table = new Float32Array(TEXT_SPEC.hashBuckets);
  for (const [word, value] of Object.entries(values)) {
    const id = tokenId(`w:${word}`, TEXT_SPEC.hashBuckets);
    if (table[id] !== 0) throw new Error(`hash collision for '${word}': pick another word`);
    table[id] = value;
  }
  model.getLayer('embedding_bag').setWeights([tf.tensor2d(table, [TEXT_SPEC.hashBuckets, 1])]);
  model.getLayer('probabilities').setWeights([tf.tensor2d([[1]]), tf.tensor1d([0])]);
  const preprocessing: Preprocessing = {
    version: 1,
    kind: 'text',
    column: 'text',
    options: WORDS_ONLY,
    classes: ['0', '1'],
    positiveClass: '1',
  };
  return { model, preprocessing };
}

/** A seeded random text model with bigrams, character trigrams, a hidden layer and three classes. */
export function randomTextModel(classes = 3): TrainedModel {
  const options: TextFeatureOptions = { hashBuckets: 512, maxTokens: 128, wordBigrams: true, charNgrams: [3] };
  const spec: ResolvedModelSpec = { ...TEXT_SPEC, ...options, charNgrams: [3], embeddingDim: 8, hiddenUnits: 6 };
  const model = buildTextClassifier(spec, classes, 11);
  const table = model.getLayer('embedding_bag').getWeights()[0]!;
  model.getLayer('embedding_bag').setWeights([tf.mul(table, 40)]); // make the default ±0.05 rows matter
  const names = Array.from({ length: classes }, (_, i) => `c${i}`);
  return {
    model,
    preprocessing: { version: 1, kind: 'text', column: 'text', options, classes: names, positiveClass: names.at(-1)! },
  };
}

/**
 * Logistic regression on (age, city): P(approved) = σ(2·z_age − 1·[city=Oslo] + 3·[city=Lima] + 0.5), where
 * z_age = (age − 40) / 10 (fitted on ages 30 and 50) and the cities are one-hot (Oslo, Lima, other).
 */
export function handTabularModel(kind: 'logistic-regression' | 'mlp' = 'logistic-regression'): TrainedModel {
  const encoding = fitTabularEncoding(
    ['age', 'city'],
    [
      ['30', '50', '30', '50'],
      ['Oslo', 'Oslo', 'Lima', 'Rome'],
    ],
    2,
  );
  const model = buildTabularClassifier({ ...TEXT_SPEC, kind, hiddenUnits: 5 }, encoding.width, 2, 3);
  if (kind === 'logistic-regression') {
    model.getLayer('probabilities').setWeights([tf.tensor2d([[2], [-1], [3], [0]]), tf.tensor1d([0.5])]);
  }
  const preprocessing: Preprocessing = {
    version: 1,
    kind: 'tabular',
    columns: ['age', 'city'],
    encoding,
    classes: ['no', 'yes'],
    positiveClass: 'yes',
  };
  return { model, preprocessing };
}
