import * as tf from '@tensorflow/tfjs';
import { strict as assert } from 'node:assert';
import { ADAM_STEP } from '../../../src/engine/compute/adamKernel';
import { EMBEDDING_BAG_MEAN, hasKernel } from '../../../src/engine/compute/kernels';
import { createDefaultLoaders, packagedWasmDir } from '../../../src/engine/compute/loaders';
import { selectBackend } from '../../../src/engine/compute/selectBackend';
import { AdamTrainer } from '../../../src/engine/training/adam';
import { embeddingBagMean } from '../../../src/engine/training/models/embeddingBag';

const loaders = createDefaultLoaders({ wasmDir: packagedWasmDir() });

/** The same maths from stock tfjs ops: gather, mask, sum, divide by the token count. */
function composedBagMean(table: tf.Tensor2D, ids: tf.Tensor2D): tf.Tensor2D {
  const mask = tf.cast(tf.greater(ids, 0), 'float32');
  const summed = tf.sum(tf.mul(tf.gather(table, ids), tf.expandDims(mask, 2)), 1);
  return tf.div(summed, tf.maximum(tf.sum(mask, 1, true), 1)) as tf.Tensor2D;
}

function assertClose(actual: ArrayLike<number>, expected: ArrayLike<number>, tolerance = 1e-6): void {
  assert.equal(actual.length, expected.length);
  for (let i = 0; i < actual.length; i++) {
    assert.ok(Math.abs(actual[i]! - expected[i]!) <= tolerance, `index ${i}: ${actual[i]} vs ${expected[i]}`);
  }
}

for (const backend of ['cpu', 'wasm'] as const) {
  describe(`training kernels on ${backend}`, () => {
    before(async () => {
      assert.equal((await selectBackend(backend, loaders)).name, backend);
    });

    it('runs the fused embedding bag, equal to gather + mask + mean, forward and backward', () => {
      assert.ok(hasKernel(EMBEDDING_BAG_MEAN));
      tf.tidy(() => {
        const table = tf.randomUniform([50, 4], -1, 1, 'float32', 7) as tf.Tensor2D;
        // Row 1 repeats an id, row 2 is all padding (its mean is zero), row 3 uses the last id.
        const ids = tf.tensor2d(
          [
            [1, 2, 2, 0],
            [0, 0, 0, 0],
            [49, 3, 0, 0],
          ],
          undefined,
          'int32',
        );
        const upstream = tf.tensor2d([
          [1, 2, 3, 4],
          [5, 6, 7, 8],
          [9, 10, 11, 12],
        ]);
        const loss = (bag: (t: tf.Tensor2D, i: tf.Tensor2D) => tf.Tensor2D) => (t: tf.Tensor) =>
          tf.sum(tf.mul(bag(t as tf.Tensor2D, ids), upstream));
        assertClose(embeddingBagMean(table, ids).dataSync(), composedBagMean(table, ids).dataSync());
        assertClose(embeddingBagMean(table, ids).dataSync().slice(4, 8), [0, 0, 0, 0]);
        const fused = tf.grad(loss(embeddingBagMean))(table).dataSync();
        assertClose(fused, tf.grad(loss(composedBagMean))(table).dataSync());
        // id 2 appears twice among 3 tokens of row 1: its gradient is 2/3 of that row's upstream gradient.
        assertClose(fused.slice(8, 12), [2 / 3, 4 / 3, 2, 8 / 3]);
        assertClose(fused.slice(0, 4), [0, 0, 0, 0]);
      });
    });

    it('computes UnsortedSegmentSum (the gradient of tf.gather) in one pass', () => {
      const result = tf.tidy(() =>
        tf
          .unsortedSegmentSum(
            tf.tensor2d([
              [1, 2],
              [3, 4],
              [5, 6],
              [7, 8],
            ]),
            tf.tensor1d([2, 0, 2, 5], 'int32'),
            4,
          )
          .arraySync(),
      );
      // id 5 is out of range [0, 4) and is dropped, as TensorFlow does.
      assert.deepEqual(result, [
        [3, 4],
        [0, 0],
        [6, 8],
        [0, 0],
      ]);
      const gradient = tf.tidy(() =>
        tf
          .grad((t: tf.Tensor) => tf.sum(tf.gather(t, tf.tensor1d([1, 1, 0], 'int32'))))(tf.ones([3, 2]))
          .arraySync(),
      );
      assert.deepEqual(gradient, [
        [1, 1],
        [2, 2],
        [0, 0],
      ]);
    });

    it('updates with the fused Adam kernel exactly as tf.train.adam does', () => {
      assert.ok(hasKernel(ADAM_STEP));
      const start = tf.tensor2d([
        [0.5, -1],
        [2, 0.25],
      ]);
      const target = tf.tensor2d([
        [1, 2],
        [3, 4],
      ]);
      const fusedVar = tf.variable(start.clone());
      const stockVar = tf.variable(start.clone());
      const ours = new AdamTrainer(0.1);
      const stock = tf.train.adam(0.1, 0.9, 0.999, 1e-7);
      const loss = (v: tf.Variable) => () => tf.sum(tf.square(tf.sub(v, target))) as tf.Scalar;
      for (let step = 0; step < 5; step++) {
        ours.minimize(loss(fusedVar), [fusedVar]).dispose();
        stock.minimize(loss(stockVar), false, [stockVar]);
      }
      assertClose(fusedVar.dataSync(), stockVar.dataSync(), 1e-5);
      ours.dispose();
      stock.dispose();
      tf.dispose([start, target, fusedVar, stockVar]);
    });
  });
}

describe('training maths on a backend without our kernels (as native TensorFlow)', () => {
  before(async () => {
    await selectBackend('cpu', loaders); // registers our kernels for cpu, copied below and then removed
    tf.registerBackend('rml-plain', tf.findBackendFactory('cpu')!);
    tf.copyRegisteredKernels('cpu', 'rml-plain');
    for (const kernel of [ADAM_STEP, EMBEDDING_BAG_MEAN]) tf.unregisterKernel(kernel, 'rml-plain');
    assert.ok(await tf.setBackend('rml-plain'));
  });
  after(async () => {
    await tf.setBackend('cpu');
    tf.removeBackend('rml-plain');
  });

  it("composes the embedding bag and Adam from stock ops, with the fused kernels' results", async () => {
    const bag = () =>
      tf.tidy(() =>
        embeddingBagMean(
          tf.randomUniform([20, 3], -1, 1, 'float32', 3) as tf.Tensor2D,
          tf.tensor2d(
            [
              [4, 4, 7],
              [0, 0, 0],
            ],
            undefined,
            'int32',
          ),
        ).dataSync(),
      );
    await tf.setBackend('cpu');
    assert.ok(hasKernel(EMBEDDING_BAG_MEAN));
    const fused = bag();
    await tf.setBackend('rml-plain');
    assert.equal(hasKernel(EMBEDDING_BAG_MEAN), false);
    assertClose(bag(), fused);
    const target = tf.tensor1d([1, -2, 3]);
    const ourVar = tf.variable(tf.zeros([3]));
    const stockVar = tf.variable(tf.zeros([3]));
    const ours = new AdamTrainer(0.05);
    const stock = tf.train.adam(0.05, 0.9, 0.999, 1e-7);
    for (let step = 0; step < 4; step++) {
      ours.minimize(() => tf.sum(tf.square(tf.sub(ourVar, target))) as tf.Scalar, [ourVar]).dispose();
      stock.minimize(() => tf.sum(tf.square(tf.sub(stockVar, target))) as tf.Scalar, false, [stockVar]);
    }
    assertClose(ourVar.dataSync(), stockVar.dataSync(), 1e-5);
    ours.dispose();
    stock.dispose();
    tf.dispose([target, ourVar, stockVar]);
  });
});
