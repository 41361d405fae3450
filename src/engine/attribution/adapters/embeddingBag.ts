import * as tf from '@tensorflow/tfjs';
import { type Preprocessing, type TrainedModel, EmbeddingBagMean } from '../../training';
import { inputText, type AttributionModel, type BaselineKind, type ModelInput, type PreparedExample } from '../model';
import type { AttributionProblem } from '../problem';
import { hashedTokenSpans, type HashedToken } from '../text/hashedTokenSpans';
import { layersAfter, predictTexts, targetProbability } from './headLayers';

type TextPreprocessing = Extract<Preprocessing, { kind: 'text' }>;

/**
 * The hashed n-gram embedding bag as an attribution model. Attributions are taken at the embedding layer (as
 * Captum's LayerIntegratedGradients on the embedding): the input is the embedding row of each hashed n-gram,
 * [tokens × dim], and F is the model from the mean of those rows on.
 *
 * Baselines. `pad`: the model leaves pad ids out of its mean, so a pad token adds nothing to the bag — for gradient
 * methods its embedding is the zero vector and F(baseline) is the prediction for an empty text; perturbation
 * methods drop a switched-off word's n-grams from the mean (the mean is over the n-grams left). `zero`: a switched-off
 * n-gram's embedding becomes the zero vector but still counts in the mean. Both give the same integrated gradients.
 *
 * Units are the words of the text. An n-gram's score goes to the words it was made from, shared equally: a word or
 * character n-gram gives all of it to its word, a word bigram half to each of its two words. Sums are kept.
 */
export class EmbeddingBagAttributionModel implements AttributionModel {
  readonly kind = 'text' as const;
  readonly baselines = ['pad', 'zero'] as const;
  readonly classes: string[];
  readonly positiveClass: string;
  private readonly preprocessing: TextPreprocessing;
  private readonly table: tf.Tensor2D;
  private readonly head: (bag: tf.Tensor) => tf.Tensor2D;

  constructor(private readonly trained: TrainedModel) {
    if (trained.preprocessing.kind !== 'text') throw new Error('EmbeddingBagAttributionModel needs a text model');
    this.preprocessing = trained.preprocessing;
    this.classes = trained.preprocessing.classes;
    this.positiveClass = trained.preprocessing.positiveClass;
    const bag = trained.model.layers.find((layer) => layer instanceof EmbeddingBagMean);
    if (!bag) throw new Error('the text model has no embedding-bag layer');
    this.table = tf.keep(bag.getWeights()[0]!.clone() as tf.Tensor2D); // [vocabulary, dim]
    this.head = layersAfter(trained.model, bag);
  }

  predict(inputs: readonly ModelInput[]): number[][] {
    return predictTexts(this.trained, this.preprocessing, inputs);
  }

  prepare(input: ModelInput, target: number, baseline: BaselineKind): PreparedExample {
    const { words, tokens } = hashedTokenSpans(inputText(input), this.preprocessing.options);
    const dim = this.table.shape[1];
    const embeddings = tf.tidy(
      () =>
        tf
          .gather(
            this.table,
            tf.tensor1d(
              Int32Array.from(tokens, (t) => t.id),
              'int32',
            ),
          )
          .dataSync() as Float32Array,
    );
    const problem = this.problem(tokens, words.length, embeddings, target, baseline);
    return {
      problem,
      units: words.map(({ text, start, end }) => ({ text, start, end })),
      toUnits: (attributions) => shareToWords(attributions, tokens, words.length, dim),
    };
  }

  private problem(
    tokens: HashedToken[],
    wordCount: number,
    embeddings: Float32Array,
    target: number,
    baseline: BaselineKind,
  ): AttributionProblem {
    const dim = this.table.shape[1];
    const length = tokens.length;
    const features = Array.from({ length: wordCount }, () => [] as number[]);
    tokens.forEach((token, position) => {
      for (const word of token.words) for (let d = 0; d < dim; d++) features[word]!.push(position * dim + d);
    });
    const fromBag = (bag: tf.Tensor) => targetProbability(this.head(bag), target);
    return {
      size: length * dim,
      input: embeddings,
      baseline: new Float32Array(length * dim),
      features: features.map((indices) => Int32Array.from(indices)),
      // x [batch, tokens·dim] → mean over the tokens [batch, dim] → the head.
      forward: (x) => fromBag(tf.div(tf.sum(tf.reshape(x, [-1, length, dim]), 1), Math.max(1, length))),
      forwardMasked: (keep, rows) => {
        const kept = positionsKept(keep, rows, tokens, wordCount); // [rows, tokens]
        const keptTensor = tf.tensor2d(kept, [rows, length]);
        const sums = tf.matMul(keptTensor, tf.tensor2d(embeddings, [length, dim])); // [rows, dim]
        const counts = baseline === 'pad' ? tf.maximum(tf.sum(keptTensor, 1, true), 1) : tf.scalar(Math.max(1, length));
        return fromBag(tf.div(sums, counts));
      },
    };
  }

  dispose(): void {
    this.table.dispose();
  }
}

/** keep [rows × words] → [rows × tokens]: an n-gram stays when every word it was made from stays. */
function positionsKept(keep: Float32Array, rows: number, tokens: HashedToken[], wordCount: number): Float32Array {
  const out = new Float32Array(rows * tokens.length);
  for (let r = 0; r < rows; r++) {
    tokens.forEach((token, p) => {
      out[r * tokens.length + p] = token.words.every((word) => keep[r * wordCount + word] !== 0) ? 1 : 0;
    });
  }
  return out;
}

/** Scores per embedding scalar → per word: summed over each n-gram's dims, then shared equally among its words. */
function shareToWords(attributions: Float64Array, tokens: HashedToken[], wordCount: number, dim: number): Float64Array {
  const scores = new Float64Array(wordCount);
  tokens.forEach((token, position) => {
    let total = 0;
    for (let d = 0; d < dim; d++) total += attributions[position * dim + d]!;
    for (const word of token.words) scores[word]! += total / token.words.length;
  });
  return scores;
}
