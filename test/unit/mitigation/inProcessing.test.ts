import * as tf from '@tensorflow/tfjs';
import { strict as assert } from 'node:assert';
import seedrandom from 'seedrandom';
import { registerTrainingKernels } from '../../../src/engine/compute/kernels';
import { expectedFairness } from '../../../src/engine/mitigation/expectedFairness';
import { exponentiatedGradient } from '../../../src/engine/mitigation/reductions/exponentiatedGradient';
import { mixtureProbabilities, TfjsLearner } from '../../../src/engine/mitigation/reductions/tfjsLearner';
import { fairnessPenalty, trainOneEpochWithPenalty } from '../../../src/engine/mitigation/regularizer';
import { AdamTrainer } from '../../../src/engine/training/adam';
import { seededRandom, shuffleInPlace } from '../../../src/engine/training/data/split';
import { predictProbabilities, trainOneEpoch, type LabelledSplit } from '../../../src/engine/training/loop';
import { buildTabularClassifier } from '../../../src/engine/training/models/classifiers';
import type { ResolvedModelSpec } from '../../../src/engine/training/types';

const SPEC: ResolvedModelSpec = {
  kind: 'logistic-regression',
  hiddenUnits: 0,
  embeddingDim: 4,
  hashBuckets: 16,
  maxTokens: 4,
  wordBigrams: false,
  charNgrams: [],
  maxCategories: 5,
};

/** Labels favour group a; the model sees the group. Rows 0…399 train, 400…799 held out (same generator). */
function biasedData() {
  const random = seedrandom('biased');
  const rows = Array.from({ length: 800 }, () => {
    const a = random() < 0.5;
    const x = random() * 2 - 1;
    const y = x + (a ? 0.6 : -0.6) + (random() - 0.5) * 0.6 > 0 ? 1 : 0;
    return { features: [x, a ? 1 : 0, a ? 0 : 1], y, group: a ? 'a' : 'b' };
  });
  const split = (from: number, to: number): { split: LabelledSplit; groups: string[]; labels: Uint8Array } => {
    const part = rows.slice(from, to);
    return {
      split: {
        labels: Int32Array.from(part, (r) => r.y),
        weights: new Float32Array(part.length).fill(1),
        encoded: {
          count: part.length,
          batch: (ids) =>
            tf.tensor2d(Float32Array.from(Array.from(ids).flatMap((i) => part[i]!.features)), [ids.length, 3]),
        },
      },
      groups: part.map((r) => r.group),
      labels: Uint8Array.from(part, (r) => r.y),
    };
  };
  return { train: split(0, 400), heldOut: split(400, 800) };
}

async function plainProbabilities(model: tf.LayersModel, split: LabelledSplit): Promise<Float64Array> {
  const p = await predictProbabilities(model, split.encoded, 2, 512);
  return Float64Array.from({ length: split.encoded.count }, (_, i) => (p[2 * i + 1]! > 0.5 ? 1 : 0));
}

describe('in-processing: ExponentiatedGradient over the tfjs models and the fairness regulariser', function () {
  this.timeout(120_000);
  before(async () => {
    await tf.setBackend('cpu');
    registerTrainingKernels();
  });

  it('penalises the demographic-parity gap of a batch, by hand', () => {
    // Groups a: p 0.9, 0.7 (mean 0.8); b: 0.1, 0.3 (mean 0.2); overall 0.5 → ((0.3)² + (0.3)²)/2 = 0.09.
    const p = tf.tensor1d([0.9, 0.7, 0.1, 0.3]);
    const groups = tf.tensor2d([
      [1, 0],
      [1, 0],
      [0, 1],
      [0, 1],
    ]);
    const positive = tf.tensor1d([1, 0, 1, 0]);
    assert.ok(Math.abs(fairnessPenalty('demographic_parity', p, positive, groups).dataSync()[0]! - 0.09) < 1e-7);
    // Equalized odds: y = 1 rows: a 0.9, b 0.1 (overall 0.5) → 0.16; y = 0 rows: a 0.7, b 0.3 → 0.04; sum 0.2.
    assert.ok(Math.abs(fairnessPenalty('equalized_odds', p, positive, groups).dataSync()[0]! - 0.2) < 1e-7);
  });

  it('ExponentiatedGradient with refitted tfjs models cuts the disparity, on training and held-out rows', async () => {
    const { train, heldOut } = biasedData();
    const options = {
      build: () => buildTabularClassifier(SPEC, 3, 2, 7),
      train: train.split,
      classes: 2,
      positiveClass: 1,
      epochs: 15,
      batchSize: 32,
      learningRate: 0.05,
      seed: 1,
    };
    const plain = new TfjsLearner(options);
    const baseline = await plain.fit(new Uint8Array(train.labels), new Float64Array(400).fill(1));
    const before = expectedFairness(heldOut.labels, await plainProbabilities(baseline, heldOut.split), heldOut.groups);
    plain.dispose();
    const learner = new TfjsLearner(options);
    const result = await exponentiatedGradient(train.labels, train.groups, learner, {
      constraint: 'demographic_parity',
      eps: 0.05,
      differenceBound: 0.05,
      maxIter: 15,
    });
    const trainAfter = expectedFairness(train.labels, result.trainingProbabilities, train.groups);
    const heldAfter = expectedFairness(
      heldOut.labels,
      await mixtureProbabilities(learner, result, heldOut.split.encoded),
      heldOut.groups,
    );
    learner.dispose();
    assert.ok(
      before.demographicParityDifference > 0.4,
      `plain model DP difference ${before.demographicParityDifference}`,
    );
    assert.ok(
      trainAfter.demographicParityDifference < 0.15,
      `training DP difference ${trainAfter.demographicParityDifference}`,
    );
    assert.ok(
      heldAfter.demographicParityDifference < before.demographicParityDifference / 2,
      `held-out ${heldAfter.demographicParityDifference} vs ${before.demographicParityDifference}`,
    );
  });

  it('the regulariser trades accuracy for a smaller gap as λ grows', async () => {
    const { train, heldOut } = biasedData();
    const groups = Int32Array.from(train.groups, (g) => (g === 'a' ? 0 : 1));
    const gapAt = async (weight: number) => {
      const model = buildTabularClassifier(SPEC, 3, 2, 7);
      const optimizer = new AdamTrainer(0.05);
      const order = Int32Array.from({ length: 400 }, (_, i) => i);
      const shuffle = seededRandom(3, 'reg');
      for (let epoch = 0; epoch < 20; epoch++) {
        if (weight === 0) await trainOneEpoch(model, optimizer, train.split, shuffleInPlace(order, shuffle), 64);
        else
          await trainOneEpochWithPenalty(model, optimizer, train.split, shuffleInPlace(order, shuffle), 64, {
            kind: 'demographic_parity',
            weight,
            groups,
            groupCount: 2,
            positiveClass: 1,
          });
      }
      const figures = expectedFairness(heldOut.labels, await plainProbabilities(model, heldOut.split), heldOut.groups);
      model.dispose();
      optimizer.dispose();
      return figures;
    };
    const none = await gapAt(0);
    const strong = await gapAt(20);
    assert.ok(
      strong.demographicParityDifference < none.demographicParityDifference - 0.2,
      `λ 20: ${strong.demographicParityDifference} vs λ 0: ${none.demographicParityDifference}`,
    );
    assert.ok(strong.overall.accuracy <= none.overall.accuracy + 0.02, 'no free lunch on this data');
  });
});
