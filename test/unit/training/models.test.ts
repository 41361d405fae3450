import * as tf from '@tensorflow/tfjs';
import { strict as assert } from 'node:assert';
import { createDefaultLoaders, packagedWasmDir } from '../../../src/engine/compute/loaders';
import { selectBackend } from '../../../src/engine/compute/selectBackend';
import { AdamTrainer } from '../../../src/engine/training/adam';
import { encodeSplit, fitPreprocessing } from '../../../src/engine/training/features/preprocessing';
import { trainOneEpoch, type LabelledSplit } from '../../../src/engine/training/loop';
import { buildTabularClassifier, buildTextClassifier } from '../../../src/engine/training/models/classifiers';
import type { Examples } from '../../../src/engine/training/data/examples';
import type { ResolvedModelSpec } from '../../../src/engine/training/types';

const SPEC: ResolvedModelSpec = {
  kind: 'text-embedding-bag',
  hiddenUnits: 0,
  embeddingDim: 8,
  hashBuckets: 512,
  maxTokens: 32,
  wordBigrams: true,
  charNgrams: [3],
  maxCategories: 10,
};

/** 60 examples whose class is readable from the words (text) or from x (tabular). */
function examples(classes: number): { examples: Examples; labels: Int32Array } {
  const words = ['red apple', 'green leaf', 'blue sea'];
  const labels = Int32Array.from({ length: 60 }, (_, i) => i % classes);
  return {
    labels,
    examples: {
      count: 60,
      labels: Array.from(labels, String),
      weights: new Float32Array(60).fill(1),
      text: Array.from(labels, (label, i) => `${words[label]} number ${i}`),
      features: [
        Array.from(labels, (label, i) => String(label * 2 + (i % 3) * 0.1)),
        Array.from(labels, (label) => ['a', 'b', 'c'][label]!),
      ],
      sensitive: {},
    },
  };
}

function labelled(kind: ResolvedModelSpec['kind'], classes: number): LabelledSplit & { width: number } {
  const { examples: data, labels } = examples(classes);
  const names = Array.from({ length: classes }, (_, i) => String(i));
  const preprocessing = fitPreprocessing(
    { ...SPEC, kind },
    { ...(kind === 'text-embedding-bag' ? { text: 'text' } : {}), features: ['x', 'k'] },
    data,
    names,
    names[1]!,
  );
  const width = preprocessing.kind === 'tabular' ? preprocessing.encoding.width : 0;
  return { encoded: encodeSplit(preprocessing, data), labels, weights: data.weights, width };
}

const order = Int32Array.from({ length: 60 }, (_, i) => i);

for (const backend of ['wasm', 'cpu'] as const) {
  describe(`models train on ${backend}`, () => {
    before(async () => {
      assert.equal((await selectBackend(backend, createDefaultLoaders({ wasmDir: packagedWasmDir() }))).name, backend);
    });

    for (const kind of ['text-embedding-bag', 'logistic-regression', 'mlp'] as const) {
      for (const classes of [2, 3]) {
        it(`${kind}, ${classes} classes: the loss falls, and every tensor is released`, async () => {
          const before = tf.memory().numTensors;
          const split = labelled(kind, classes);
          const spec = { ...SPEC, kind, hiddenUnits: kind === 'mlp' ? 8 : 0 };
          const model =
            kind === 'text-embedding-bag'
              ? buildTextClassifier(spec, classes, 1)
              : buildTabularClassifier(spec, split.width, classes, 1);
          assert.deepEqual(model.outputs[0]!.shape, [null, classes === 2 ? 1 : classes]);
          const optimizer = new AdamTrainer(0.05);
          const first = await trainOneEpoch(model, optimizer, split, order, 16);
          let last = first;
          for (let epoch = 0; epoch < 15; epoch++) last = await trainOneEpoch(model, optimizer, split, order, 16);
          assert.ok(last.loss < first.loss * 0.7, `loss ${first.loss} → ${last.loss}`);
          assert.ok(last.accuracy > 0.9, `accuracy ${last.accuracy}`);
          model.dispose();
          optimizer.dispose();
          assert.equal(tf.memory().numTensors, before);
        });
      }
    }

    it('weights each example in the loss: non-uniform instance weights change it, a common factor does not', async () => {
      const losses: number[] = [];
      for (const weights of [
        new Float32Array(60).fill(1),
        new Float32Array(60).fill(3),
        Float32Array.from({ length: 60 }, (_, i) => (i % 2 ? 5 : 0.2)),
      ]) {
        const split = { ...labelled('logistic-regression', 2), weights };
        const model = buildTabularClassifier({ ...SPEC, kind: 'logistic-regression' }, split.width, 2, 1);
        const optimizer = new AdamTrainer(0.05);
        losses.push((await trainOneEpoch(model, optimizer, split, order, 60)).loss);
        model.dispose();
        optimizer.dispose();
      }
      assert.ok(Math.abs(losses[0]! - losses[1]!) < 1e-6, `uniform weights ×3: ${losses[0]} vs ${losses[1]}`);
      assert.ok(Math.abs(losses[0]! - losses[2]!) > 1e-3, `non-uniform weights: ${losses[0]} vs ${losses[2]}`);
    });
  });
}
