import * as tf from '@tensorflow/tfjs';
import { strict as assert } from 'node:assert';
import { registerTrainingKernels } from '../../../src/engine/compute/kernels';
import { epsilonFor, noiseMultiplierFor, stepsForEpochs } from '../../../src/engine/privacy/accountant';
import { clipFactor, poissonSample, privatiseGradients } from '../../../src/engine/privacy/dpsgd/clip';
import { DpSgdTrainer, sampleRateFor } from '../../../src/engine/privacy/dpsgd/dpTraining';
import { GaussianNoise } from '../../../src/engine/privacy/dpsgd/gaussian';
import {
  denseChainOf,
  embeddingNormFactors,
  perExampleGradients,
  perExampleSquaredNorms,
} from '../../../src/engine/privacy/dpsgd/perExample';
import { AdamTrainer } from '../../../src/engine/training/adam';
import type { LabelledSplit } from '../../../src/engine/training/loop';
import { buildTabularClassifier, buildTextClassifier } from '../../../src/engine/training/models/classifiers';
import type { ResolvedModelSpec } from '../../../src/engine/training/types';

const SPEC: ResolvedModelSpec = {
  kind: 'text-embedding-bag',
  hiddenUnits: 4,
  embeddingDim: 3,
  hashBuckets: 50,
  maxTokens: 8,
  wordBigrams: false,
  charNgrams: [],
  maxCategories: 5,
};

const close = (actual: number, expected: number, tolerance: number, what = '') =>
  assert.ok(Math.abs(actual - expected) <= tolerance, `${what} ${actual} ≠ ${expected} ± ${tolerance}`);

describe('DP-SGD', () => {
  before(async () => {
    await tf.setBackend('cpu');
    registerTrainingKernels();
  });

  it('clips three per-sample gradients by hand: norms 5, 0.5, 10 with C = 1', () => {
    // Opacus: factor min(C / (‖g‖ + 1e-6), 1); noise on the sum; divided by the expected batch size.
    const perSample = [
      [3, 4],
      [0.3, 0.4],
      [6, 8],
    ];
    const { gradient, factors, norms } = privatiseGradients(perSample, {
      maxNorm: 1,
      noise: [0.5, -0.5],
      expectedBatchSize: 4,
    });
    assert.deepEqual(norms, [5, 0.5, 10]);
    close(factors[0]!, 1 / (5 + 1e-6), 1e-15);
    assert.equal(factors[1], 1); // below the bound: unchanged
    close(factors[2]!, 1 / (10 + 1e-6), 1e-15);
    // Clipped: (0.6, 0.8) + (0.3, 0.4) + (0.6, 0.8) = (1.5, 2.0), less the 1e-6 in the denominators; + noise; / 4.
    close(gradient[0]!, (1.5 + 0.5) / 4, 1e-6);
    close(gradient[1]!, (2.0 - 0.5) / 4, 1e-6);
    assert.equal(clipFactor(0, 1), 1);
  });

  it('Poisson sampling draws each row independently with probability q', () => {
    const noise = new GaussianNoise(1);
    const sizes = Array.from({ length: 400 }, () => poissonSample(1000, 0.05, () => noise.uniform()).length);
    const mean = sizes.reduce((a, b) => a + b, 0) / sizes.length;
    close(mean, 50, 2, 'mean batch size'); // standard error √(1000·0.05·0.95)/√400 ≈ 0.34
    assert.ok(new Set(sizes).size > 10, 'batch sizes vary');
    assert.equal(sampleRateFor(128, 1000), 1 / 8);
  });

  it('draws seeded standard normal noise', () => {
    const draws = new GaussianNoise(7).fill(200_000, 2);
    const mean = draws.reduce((a, b) => a + b, 0) / draws.length;
    const variance = draws.reduce((a, b) => a + (b - mean) ** 2, 0) / draws.length;
    close(mean, 0, 0.02, 'mean');
    close(variance, 4, 0.05, 'variance');
    assert.deepEqual(new GaussianNoise(7).fill(5, 1), new GaussianNoise(7).fill(5, 1));
    assert.notDeepEqual(new GaussianNoise(8).fill(5, 1), new GaussianNoise(7).fill(5, 1));
  });

  it('counts repeated tokens in the embedding norm: Σ m² / c²', () => {
    // [1, 2, 2, pad]: counts {1: 1, 2: 2}, c = 3 → (1 + 4) / 9; [pad…] → 0.
    const factors = embeddingNormFactors(Int32Array.from([1, 2, 2, 0, 0, 0, 0, 0]), 2, 4);
    close(factors[0]!, 5 / 9, 1e-7);
    assert.equal(factors[1], 0);
  });

  for (const classes of [2, 3]) {
    it(`per-example norms in closed form equal one backward pass per example (text model, ${classes} classes)`, () => {
      const model = buildTextClassifier(SPEC, classes, 1);
      const chain = denseChainOf(model);
      assert.ok(chain?.embedding, 'the text model is a dense chain with an embedding');
      const ids = tf.tensor2d(
        [
          [1, 2, 2, 0],
          [3, 4, 5, 6],
          [7, 0, 0, 0],
          [0, 0, 0, 0],
        ],
        [4, 4],
        'int32',
      );
      const labels = tf.tensor1d([0, 1, classes - 1, 1], 'int32');
      const weights = tf.tensor1d([1, 2, 0.5, 1]);
      const closed = perExampleSquaredNorms(chain, ids, labels, weights).arraySync();
      const variables = model.trainableWeights.map((weight) => weight.read() as tf.Variable);
      const looped = perExampleGradients(model, variables, ids, labels, weights);
      looped.forEach(({ squaredNorm }, i) =>
        close(closed[i]!, squaredNorm, 1e-5 * Math.max(1, squaredNorm), `example ${i}`),
      );
      looped.forEach(({ grads }) => tf.dispose(Object.values(grads)));
      tf.dispose([ids, labels, weights]);
      model.dispose();
    });
  }

  it('per-example norms in closed form for the tabular MLP', () => {
    const model = buildTabularClassifier({ ...SPEC, kind: 'mlp', hiddenUnits: 5 }, 3, 2, 1);
    const chain = denseChainOf(model)!;
    const x = tf.tensor2d([
      [0.1, -1, 2],
      [1, 1, 1],
      [-0.5, 0.2, 0],
      [3, -2, 0.5],
    ]);
    const labels = tf.tensor1d([0, 1, 1, 0], 'int32');
    const weights = tf.ones([4]) as tf.Tensor1D;
    const closed = perExampleSquaredNorms(chain, x, labels, weights).arraySync();
    const looped = perExampleGradients(
      model,
      model.trainableWeights.map((w) => w.read() as tf.Variable),
      x,
      labels,
      weights,
    );
    looped.forEach(({ squaredNorm }, i) =>
      close(closed[i]!, squaredNorm, 1e-5 * Math.max(1, squaredNorm), `example ${i}`),
    );
    model.dispose();
  });

  it('a private step equals the hand-written rule on the per-example gradients (σ 0, plain SGD view of Adam step 1)', () => {
    // Adam's first step moves every parameter by lr·sign(g)(≈): compare directions with the reference arithmetic.
    const model = buildTabularClassifier({ ...SPEC, kind: 'logistic-regression' }, 2, 2, 3);
    const variables = model.trainableWeights.map((w) => w.read() as tf.Variable);
    const before = variables.map((v) => Array.from(v.dataSync()));
    const split = tabularSplit(
      [
        [1, 2],
        [0.5, -1],
        [-2, 0.3],
      ],
      [1, 0, 1],
    );
    const input = split.encoded.batch([0, 1, 2]);
    const labels = tf.tensor1d(Int32Array.from(split.labels));
    const weights = tf.tensor1d(split.weights);
    const perExample = perExampleGradients(model, variables, input, labels, weights).map(({ grads }) =>
      variables.flatMap((v) => Array.from(grads[v.name]!.dataSync())),
    );
    const reference = privatiseGradients(perExample, {
      maxNorm: 0.1,
      noise: new Array(perExample[0]!.length).fill(0),
      expectedBatchSize: 3,
    });
    const trainer = new DpSgdTrainer(model, new AdamTrainer(0.01), {
      noiseMultiplier: 0,
      maxGradNorm: 0.1,
      sampleRate: 1,
      seed: 1,
    });
    trainer.step(split, Int32Array.from([0, 1, 2]), 3);
    const moved = variables.flatMap((v, k) => Array.from(v.dataSync()).map((value, j) => value - before[k]![j]!));
    // Adam's first step is −lr·g/(|g| + ε·…): each coordinate moves by ≈ −0.01·sign(g).
    moved.forEach((delta, j) => close(delta, -0.01 * Math.sign(reference.gradient[j]!), 1e-4, `coordinate ${j}`));
    assert.equal(trainer.accountant.steps, 1);
    model.dispose();
  });

  it('trains to a target ε and reports an ε within it', async () => {
    const rows = 400;
    const features = Array.from({ length: rows }, (_, i) => [Math.cos(i), Math.sin(i * 1.3)]);
    const labels = features.map(([a]) => (a! > 0 ? 1 : 0));
    const split = tabularSplit(features, labels);
    const model = buildTabularClassifier({ ...SPEC, kind: 'logistic-regression' }, 2, 2, 5);
    const sampleRate = sampleRateFor(40, rows);
    const epochs = 4;
    const sigma = noiseMultiplierFor({
      targetEpsilon: 3,
      delta: 1e-5,
      sampleRate,
      steps: stepsForEpochs(epochs, sampleRate),
    });
    const trainer = new DpSgdTrainer(model, new AdamTrainer(0.05), {
      noiseMultiplier: sigma,
      maxGradNorm: 1,
      sampleRate,
      seed: 9,
    });
    assert.ok(trainer.vectorised);
    let figures = { loss: 0, accuracy: 0 };
    for (let epoch = 0; epoch < epochs; epoch++) figures = await trainer.trainEpoch(split);
    const spent = trainer.accountant.privacySpent(1e-5);
    assert.ok(spent.epsilon <= 3 && spent.epsilon > 2.9, `ε ${spent.epsilon} for target 3`);
    assert.equal(trainer.accountant.steps, 40);
    close(spent.epsilon, epsilonFor(sigma, sampleRate, 40, 1e-5).epsilon, 1e-12);
    assert.ok(figures.accuracy > 0.8, `accuracy ${figures.accuracy}`);
    model.dispose();
  });
});

/** A tabular split whose encoded batch is the raw feature rows. */
function tabularSplit(features: number[][], labels: number[]): LabelledSplit {
  const width = features[0]!.length;
  return {
    labels: Int32Array.from(labels),
    weights: new Float32Array(labels.length).fill(1),
    encoded: {
      count: labels.length,
      batch: (rows) =>
        tf.tensor2d(Float32Array.from(Array.from(rows).flatMap((row) => features[row]!)), [rows.length, width]),
    },
  };
}
