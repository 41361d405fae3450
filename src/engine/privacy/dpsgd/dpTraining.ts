/**
 * DP-SGD (Abadi et al. 2016) for the project's models, with Opacus's semantics: Poisson sampling of each batch
 * (every example with probability q, so batch sizes vary), per-example clipping to norm C, Gaussian noise
 * N(0, (σC)²) on the clipped sum, division by the expected batch size q·N, then the same Adam step as plain training.
 * One epoch is 1/q steps (Opacus's DPDataLoader: q = 1 / number of batches). The RDP accountant records every step.
 */
import * as tf from '@tensorflow/tfjs';
import {
  type AdamTrainer,
  crossEntropy,
  TrainingCancelled,
  type LabelledSplit,
  type SplitFigures,
} from '../../training';
import { RdpAccountant } from '../accountant';
import { clipFactor, CLIP_EPSILON, poissonSample } from './clip';
import { GaussianNoise } from './gaussian';
import { denseChainOf, perExampleGradients, perExampleSquaredNorms, type DenseChain } from './perExample';

export interface DpSgdSettings {
  /** σ: noise standard deviation relative to the clipping norm. */
  noiseMultiplier: number;
  /** C: per-example gradient norm bound. */
  maxGradNorm: number;
  /** q: probability that an example is in a batch. */
  sampleRate: number;
  seed: number;
}

/** Opacus's choice of q for a batch size: 1 / the number of batches of the plain data loader. */
export function sampleRateFor(batchSize: number, trainCount: number): number {
  return 1 / Math.ceil(trainCount / batchSize);
}

/** State that lives across epochs: the accountant, the noise stream and the sampler. */
export class DpSgdTrainer {
  readonly accountant = new RdpAccountant();
  private readonly noise: GaussianNoise;
  private readonly sampler: GaussianNoise;
  private readonly chain: DenseChain | undefined;
  private readonly variables: tf.Variable[];
  private readonly binary: boolean;

  constructor(
    private readonly model: tf.LayersModel,
    private readonly optimizer: AdamTrainer,
    readonly settings: DpSgdSettings,
  ) {
    if (!(settings.maxGradNorm > 0))
      throw new RangeError(`the clipping norm must be > 0 (got ${settings.maxGradNorm})`);
    if (!(settings.noiseMultiplier >= 0))
      throw new RangeError(`the noise multiplier must be ≥ 0 (got ${settings.noiseMultiplier})`);
    if (!(settings.sampleRate > 0 && settings.sampleRate <= 1))
      throw new RangeError(`the sample rate must be in (0, 1] (got ${settings.sampleRate})`);
    this.noise = new GaussianNoise(settings.seed ^ 0x5eed);
    this.sampler = new GaussianNoise(settings.seed ^ 0x5a3b1e);
    this.chain = denseChainOf(model);
    this.variables = model.trainableWeights.map((weight) => weight.read() as tf.Variable);
    this.binary = model.outputs[0]?.shape[1] === 1;
  }

  /** Whether per-example norms come in closed form for the whole batch (else one backward pass per example). */
  get vectorised(): boolean {
    return this.chain !== undefined;
  }

  /** One epoch: round(1/q) Poisson-sampled steps. Loss and accuracy are of the sampled rows, before the update. */
  async trainEpoch(split: LabelledSplit, signal?: AbortSignal): Promise<SplitFigures> {
    const count = split.labels.length;
    const steps = Math.round(1 / this.settings.sampleRate);
    const expectedBatchSize = this.settings.sampleRate * count;
    let lossSum = 0;
    let correctSum = 0;
    let weightSum = 0;
    for (let step = 0; step < steps; step++) {
      if (signal?.aborted) throw new TrainingCancelled();
      const rows = poissonSample(count, this.settings.sampleRate, () => this.sampler.uniform());
      const figures = this.step(split, rows, expectedBatchSize);
      lossSum += figures.loss;
      correctSum += figures.correct;
      weightSum += figures.weight;
      await new Promise((resolve) => setImmediate(resolve));
    }
    if (signal?.aborted) throw new TrainingCancelled();
    return { loss: weightSum > 0 ? lossSum / weightSum : NaN, accuracy: weightSum > 0 ? correctSum / weightSum : NaN };
  }

  /** One private step on `rows` (possibly none: then the update is noise only, as in Opacus). */
  step(
    split: LabelledSplit,
    rows: Int32Array,
    expectedBatchSize: number,
  ): { loss: number; correct: number; weight: number } {
    const { noiseMultiplier, maxGradNorm, sampleRate } = this.settings;
    const noise = this.variables.map((variable) =>
      tf.tensor(this.noise.fill(variable.size, noiseMultiplier * maxGradNorm), variable.shape),
    );
    const tensors: tf.Tensor[] = [...noise];
    let figures = { loss: 0, correct: 0, weight: 0 };
    try {
      let lossOf: () => tf.Scalar;
      if (rows.length === 0) {
        lossOf = () => tf.div(linearNoise(noise, this.variables), expectedBatchSize) as tf.Scalar;
      } else {
        const input = split.encoded.batch(rows);
        const labels = tf.tensor1d(
          Int32Array.from(rows, (row) => split.labels[row]!),
          'int32',
        );
        const weights = tf.tensor1d(Float32Array.from(rows, (row) => split.weights[row]!));
        tensors.push(input, labels, weights);
        const prepared = this.chain
          ? this.vectorisedLoss(input, labels, weights, noise, expectedBatchSize)
          : this.loopedLoss(input, labels, weights, noise, expectedBatchSize);
        tensors.push(...prepared.keep);
        lossOf = prepared.loss;
        figures = prepared.figures;
      }
      this.optimizer.minimize(lossOf, this.variables).dispose();
      this.accountant.step(noiseMultiplier, sampleRate);
      return figures;
    } finally {
      tf.dispose(tensors);
    }
  }

  /** Σ_i f_i·w_i·CE_i + ⟨ξ, θ⟩, over the expected batch size: its gradient is the noisy clipped average. */
  private vectorisedLoss(
    input: tf.Tensor2D,
    labels: tf.Tensor1D,
    weights: tf.Tensor1D,
    noise: tf.Tensor[],
    expectedBatchSize: number,
  ) {
    const factors = tf.tidy(() => {
      const norms = tf.sqrt(perExampleSquaredNorms(this.chain!, input, labels, weights));
      return tf.minimum(tf.div(this.settings.maxGradNorm, tf.add(norms, CLIP_EPSILON)), 1) as tf.Tensor1D;
    });
    const clippedWeights = tf.mul(weights, factors) as tf.Tensor1D;
    const figures = this.batchFigures(input, labels, weights);
    const loss = () =>
      tf.tidy(() => {
        const output = this.model.apply(input, { training: true }) as tf.Tensor2D;
        const clippedSum = tf.sum(tf.mul(crossEntropy(output, labels, this.binary), clippedWeights));
        return tf.div(tf.add(clippedSum, linearNoise(noise, this.variables)), expectedBatchSize) as tf.Scalar;
      });
    return { loss, figures, keep: [factors, clippedWeights] };
  }

  /** The same step with per-example gradients computed one by one (models outside the closed form). */
  private loopedLoss(
    input: tf.Tensor2D,
    labels: tf.Tensor1D,
    weights: tf.Tensor1D,
    noise: tf.Tensor[],
    expectedBatchSize: number,
  ) {
    const figures = this.batchFigures(input, labels, weights);
    const perExample = perExampleGradients(this.model, this.variables, input, labels, weights);
    const summed = this.variables.map((variable) =>
      tf.tidy(() =>
        perExample.reduce(
          (sum, { squaredNorm, grads }) =>
            tf.add(
              sum,
              tf.mul(
                grads[variable.name] ?? tf.zerosLike(variable),
                clipFactor(Math.sqrt(squaredNorm), this.settings.maxGradNorm),
              ),
            ),
          tf.zerosLike(variable) as tf.Tensor,
        ),
      ),
    );
    for (const { grads } of perExample) tf.dispose(Object.values(grads));
    const loss = () =>
      tf.tidy(
        () =>
          tf.div(
            tf.add(linearNoise(summed, this.variables), linearNoise(noise, this.variables)),
            expectedBatchSize,
          ) as tf.Scalar,
      );
    return { loss, figures, keep: summed };
  }

  /** Weighted loss sum, weighted correct count and weight of a batch, for the epoch's figures. */
  private batchFigures(input: tf.Tensor2D, labels: tf.Tensor1D, weights: tf.Tensor1D) {
    const [loss, correct, weight] = tf
      .tidy(() => {
        const output = this.model.apply(input) as tf.Tensor2D;
        const predicted = this.binary
          ? tf.cast(tf.greater(tf.squeeze(output, [1]), 0.5), 'int32')
          : tf.argMax(output, 1);
        return [
          tf.sum(tf.mul(crossEntropy(output, labels, this.binary), weights)),
          tf.sum(tf.mul(tf.cast(tf.equal(predicted, labels), 'float32'), weights)),
          tf.sum(weights),
        ];
      })
      .map((t) => {
        const value = t.dataSync()[0]!;
        t.dispose();
        return value;
      }) as [number, number, number];
    return { loss, correct, weight };
  }
}

/** Σ_v ⟨c_v, v⟩: a term whose gradient with respect to each variable v is the constant c_v. */
function linearNoise(constants: tf.Tensor[], variables: tf.Variable[]): tf.Scalar {
  return tf.tidy(
    () =>
      variables.reduce(
        (sum, variable, k) => tf.add(sum, tf.sum(tf.mul(constants[k]!, variable))),
        tf.scalar(0),
      ) as tf.Scalar,
  );
}

export { denseChainOf };
