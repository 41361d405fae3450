import { strict as assert } from 'node:assert';
import { perturb, PERTURBATIONS, matchCase } from '../../../src/engine/robustness/perturbations';
import { runPerturbationSuite } from '../../../src/engine/robustness/suite';
import { seededRandom } from '../../../src/engine/training/data/split';

const random = () => seededRandom(1, 'test');

describe('perturbation suite', () => {
  it('finds a planted fragility: a case-sensitive keyword model breaks under casing and invisible characters', async () => {
    // The "model": positive (1) iff the text contains the lower-case word "good" — case-sensitive and split by a
    // zero-width character, but indifferent to whitespace. The suite must show exactly that.
    const texts = [
      'this is good',
      'this is bad',
      'so good really',
      'not nice at all',
      'good food',
      'bad service',
      'good people',
      'bad people',
    ];
    const labels = [1, 0, 1, 0, 1, 0, 1, 0];
    const groups = ['A', 'A', 'A', 'A', 'B', 'B', 'B', 'B'];
    const predict = (batch: readonly string[]) =>
      batch.map((text) => (/(^|[^\p{L}])good([^\p{L}]|$)/u.test(text) ? 1 : 0));
    const result = await runPerturbationSuite({ texts, labels, groups, predict, seed: 3 });
    assert.equal(result.clean.accuracy, 1);
    const by = Object.fromEntries(result.perturbations.map((p) => [p.name, p]));
    assert.deepEqual(Object.keys(by), [...PERTURBATIONS]);
    assert.ok(by.casing!.drop > 0.2, `casing drop ${by.casing!.drop}`);
    assert.ok(by.invisible!.drop > 0, `invisible drop ${by.invisible!.drop}`);
    assert.equal(by.whitespace!.drop, 0);
    assert.equal(by.whitespace!.flipRate, 0);
    assert.equal(by.whitespace!.changedRate, 1);
    // Per group figures add up: the overall drop is the count-weighted mean of the groups' drops.
    const casing = by.casing!;
    const weighted = Object.values(casing.byGroup).reduce((sum, g) => sum + g.count * g.drop!, 0) / texts.length;
    assert.ok(Math.abs(weighted - casing.drop) < 1e-12);
    assert.ok(casing.worstGroup === 'A' || casing.worstGroup === 'B');
  });

  it('finds a model keyed on an identity term, in the group that mentions it', async () => {
    const texts = ['muslim neighbours are kind', 'the weather is fine', 'women in tech', 'a quiet street'];
    const labels = [1, 0, 0, 0]; // the "model" calls anything mentioning 'muslim' class 1
    const groups = ['mentions', 'none', 'mentions', 'none'];
    const predict = (batch: readonly string[]) => batch.map((text) => (/muslim/i.test(text) ? 1 : 0));
    const result = await runPerturbationSuite({ texts, labels, groups, predict, perturbations: ['identity'] });
    const identity = result.perturbations[0]!;
    assert.equal(identity.byGroup.mentions!.drop, 0.5);
    assert.equal(identity.byGroup.none!.drop, 0);
    assert.equal(identity.worstGroup, 'mentions');
  });

  it('perturbs as described, seeded', () => {
    assert.equal(perturb('typos', 'a b', random()), 'a b'); // nothing of 4+ letters
    assert.equal(perturb('whitespace', 'a b', random()).trim().replace(/\s+/g, ' '), 'a b');
    assert.match(
      perturb('invisible', 'wonderful wonderful wonderful wonderful', random()),
      /[\u200b\u200c\u200d\u2060]/,
    );
    assert.equal(
      perturb('synonyms', 'A great Movie', () => 0),
      'A excellent Film',
    );
    assert.equal(perturb('identity', 'Women and men', () => 0).split(' ').length >= 3, true);
    assert.notEqual(
      perturb('identity', 'Women and men', () => 0),
      'Women and men',
    );
    assert.equal(
      perturb('typos', 'wonderful day', seededRandom(5, 'x')),
      perturb('typos', 'wonderful day', seededRandom(5, 'x')),
    );
    assert.equal(matchCase('GOOD', 'fine'), 'FINE');
    assert.equal(matchCase('Good', 'fine'), 'Fine');
  });
});
