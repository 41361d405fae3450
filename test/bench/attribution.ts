/**
 * Attribution and label-issue speed, per backend (wasm, cpu; native TensorFlow does not install here):
 *   npx tsx test/bench/attribution.ts
 * - integrated gradients, 50 Gauss–Legendre steps, on a 128-token input of the default text model (16,384 buckets ×
 *   16 dims, word bigrams, character trigrams) — target ≤ 100 ms on wasm, so the panel feels live;
 * - KernelSHAP with 500 coalitions on the same input (its words are the features);
 * - label issues on 100,000 generated rows with 5-fold out-of-fold training (5 epochs per fold) — target ≤ 60 s on
 *   wasm — with precision and recall against the flips planted in that data (generated with its own seed, never
 *   used to tune anything; the unit-test fixtures are separate files).
 * The peers (Captum, Cleanlab) need Python with PyTorch, which cannot be installed on this machine: no ratio column.
 */
import * as tf from '@tensorflow/tfjs';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import seedrandom from 'seedrandom';
import { EmbeddingBagAttributionModel } from '../../src/engine/attribution/adapters/embeddingBag';
import { explain, type ExplainOptions } from '../../src/engine/attribution/explain';
import { hashedTokenIds } from '../../src/engine/text/hashedText';
import { createDefaultLoaders, packagedWasmDir } from '../../src/engine/compute/loaders';
import { selectBackend } from '../../src/engine/compute/selectBackend';
import { findDatasetLabelIssues } from '../../src/engine/labels';
import { buildTextClassifier } from '../../src/engine/training/models/classifiers';
import type { ResolvedModelSpec } from '../../src/engine/training/types';

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
const LABEL_ROWS = 100_000;

export async function run(): Promise<Row[][]> {
  const timings: Row[] = [];
  for (const backend of ['wasm', 'cpu'] as const) {
    await selectBackend(backend, createDefaultLoaders({ wasmDir: packagedWasmDir() }));
    tf.enableProdMode();
    timings.push(...timeExplanations(backend));
  }
  await selectBackend('wasm', createDefaultLoaders({ wasmDir: packagedWasmDir() }));
  return [timings, await labelIssues()];
}

function timeExplanations(backend: string): Row[] {
  const trained = { model: buildTextClassifier(SPEC, 2, 7), preprocessing: textPreprocessing() };
  const model = new EmbeddingBagAttributionModel(trained);
  const input = { text: longText() };
  const tokens = hashedTokenIds(input.text, SPEC).length;
  const cases: Array<[string, ExplainOptions, number]> = [
    ['integrated gradients, 50 steps (Gauss–Legendre)', { method: 'ig', steps: 50 }, 25],
    ['KernelSHAP, 500 coalitions', { method: 'kernelshap', samples: 500 }, 5],
    ['occlusion, 3-word window', { method: 'occlusion' }, 10],
  ];
  const rows = cases.map(([what, options, repeats]) => {
    explain(model, input, options); // warm-up: kernels compiled, buffers allocated
    const times: number[] = [];
    let delta: number | null = null;
    for (let i = 0; i < repeats; i++) {
      const started = performance.now();
      delta = explain(model, input, options).delta;
      times.push(performance.now() - started);
    }
    times.sort((a, b) => a - b);
    return {
      backend,
      measure: what,
      input: `${tokens} tokens, ${model.prepare(input, 0, 'pad').units.length} words`,
      'median (ms)': Number(times[Math.floor(times.length / 2)]!.toFixed(1)),
      'max (ms)': Number(times.at(-1)!.toFixed(1)),
      target: what.startsWith('integrated') ? (backend === 'wasm' ? '≤ 100 ms' : '—') : '—',
      '|delta|': delta === null ? '—' : Number(Math.abs(delta).toExponential(1)),
    };
  });
  model.dispose();
  trained.model.dispose();
  return rows;
}

function textPreprocessing() {
  const { hashBuckets, maxTokens, wordBigrams, charNgrams } = SPEC;
  return {
    version: 1 as const,
    kind: 'text' as const,
    column: 'text',
    options: { hashBuckets, maxTokens, wordBigrams, charNgrams },
    classes: ['0', '1'],
    positiveClass: '1',
  };
}

/** 40 words: with their bigrams and character trigrams, more than the 128 tokens the model keeps. */
function longText(): string {
  const random = seedrandom.alea('rml-bench-attribution-text');
  return Array.from({ length: 40 }, () => `w${Math.floor(random() * 5000).toString(36)}`).join(' ');
}

async function labelIssues(): Promise<Row[]> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'rml-bench-labels-'));
  try {
    const planted = writeLabelDataset(path.join(dir, 'labels.csv'));
    const started = performance.now();
    const report = await findDatasetLabelIssues(path.join(dir, 'labels.csv'), 'label', {
      kind: 'k-fold',
      text: 'text',
      folds: 5,
      seed: 1,
      epochs: 5,
    });
    const seconds = (performance.now() - started) / 1000;
    const hits = report.issues.filter((issue) => planted.has(issue.row)).length;
    return [
      {
        backend: 'wasm',
        measure: `label issues, ${LABEL_ROWS.toLocaleString('en')} rows, 5 folds × 5 epochs, text model`,
        'wall (s)': Number(seconds.toFixed(1)),
        target: '≤ 60 s',
        flagged: report.issues.length,
        planted: planted.size,
        precision: Number((hits / Math.max(1, report.issues.length)).toFixed(3)),
        recall: Number((hits / planted.size).toFixed(3)),
        'peak RSS (MB)': Math.round(process.resourceUsage().maxRSS / 1024),
        load: os
          .loadavg()
          .map((v) => v.toFixed(1))
          .join(' '),
      },
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Reviews (opinion words agree with the label 90 % of the time) with 5 % of the labels flipped; returns the flipped rows. */
function writeLabelDataset(file: string): Set<number> {
  const random = seedrandom.alea('rml-bench-label-issues');
  const pick = <T>(values: readonly T[]) => values[Math.floor(random() * values.length)]!;
  const positive = ['great', 'excellent', 'loved', 'wonderful', 'superb', 'friendly'];
  const negative = ['awful', 'terrible', 'hated', 'rude', 'bland', 'broken'];
  const vocabulary = Array.from({ length: 3000 }, (_, i) => `w${i.toString(36)}`);
  const lines = ['text,label'];
  const planted = new Set<number>();
  for (let row = 0; row < LABEL_ROWS; row++) {
    const label = random() < 0.5;
    const words = Array.from({ length: 8 + Math.floor(random() * 10) }, () =>
      random() < 0.3 ? pick(random() < 0.9 === label ? positive : negative) : pick(vocabulary),
    );
    const flipped = random() < 0.05;
    if (flipped) planted.add(row);
    lines.push(`${words.join(' ')},${label !== flipped ? 'pos' : 'neg'}`);
  }
  writeFileSync(file, `${lines.join('\n')}\n`);
  return planted;
}

if (require.main === module) {
  run().then(
    (tables) => tables.forEach((table) => console.table(table)),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
