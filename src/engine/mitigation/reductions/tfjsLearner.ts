/**
 * The project's TensorFlow.js models as the base learner of ExponentiatedGradient: each best response trains a fresh
 * model (same architecture and seed) on the reduced 0/1 labels with the reductions' per-example weights — times the
 * split's own instance weights (reweighing), which Fairlearn has no notion of; with unit instance weights it is
 * exactly Fairlearn's refit. The mixture then predicts P(positive) as Σ_h w_h·1{p_h > 0.5}.
 */
import * as tf from '@tensorflow/tfjs';
import {
  AdamTrainer,
  seededRandom,
  shuffleInPlace,
  type EncodedSplit,
  predictProbabilities,
  trainOneEpoch,
  type LabelledSplit,
} from '../../training';
import type { BaseLearner } from './lagrangian';
import type { ExponentiatedGradientResult } from './exponentiatedGradient';

export interface TfjsLearnerOptions {
  build(): tf.LayersModel;
  train: LabelledSplit;
  classes: number;
  positiveClass: number;
  epochs: number;
  batchSize: number;
  learningRate: number;
  seed: number;
  signal?: AbortSignal;
}

/** A binary learner over the project's models; `models` keeps every fitted model until `dispose`. */
export class TfjsLearner implements BaseLearner<tf.LayersModel> {
  readonly models: tf.LayersModel[] = [];
  private readonly negativeClass: number;

  constructor(private readonly options: TfjsLearnerOptions) {
    if (options.classes !== 2) throw new Error('ExponentiatedGradient needs a binary task');
    this.negativeClass = 1 - options.positiveClass;
  }

  async fit(labels: Uint8Array, weights: Float64Array): Promise<tf.LayersModel> {
    const { train } = this.options;
    const split: LabelledSplit = {
      encoded: train.encoded,
      labels: Int32Array.from(labels, (y) => (y === 1 ? this.options.positiveClass : this.negativeClass)),
      weights: Float32Array.from(weights, (w, i) => w * train.weights[i]!),
    };
    const model = this.options.build();
    const optimizer = new AdamTrainer(this.options.learningRate);
    try {
      const shuffle = seededRandom(this.options.seed, 'expgrad');
      const order = Int32Array.from({ length: labels.length }, (_, i) => i);
      for (let epoch = 0; epoch < this.options.epochs; epoch++) {
        await trainOneEpoch(
          model,
          optimizer,
          split,
          shuffleInPlace(order, shuffle),
          this.options.batchSize,
          this.options.signal,
        );
      }
    } finally {
      optimizer.dispose();
    }
    this.models.push(model);
    return model;
  }

  async predictTraining(model: tf.LayersModel): Promise<Uint8Array> {
    return this.predict(model, this.options.train.encoded);
  }

  /** 1{P(positive) > 0.5} of every example of a split. */
  async predict(model: tf.LayersModel, encoded: EncodedSplit): Promise<Uint8Array> {
    const probabilities = await predictProbabilities(model, encoded, 2, 512);
    return Uint8Array.from({ length: encoded.count }, (_, i) =>
      probabilities[i * 2 + this.options.positiveClass]! > 0.5 ? 1 : 0,
    );
  }

  dispose(): void {
    for (const model of this.models) model.dispose();
    this.models.length = 0;
  }
}

/** P(positive) of each example of a split under the mixture ExponentiatedGradient found. */
export async function mixtureProbabilities(
  learner: TfjsLearner,
  result: ExponentiatedGradientResult<tf.LayersModel>,
  encoded: EncodedSplit,
): Promise<Float64Array> {
  const out = new Float64Array(encoded.count);
  for (const h of result.hypotheses) {
    if (h.weight === 0) continue;
    const predictions = h.model
      ? await learner.predict(h.model, encoded)
      : new Uint8Array(encoded.count).fill(h.constant ?? 0);
    predictions.forEach((p, i) => (out[i]! += h.weight * p));
  }
  return out;
}
