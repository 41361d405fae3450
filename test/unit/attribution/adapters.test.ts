import * as tf from '@tensorflow/tfjs';
import { strict as assert } from 'node:assert';
import { EmbeddingBagAttributionModel } from '../../../src/engine/attribution/adapters/embeddingBag';
import { TabularAttributionModel } from '../../../src/engine/attribution/adapters/tabular';
import { explain, type AttributionMethod } from '../../../src/engine/attribution/explain';
import { createDefaultLoaders, packagedWasmDir } from '../../../src/engine/compute/loaders';
import { selectBackend } from '../../../src/engine/compute/selectBackend';
import { predictRecords } from '../../../src/engine/training/modelStore';
import { handTabularModel, handTextModel, randomTextModel, σ } from './handModels';

const close = (actual: number, expected: number, tolerance = 1e-5, what = '') =>
  assert.ok(Math.abs(actual - expected) <= tolerance, `${what} ${actual} vs ${expected}`);

for (const backend of ['wasm', 'cpu'] as const) {
  describe(`attribution adapters on ${backend}`, () => {
    before(async () => {
      assert.equal((await selectBackend(backend, createDefaultLoaders({ wasmDir: packagedWasmDir() }))).name, backend);
    });

    describe('embedding bag (values good = 2, bad = −1, film = 0.5: P = σ(mean))', () => {
      const values = { good: 2, bad: -1, film: 0.5 };
      const text = { text: 'Good bad FILM!' };
      let model: EmbeddingBagAttributionModel;
      before(() => (model = new EmbeddingBagAttributionModel(handTextModel(values))));
      after(() => model.dispose());

      it('predicts as the saved model does, and F at the embeddings is that prediction', () => {
        const [probabilities] = model.predict([text]);
        close(probabilities![1]!, σ(0.5));
        const result = explain(model, text);
        assert.equal(result.prediction, '1');
        close(result.output, σ(0.5));
        close(result.baselineOutput, σ(0), 1e-6, 'baseline: the empty text');
      });

      it('integrated gradients by hand: word i gets (v_i / n)·(σ(m) − σ(0)) / m, on the words as written', () => {
        const result = explain(model, text, { method: 'ig' });
        assert.deepEqual(
          result.units.map(({ text: word, start, end }) => [word, start, end]),
          [
            ['Good', 0, 4],
            ['bad', 5, 8],
            ['FILM', 9, 13],
          ],
        );
        const gain = (σ(0.5) - σ(0)) / 0.5;
        result.units.forEach((unit, i) => close(unit.score, ([2, -1, 0.5][i]! / 3) * gain, 1e-5, unit.text));
        assert.ok(Math.abs(result.delta!) < 1e-5, `delta ${result.delta}`);
        const negated = explain(model, text, { method: 'ig', target: '0' });
        negated.units.forEach((unit, i) => close(unit.score, -result.units[i]!.score, 1e-6));
      });

      it('occlusion with the pad baseline drops the word from the mean; with zero it averages a 0 in', () => {
        const pad = explain(model, text, { method: 'ablation', baseline: 'pad' });
        [(-1 + 0.5) / 2, (2 + 0.5) / 2, (2 - 1) / 2].forEach((mean, i) =>
          close(pad.units[i]!.score, σ(0.5) - σ(mean), 1e-6),
        );
        const zero = explain(model, text, { method: 'ablation', baseline: 'zero' });
        [(-1 + 0.5) / 3, (2 + 0.5) / 3, (2 - 1) / 3].forEach((mean, i) =>
          close(zero.units[i]!.score, σ(0.5) - σ(mean), 1e-6),
        );
        const window = explain(model, text, { method: 'occlusion', window: 2 });
        // Windows {good, bad} → mean 0.5 / 1, {bad, film} → mean 2.
        const [w1, w2] = [σ(0.5) - σ(0.5), σ(0.5) - σ(2)];
        [w1, (w1 + w2) / 2, w2].forEach((score, i) => close(window.units[i]!.score, score, 1e-6));
      });

      it('gradient × input, saliency and KernelSHAP agree with their definitions', () => {
        const slope = σ(0.5) * (1 - σ(0.5));
        const gxi = explain(model, text, { method: 'gradxinput' });
        [2, -1, 0.5].forEach((v, i) => close(gxi.units[i]!.score, (v * slope) / 3, 1e-6));
        const sal = explain(model, text, { method: 'saliency' });
        [2, -1, 0.5].forEach((_, i) => close(sal.units[i]!.score, slope / 3, 1e-6));
        const shap = explain(model, text, { method: 'kernelshap', samples: 300, seed: 5 });
        const total = shap.units.reduce((sum, unit) => sum + unit.score, 0);
        close(total, shap.output - shap.baselineOutput, 1e-3, 'KernelSHAP efficiency');
        assert.ok(shap.units[0]!.score > 0 && shap.units[1]!.score < 0, 'good pushes up, bad down');
      });

      it('a text without words has nothing to attribute, and is its own baseline', () => {
        const result = explain(model, { text: '  ?!  ' });
        assert.deepEqual(result.units, []);
        assert.equal(result.delta, 0);
        close(result.output, σ(0));
      });
    });

    it('bigrams and character n-grams: scores on words keep the total (completeness within the delta)', () => {
      const trained = randomTextModel(3);
      const model = new EmbeddingBagAttributionModel(trained);
      const before = tf.memory().numTensors;
      const text = { text: 'The café didn’t open — quelle surprise, said Zoë.' };
      const [probabilities] = model.predict([text]);
      assert.deepEqual(probabilities, predictRecords(trained, [{ text: text.text }])[0]);
      for (const target of ['c0', 'c1', 'c2']) {
        const result = explain(model, text, { target });
        const total = result.units.reduce((sum, unit) => sum + unit.score, 0);
        close(total - (result.output - result.baselineOutput), result.delta!, 1e-6, 'Σ scores − ΔF is the delta');
        assert.ok(Math.abs(result.delta!) < 1e-4, `delta ${result.delta}`);
        close(
          result.output,
          probabilities![trained.preprocessing.classes.indexOf(target)]!,
          1e-5,
          'F is the prediction',
        );
      }
      assert.deepEqual(
        explain(model, text).units.map((unit) => unit.text),
        ['The', 'café', 'didn’t', 'open', 'quelle', 'surprise', 'said', 'Zoë'],
      );
      assert.equal(tf.memory().numTensors, before, 'no tensor left behind');
      model.dispose();
      trained.model.dispose();
    });

    describe('tabular logistic regression (logit = 2·z_age − [Oslo] + 3·[Lima] + 0.5)', () => {
      const record = { record: { age: '60', city: 'Lima' } }; // z_age = 2: logit 7.5
      let model: TabularAttributionModel;
      before(() => (model = new TabularAttributionModel(handTabularModel())));

      it('ablation per original column, by hand', () => {
        const result = explain(model, record, { method: 'ablation' });
        assert.deepEqual(
          result.units.map((unit) => [unit.column, unit.text]),
          [
            ['age', '60'],
            ['city', 'Lima'],
          ],
        );
        close(result.units[0]!.score, σ(7.5) - σ(3.5), 1e-6);
        close(result.units[1]!.score, σ(7.5) - σ(4.5), 1e-6);
        close(result.baselineOutput, σ(0.5), 1e-6, 'zero baseline: mean age, no city');
      });

      it('integrated gradients by hand: w_i x_i (σ(7.5) − σ(0.5)) / 7, the one-hot group summed', () => {
        const gain = (σ(7.5) - σ(0.5)) / 7;
        for (const method of ['ig', 'kernelshap', 'gradxinput', 'saliency', 'occlusion'] as AttributionMethod[]) {
          const result = explain(model, record, { method, samples: 50 });
          if (method === 'ig')
            [4 * gain, 3 * gain].forEach((score, i) => close(result.units[i]!.score, score, 1e-5, `ig ${i}`));
          if (method === 'occlusion') close(result.units[0]!.score, σ(7.5) - σ(3.5), 1e-6);
          assert.equal(result.units.length, 2, method);
        }
        assert.throws(() => explain(model, record, { baseline: 'pad' }), /baseline 'pad' does not apply/);
        assert.throws(() => explain(model, record, { target: 'maybe' }), /not one of the model's classes \(no, yes\)/);
      });
    });

    it('the MLP: completeness within the delta', () => {
      const model = new TabularAttributionModel(handTabularModel('mlp'));
      const result = explain(model, { record: { age: '31', city: 'Rome' } }, { steps: 64 });
      const total = result.units.reduce((sum, unit) => sum + unit.score, 0);
      close(total - (result.output - result.baselineOutput), result.delta!, 1e-6);
      assert.ok(Math.abs(result.delta!) < 1e-3, `delta ${result.delta}`);
    });
  });
}
