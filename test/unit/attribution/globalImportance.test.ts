import { strict as assert } from 'node:assert';
import { EmbeddingBagAttributionModel } from '../../../src/engine/attribution/adapters/embeddingBag';
import { TabularAttributionModel } from '../../../src/engine/attribution/adapters/tabular';
import { explain, globalImportance } from '../../../src/engine/attribution';
import { handTabularModel, handTextModel } from './handModels';

describe('global importance', () => {
  it('ranks columns by mean |attribution| for the predicted class, overall and per group', async () => {
    const model = new TabularAttributionModel(handTabularModel());
    const records = [
      { age: '60', city: 'Lima' },
      { age: '20', city: 'Oslo' },
      { age: '45', city: 'Rome' },
    ].map((record) => ({ record }));
    const single = records.map((input) => explain(model, input).units.map((unit) => unit.score));
    const result = await globalImportance(model, records, { groups: { sex: ['F', 'M', 'F'] } });
    assert.equal(result.examples, 3);
    const expected = (rows: number[], column: number) =>
      rows.reduce((sum, row) => sum + Math.abs(single[row]![column]!), 0) / rows.length;
    const overall = Object.fromEntries(result.overall.entries.map((entry) => [entry.feature, entry.meanAbs]));
    assert.ok(
      Math.abs(overall.age! - expected([0, 1, 2], 0)) < 1e-12 &&
        Math.abs(overall.city! - expected([0, 1, 2], 1)) < 1e-12,
    );
    assert.deepEqual(Object.keys(result.byGroup.sex!), ['F', 'M']);
    const female = Object.fromEntries(result.byGroup.sex!.F!.entries.map((entry) => [entry.feature, entry.meanAbs]));
    assert.ok(Math.abs(female.age! - expected([0, 2], 0)) < 1e-12);
    assert.ok(result.overall.entries[0]!.meanAbs >= result.overall.entries[1]!.meanAbs, 'most important first');
  });

  it('text: sums a word over its occurrences, counts absent words as 0, and samples when asked to', async () => {
    const model = new EmbeddingBagAttributionModel(handTextModel({ good: 2, bad: -1 }));
    const texts = ['good good film', 'bad film', 'Good day'].map((text) => ({ text }));
    const result = await globalImportance(model, texts, { method: 'ablation' });
    const good = result.overall.entries.find((entry) => entry.feature === 'good')!;
    assert.equal(good.examples, 2);
    const perText = texts.map((input) => explain(model, input, { method: 'ablation' }).units);
    const goodTotal = Math.abs(perText[0]![0]!.score + perText[0]![1]!.score) + Math.abs(perText[2]![0]!.score);
    assert.ok(Math.abs(good.meanAbs - goodTotal / 3) < 1e-12);
    const sampled = await globalImportance(model, texts, { maxExamples: 2, seed: 1 });
    assert.equal(sampled.examples, 2);
    assert.equal(sampled.total, 3);
    model.dispose();
  });
});
