import * as tf from '@tensorflow/tfjs';
import { strict as assert } from 'node:assert';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import seedrandom from 'seedrandom';
import { explain } from '../../../src/engine/attribution/explain';
import { loadAttributionModel } from '../../../src/engine/attribution/load';
import { createDefaultLoaders, packagedWasmDir } from '../../../src/engine/compute/loaders';
import { selectBackend } from '../../../src/engine/compute/selectBackend';
import { hotFlipAttack } from '../../../src/engine/robustness/hotflip';
import { resolveTrainingConfig, TrainingConfigError } from '../../../src/engine/training/config';
import { bpeSpans } from '../../../src/engine/training/features/bpeTokens';
import { runTrainingJob } from '../../../src/engine/training/job';
import { loadTrainedModel, predictRecords, saveTrainedModel } from '../../../src/engine/training/modelStore';
import { buildTextClassifier } from '../../../src/engine/training/models/classifiers';
import { runCli } from '../../../src/cli/main';
import type { CliIo } from '../../../src/cli/io';
import type { TrainSummary } from '../../../src/cli/commands/train';
import type { ResolvedModelSpec, TrainingConfig } from '../../../src/engine/training/types';

const SMALL = {
  kind: 'transformer',
  maxTokens: 16,
  hashBuckets: 512,
  transformer: { layers: 1, heads: 2, width: 16 },
} as const;

/**
 * 600 texts whose class is the order of two words with 1–3 other words between them ("… alpha x y omega …" is 1,
 * "… omega x y alpha …" is 0): every text has the same words as one of the other class, and no word bigram holds
 * both, so a bag of words and bigrams is at chance while attention with positions can read the order.
 */
function writeOrderDataset(dir: string): string {
  const random = seedrandom.alea('word-order');
  const fillers = ['red', 'blue', 'cat', 'dog', 'sun', 'tree', 'car', 'box', 'cup', 'hat'];
  const pick = () => fillers[Math.floor(random() * fillers.length)]!;
  const lines = ['text,group,label'];
  for (let i = 0; i < 600; i++) {
    const label = i % 2;
    const [first, second] = label ? ['alpha', 'omega'] : ['omega', 'alpha'];
    const words = [pick(), first, ...Array.from({ length: 1 + Math.floor(random() * 3) }, pick), second, pick()];
    lines.push(`${words.join(' ')},${random() < 0.5 ? 'A' : 'B'},${label}`);
  }
  const file = path.join(dir, 'order.csv');
  writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
}

function orderConfig(dir: string, dataset: string, overrides: Partial<TrainingConfig> = {}): TrainingConfig {
  return {
    dataset,
    label: 'label',
    text: 'text',
    sensitive: ['group'],
    backend: 'wasm',
    epochs: 8,
    earlyStopping: false,
    learningRate: 0.003,
    bootstrapResamples: 0,
    runsRoot: path.join(dir, 'runs'),
    model: SMALL,
    ...overrides,
  };
}

describe('transformer text classifier', function () {
  this.timeout(120_000);
  let dir: string;
  let dataset: string;
  before(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'rml-transformer-'));
    dataset = writeOrderDataset(dir);
    assert.equal((await selectBackend('wasm', createDefaultLoaders({ wasmDir: packagedWasmDir() }))).name, 'wasm');
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('learns word order that the embedding bag cannot (same data, same epochs)', async () => {
    const transformer = await runTrainingJob(orderConfig(dir, dataset));
    const bag = await runTrainingJob(
      orderConfig(dir, dataset, { model: { kind: 'text-embedding-bag' }, learningRate: 0.01 }),
    );
    assert.ok(transformer.test!.accuracy >= 0.95, `transformer accuracy ${transformer.test!.accuracy}`);
    assert.ok(bag.test!.accuracy <= 0.7, `embedding bag accuracy ${bag.test!.accuracy}`);
    const config = JSON.parse(readFileSync(path.join(transformer.runDir, 'config.json'), 'utf8')) as {
      model: { kind: string; transformer: unknown; parameters: number };
    };
    assert.equal(config.model.kind, 'transformer');
    assert.deepEqual(config.model.transformer, { layers: 1, heads: 2, width: 16, feedForward: 64 });
    assert.deepEqual(
      Object.keys(transformer.test!.fairness?.byColumn ?? {}),
      ['group'],
      'the fairness report covers the sensitive column',
    );
    assert.deepEqual(
      Object.keys(transformer.epochs.at(-1)!.groups ?? {}),
      ['group'],
      'the panel gets per-group epoch metrics',
    );
  });

  it('gives the same numbers for the same seed, and other numbers for another seed', async () => {
    const figures = async (seed: number) =>
      (await runTrainingJob(orderConfig(dir, dataset, { epochs: 2, seed }))).epochs.map(
        ({ trainLoss, validationLoss }) => [trainLoss, validationLoss],
      );
    const first = await figures(3);
    assert.deepEqual(await figures(3), first);
    assert.notDeepEqual(await figures(4), first);
  });

  it('saves and loads: the loaded model predicts what the trained one did', async () => {
    const result = await runTrainingJob(orderConfig(dir, dataset, { epochs: 2 }));
    const trained = await loadTrainedModel(path.join(result.runDir, 'model'));
    const texts = ['cat alpha dog omega sun', 'cup omega hat red alpha box', ''];
    const loaded = predictRecords(
      trained,
      texts.map((text) => ({ text })),
    );
    const saved = path.join(dir, 'again');
    await saveTrainedModel(trained.model, saved, trained.preprocessing);
    const reloaded = await loadTrainedModel(saved);
    assert.deepEqual(
      predictRecords(
        reloaded,
        texts.map((text) => ({ text })),
      ),
      loaded,
    );
    const predictions = readFileSync(path.join(result.runDir, 'predictions.csv'), 'utf8').trim().split('\n');
    assert.equal(predictions.length - 1, result.splits.test);
    trained.model.dispose();
    reloaded.model.dispose();
  });

  it('masks padding: a text predicts the same alone and beside a longer one, and extra padding changes nothing', () => {
    const spec = resolveTrainingConfig(orderConfig(dir, dataset), dir).model;
    const model = buildTextClassifier(spec, 2, 5);
    const predict = (rows: number[][], length: number) =>
      tf.tidy(() => {
        const ids = rows.flatMap((row) => [...row, ...new Array<number>(length - row.length).fill(0)]);
        return (model.predict(tf.tensor2d(ids, [rows.length, length], 'int32')) as tf.Tensor).arraySync() as number[][];
      });
    const short = [17, 4, 99];
    const alone = predict([short], 3)[0]![0]!;
    for (const length of [5, 16]) {
      const [padded, other] = predict([short, [1, 2, 3, 4, 5]], length);
      assert.ok(Math.abs(padded![0]! - alone) < 1e-6, `padded to ${length}: ${padded![0]} vs ${alone}`);
      assert.notEqual(other![0], alone);
    }
    model.dispose();
  });

  it("explains a prediction on the tokens: integrated gradients sum to the output change, spans are the tokenizer's", async () => {
    const result = await runTrainingJob(orderConfig(dir, dataset));
    const model = await loadAttributionModel(path.join(result.runDir, 'model'));
    const text = 'cat alpha dog tree omega sun';
    const ig = explain(model, { text }, { method: 'ig', steps: 64 });
    const spans = bpeSpans(text, { encoding: 'cl100k_base', vocabulary: 512, maxTokens: 16 });
    assert.deepEqual(
      ig.units.map((unit) => unit.text),
      ['cat', 'alpha', 'dog', 'tree', 'omega', 'sun'],
    );
    assert.deepEqual(
      ig.units.map((unit) => unit.end),
      spans.map((span) => span.end),
    );
    for (const unit of ig.units) assert.equal(text.slice(unit.start, unit.end), unit.text);
    assert.ok(
      Math.abs(ig.delta!) < 0.02 * Math.max(0.05, Math.abs(ig.output - ig.baselineOutput)),
      `delta ${ig.delta}`,
    );
    for (const method of ['occlusion', 'kernelshap', 'saliency'] as const) {
      const scored = explain(model, { text }, { method, samples: 64 });
      assert.equal(scored.units.length, 6, method);
      assert.ok(
        scored.units.every((unit) => Number.isFinite(unit.score)),
        method,
      );
    }
    model.dispose();
    const trained = await loadTrainedModel(path.join(result.runDir, 'model'));
    await assert.rejects(
      hotFlipAttack(trained, [text], [1], { budget: 1, vocabulary: ['red'] }),
      /HotFlip .* embedding-bag text model only.*transformer/,
    );
    trained.model.dispose();
  });

  it('trains on the cpu backend to the numbers wasm gives (within float tolerance)', async () => {
    const epochs = async (backend: 'cpu' | 'wasm') => {
      await selectBackend(backend, createDefaultLoaders({ wasmDir: packagedWasmDir() }));
      return (await runTrainingJob(orderConfig(dir, dataset, { epochs: 1, backend }))).epochs[0]!;
    };
    const cpu = await epochs('cpu');
    const wasm = await epochs('wasm');
    assert.ok(
      Math.abs(cpu.trainLoss - wasm.trainLoss) < 1e-3,
      `train loss cpu ${cpu.trainLoss}, wasm ${wasm.trainLoss}`,
    );
    assert.ok(
      Math.abs(cpu.validationLoss - wasm.validationLoss) < 1e-3,
      `validation loss cpu ${cpu.validationLoss}, wasm ${wasm.validationLoss}`,
    );
  });

  it('refuses sizes that cannot work, naming the fix', () => {
    const resolve = (model: TrainingConfig['model']) =>
      resolveTrainingConfig(orderConfig(dir, dataset, { model }), dir);
    assert.throws(
      () => resolve({ kind: 'transformer', transformer: { width: 30, heads: 4 } }),
      /width \(30\) must be a multiple of its heads \(4\)/,
    );
    assert.throws(
      () => resolve({ kind: 'text-embedding-bag', transformer: { layers: 2 } }),
      (error: unknown) => error instanceof TrainingConfigError && /use model 'transformer'/.test(error.message),
    );
    const defaults: ResolvedModelSpec = resolve({ kind: 'transformer' }).model;
    assert.deepEqual(defaults.transformer, { layers: 2, heads: 4, width: 64, feedForward: 256 });
    assert.equal(defaults.maxTokens, 64);
  });
});

describe('rml train --model transformer', function () {
  this.timeout(120_000);
  let cwd: string;
  beforeEach(() => {
    cwd = mkdtempSync(path.join(os.tmpdir(), 'rml-transformer-cli-'));
    cpSync(path.join(__dirname, '../../fixtures/training/reviews.csv'), path.join(cwd, 'reviews.csv'));
  });
  afterEach(() => rmSync(cwd, { recursive: true, force: true }));

  it('trains the fixture end to end, records attribution, and `rml explain` reads the saved run', async () => {
    const out: string[] = [];
    const err: string[] = [];
    const io: CliIo = { cwd, stdout: (text) => out.push(text), stderr: (text) => err.push(text) };
    const args = [
      'train',
      'reviews.csv',
      '--label',
      'label',
      '--text',
      'text',
      '--sensitive',
      'dialect',
      '--model',
      'transformer',
      '--layers',
      '1',
      '--heads',
      '2',
      '--width',
      '16',
      '--max-tokens',
      '32',
      '--vocabulary',
      '2048',
      '--epochs',
      '6',
      '--learning-rate',
      '0.003',
      '--backend',
      'wasm',
      '--bootstrap',
      '0',
      '--format',
      'json',
    ];
    assert.equal(await runCli(args, io), 0, err.join(''));
    const summary = JSON.parse(out.join('')) as TrainSummary;
    assert.ok(summary.test.accuracy >= 0.75, `accuracy ${summary.test.accuracy}`);
    assert.ok(
      err.some((line) => line.startsWith('attribution: global importance')),
      err.join(''),
    );
    const attribution = JSON.parse(readFileSync(path.join(summary.runDir, 'attribution.json'), 'utf8')) as {
      globalImportance: { examples: number };
    };
    assert.ok(attribution.globalImportance.examples > 0);
    const explained: string[] = [];
    const explainIo: CliIo = { cwd, stdout: (text) => explained.push(text), stderr: () => {} };
    assert.equal(
      await runCli(
        ['explain', '--run', summary.runDir, '--text', 'the food was superb', '--format', 'json', '--backend', 'wasm'],
        explainIo,
      ),
      0,
    );
    assert.match(explained.join(''), /superb/);
  });

  it('refuses transformer sizes on the embedding bag, with exit 2', async () => {
    const err: string[] = [];
    const io: CliIo = { cwd, stdout: () => {}, stderr: (text) => err.push(text) };
    assert.equal(
      await runCli(
        ['train', 'reviews.csv', '--label', 'label', '--text', 'text', '--layers', '3', '--backend', 'wasm'],
        io,
      ),
      2,
    );
    assert.match(err.join(''), /use model 'transformer'/);
  });
});
