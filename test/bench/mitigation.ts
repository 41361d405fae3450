/**
 * Mitigation, privacy and robustness benchmarks.
 *   npx tsx test/bench/mitigation.ts
 * - DP-SGD vs plain training, the same embedding-bag text model on wasm, one epoch of 20,000 generated reviews
 *   each (target: DP-SGD at most 3× slower). Plain: shuffled batches of 128; DP-SGD: Poisson sampling with
 *   q = 1/157 (expected batch 128), σ 1, C 1, Opacus's rules.
 * - ThresholdOptimizer on 1,000,000 scores in 4 groups, grid 1000, demographic parity and equalized odds
 *   (target ≤ 2 s), and applying the fitted rules to the same rows.
 * - The perturbation suite (6 perturbations) on 10,000 texts with that model, and the RDP accountant.
 */
import * as tf from '@tensorflow/tfjs';
import { createDefaultLoaders } from '../../src/engine/compute/loaders';
import { selectBackend } from '../../src/engine/compute/selectBackend';
import { fitThresholdOptimizer, positiveProbabilities } from '../../src/engine/mitigation/thresholdOptimizer';
import { epsilonFor, noiseMultiplierFor } from '../../src/engine/privacy/accountant';
import { DpSgdTrainer, sampleRateFor } from '../../src/engine/privacy/dpsgd/dpTraining';
import { runPerturbationSuite } from '../../src/engine/robustness/suite';
import { AdamTrainer } from '../../src/engine/training/adam';
import type { Examples } from '../../src/engine/training/data/examples';
import { encodeSplit, fitPreprocessing } from '../../src/engine/training/features/preprocessing';
import { argMax, trainOneEpoch, type LabelledSplit } from '../../src/engine/training/loop';
import { predictRecords } from '../../src/engine/training/modelStore';
import { buildTextClassifier } from '../../src/engine/training/models/classifiers';
import type { ResolvedModelSpec } from '../../src/engine/training/types';
import { pick, seededRandom } from './random';

type Row = Record<string, string | number>;

const SPEC: ResolvedModelSpec = {
  kind: 'text-embedding-bag',
  hiddenUnits: 0,
  embeddingDim: 16,
  hashBuckets: 16_384,
  maxTokens: 128,
  wordBigrams: true,
  charNgrams: [3],
  maxCategories: 50,
};

/** Reviews-like texts as the training bench's: 8–20 words, a quarter opinion words agreeing with the label 80 % of the time. */
function reviews(count: number, seed: number): Examples {
  const random = seededRandom(seed);
  const positive = ['great', 'excellent', 'loved', 'wonderful', 'superb'];
  const negative = ['awful', 'terrible', 'hated', 'rude', 'bland'];
  const vocabulary = Array.from({ length: 5000 }, (_, i) => `w${i.toString(36)}`);
  const labels: string[] = [];
  const text: string[] = [];
  const group: string[] = [];
  for (let i = 0; i < count; i++) {
    const label = random() < 0.5;
    const words = Array.from({ length: 8 + Math.floor(random() * 13) }, () =>
      random() < 0.25 ? pick(random() < 0.8 === label ? positive : negative, random) : pick(vocabulary, random),
    );
    text.push(words.join(' '));
    labels.push(label ? '1' : '0');
    group.push(random() < 0.5 ? 'A' : 'B');
  }
  return { count, labels, weights: new Float32Array(count).fill(1), text, features: [], sensitive: { group } };
}

const seconds = (start: number) => (performance.now() - start) / 1000;

async function dpSgdVersusPlain(): Promise<{
  rows: Row[];
  model: tf.LayersModel;
  preprocessing: ReturnType<typeof fitPreprocessing>;
}> {
  const examples = reviews(20_000, 11);
  const preprocessing = fitPreprocessing(SPEC, { text: 'text', features: [] }, examples, ['0', '1'], '1');
  const split: LabelledSplit = {
    encoded: encodeSplit(preprocessing, examples),
    labels: Int32Array.from(examples.labels, Number),
    weights: examples.weights,
  };
  const order = Int32Array.from({ length: examples.count }, (_, i) => i);
  const plainModel = buildTextClassifier(SPEC, 2, 1);
  const plainStart = performance.now();
  await trainOneEpoch(plainModel, new AdamTrainer(0.01), split, order, 128);
  const plainSeconds = seconds(plainStart);
  const dpModel = buildTextClassifier(SPEC, 2, 1);
  const sampleRate = sampleRateFor(128, examples.count);
  const trainer = new DpSgdTrainer(dpModel, new AdamTrainer(0.01), {
    noiseMultiplier: 1,
    maxGradNorm: 1,
    sampleRate,
    seed: 1,
  });
  const dpStart = performance.now();
  await trainer.trainEpoch(split);
  const dpSeconds = seconds(dpStart);
  dpModel.dispose();
  const epsilon = trainer.accountant.privacySpent(1e-5).epsilon;
  const rows: Row[] = [
    {
      case: 'plain training, 1 epoch',
      rows: examples.count,
      'time (s)': Number(plainSeconds.toFixed(2)),
      'examples/s': Math.round(examples.count / plainSeconds),
      note: 'batches of 128',
    },
    {
      case: 'DP-SGD, 1 epoch',
      rows: examples.count,
      'time (s)': Number(dpSeconds.toFixed(2)),
      'examples/s': Math.round(examples.count / dpSeconds),
      note: `${trainer.accountant.steps} Poisson steps, σ 1, C 1, ε ${epsilon.toFixed(2)} at δ 1e-5; ${trainer.vectorised ? 'closed-form' : 'looped'} per-example norms`,
    },
    {
      case: 'DP-SGD ÷ plain',
      rows: '',
      'time (s)': Number((dpSeconds / plainSeconds).toFixed(2)),
      'examples/s': '',
      note: 'target ≤ 3×',
    },
  ];
  return { rows, model: plainModel, preprocessing };
}

export function thresholdsOnAMillion(): Row[] {
  const n = 1_000_000;
  const random = seededRandom(5);
  const scores = new Float64Array(n);
  const labels = new Uint8Array(n);
  const groups: string[] = new Array(n);
  const names = ['a', 'b', 'c', 'd'];
  for (let i = 0; i < n; i++) {
    const g = Math.floor(random() * 4);
    groups[i] = names[g]!;
    labels[i] = random() < 0.3 + 0.1 * g ? 1 : 0;
    // Scores rounded to 4 decimals: ~10,000 distinct values per group, as a calibrated model's probabilities.
    scores[i] = Math.round(Math.min(1, Math.max(0, 0.5 * random() + 0.4 * labels[i]! + 0.05 * g)) * 1e4) / 1e4;
  }
  const rows: Row[] = [];
  for (const constraint of ['demographic_parity', 'equalized_odds'] as const) {
    const start = performance.now();
    const fitted = fitThresholdOptimizer(scores, labels, groups, { constraint });
    const fitSeconds = seconds(start);
    const applyStart = performance.now();
    positiveProbabilities(fitted, scores, groups);
    rows.push({
      case: `ThresholdOptimizer ${constraint}`,
      rows: n,
      'time (s)': Number(fitSeconds.toFixed(2)),
      'examples/s': Math.round(n / fitSeconds),
      note: `grid 1000; applying the rules to the rows: ${seconds(applyStart).toFixed(2)} s; target fit ≤ 2 s`,
    });
  }
  return rows;
}

async function suiteOnTenThousand(
  model: tf.LayersModel,
  preprocessing: ReturnType<typeof fitPreprocessing>,
): Promise<Row> {
  const examples = reviews(10_000, 12);
  const trained = { model, preprocessing };
  const start = performance.now();
  const result = await runPerturbationSuite({
    texts: examples.text,
    labels: Int32Array.from(examples.labels, Number),
    groups: examples.sensitive.group,
    predict: (texts) => {
      const out = new Int32Array(texts.length);
      for (let from = 0; from < texts.length; from += 1000) {
        predictRecords(
          trained,
          texts.slice(from, from + 1000).map((text) => ({ text })),
        ).forEach((row, i) => (out[from + i] = argMax(row)));
      }
      return out;
    },
  });
  const total = seconds(start);
  const drops = result.perturbations.map((p) => `${p.name} ${(100 * p.drop).toFixed(1)}`).join(', ');
  return {
    case: 'perturbation suite, 6 perturbations',
    rows: examples.count,
    'time (s)': Number(total.toFixed(2)),
    'examples/s': Math.round((7 * examples.count) / total),
    note: `texts perturbed and predicted per second (7 passes); drops (points): ${drops}`,
  };
}

function accountant(): Row {
  const start = performance.now();
  const spent = epsilonFor(1.5, 0.04, 2250, 1e-5);
  const epsilonSeconds = seconds(start);
  const searchStart = performance.now();
  const sigma = noiseMultiplierFor({ targetEpsilon: 3, delta: 1e-5, sampleRate: 0.01, steps: 1000 });
  return {
    case: 'RDP accountant',
    rows: '',
    'time (s)': Number(epsilonSeconds.toFixed(4)),
    'examples/s': '',
    note: `ε ${spent.epsilon.toFixed(4)} over 151 orders; noise search for ε 3 (σ ${sigma.toFixed(3)}): ${seconds(searchStart).toFixed(2)} s`,
  };
}

export async function run(): Promise<Row[]> {
  tf.enableProdMode();
  await selectBackend('wasm', createDefaultLoaders());
  const { rows, model, preprocessing } = await dpSgdVersusPlain();
  rows.push(...thresholdsOnAMillion());
  rows.push(await suiteOnTenThousand(model, preprocessing));
  rows.push(accountant());
  model.dispose();
  rows.push({
    case: 'backend',
    rows: '',
    'time (s)': '',
    'examples/s': '',
    note: `${tf.getBackend()}; load average ${require('node:os')
      .loadavg()
      .map((v: number) => v.toFixed(1))
      .join(' ')}`,
  });
  return rows;
}

if (require.main === module) {
  run().then(
    (rows) => console.table(rows),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
