import { strict as assert } from 'node:assert';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { EmbeddingBagAttributionModel } from '../../../src/engine/attribution/adapters/embeddingBag';
import { loadAttributionModel } from '../../../src/engine/attribution/load';
import {
  CounterfactualGenerator,
  counterfactualGap,
  counterfactualGapFinding,
  withCase,
} from '../../../src/engine/counterfactual';
import { parseText } from '../../../src/engine/parse';
import { runTrainingJob } from '../../../src/engine/training/job';
import { handTextModel, σ } from '../attribution/handModels';

const FIXTURES = path.join(__dirname, '../../fixtures/counterfactual');
const generator = new CounterfactualGenerator();
const swapped = (text: string) => generator.counterfactuals(text).map((swap) => swap.text);

describe('counterfactual identity swaps', () => {
  it('writes one counterfactual per occurrence, the other occurrences untouched', () => {
    assert.deepEqual(swapped('He thinks he is right.'), ['She thinks he is right.', 'He thinks she is right.']);
    assert.deepEqual(swapped('Nothing to swap here.'), []);
  });

  it('keeps case: lower, Capitalised, ALL CAPS, and every word of a multi-word term', () => {
    assert.deepEqual(swapped('the WOMEN of Mary'), ['the MEN of Mary', 'the WOMEN of John']);
    assert.deepEqual(swapped('African American voters'), ['European American voters']);
    assert.deepEqual(swapped('an African-American voter'), ['an European-American voter']);
    assert.equal(withCase('Muslim', 'christian'), 'Christian');
    assert.equal(withCase('HIS', 'her'), 'HER');
  });

  it('swaps singular for singular and plural for plural, including irregular plurals', () => {
    assert.deepEqual(swapped('two wives'), ['two husbands']);
    assert.deepEqual(swapped('a wife'), ['a husband']);
    assert.deepEqual(swapped('Christians and Jews'), ['Muslims and Jews', 'Christians and Christians']);
  });

  it('tells possessive her/his from the object/standalone pronoun by the next word', () => {
    assert.deepEqual(swapped('her book'), ['his book']);
    assert.deepEqual(swapped('I saw her.'), ['I saw him.']);
    assert.deepEqual(swapped('I saw her yesterday'), ['I saw him yesterday']);
    assert.deepEqual(swapped('the book is his'), ['the book is hers']);
    assert.deepEqual(swapped("Emily's car"), ["Daniel's car"]);
  });

  it('covers the audit lexicon: religion, nationality, race and orientation terms without a pair swap to the default', () => {
    assert.deepEqual(swapped('a Hindu temple'), ['a Christian temple']);
    assert.deepEqual(swapped('Nigerian food'), ['American food']);
    assert.deepEqual(swapped('the gay couple'), ['the straight couple']);
    const categories = generator
      .counterfactuals('she met a Sikh from Iran, a lesbian and an Asian man')
      .map((swap) => swap.category);
    assert.deepEqual(categories, ['pronoun', 'religion', 'sexual_orientation', 'race_ethnicity', 'gender']);
  });
});

describe('counterfactual token fairness gap', () => {
  it('by hand: P = σ(mean word value), she = −3, good = 1', () => {
    const model = new EmbeddingBagAttributionModel(handTextModel({ she: -3, good: 1, bad: -1 }));
    const predict = (texts: readonly string[]) => model.predict(texts.map((text) => ({ text })));
    const report = counterfactualGap(
      [
        { text: 'she is good', line: 2 },
        { text: 'it is bad', line: 3 },
        { text: 'she she', line: 4 },
      ],
      predict,
      {
        classes: ['0', '1'],
        positiveClass: '1',
      },
    );
    // 'she is good' → 'he is good': mean −2/3 → 1/3. 'she she' has two counterfactuals, each mean −3 → −1.5.
    const first = σ(1 / 3) - σ(-2 / 3);
    const second = σ(-1.5) - σ(-3);
    assert.equal(report.examples, 2);
    assert.equal(report.texts, 3);
    assert.deepEqual(
      report.pairs.map((pair) => [pair.line, pair.counterfactual]),
      [
        [2, 'he is good'],
        [4, 'he she'],
        [4, 'she he'],
      ],
    );
    [first, second, second].forEach((delta, i) => assert.ok(Math.abs(report.pairs[i]!.delta - delta) < 1e-6));
    assert.ok(Math.abs(report.gap - (first + second) / 2) < 1e-6, 'mean over examples of their mean |Δ|');
    assert.deepEqual(Object.keys(report.byCategory), ['pronoun']);
    model.dispose();
  });

  describe('a trained model with a planted gender bias, and one without', function () {
    this.timeout(120_000);
    let root: string;
    before(() => (root = mkdtempSync(path.join(os.tmpdir(), 'rml-ctf-'))));
    after(() => rmSync(root, { recursive: true, force: true }));

    async function gapOf(file: string) {
      const result = await runTrainingJob({
        dataset: file,
        label: 'label',
        text: 'text',
        epochs: 12,
        backend: 'wasm',
        runsRoot: root,
        seed: 5,
      });
      const model = await loadAttributionModel(path.join(result.runDir, 'model'));
      const { records } = parseText(readFileSync(file, 'utf8'), 'csv');
      const rows = records.map((record) => ({ text: record.cells[0]!.value, line: record.range.start.line + 1 }));
      const report = counterfactualGap(rows, (texts) => model.predict(texts.map((text) => ({ text }))), {
        classes: model.classes,
        positiveClass: 'pos',
      });
      model.dispose();
      return report;
    }

    it('finds a gap above the threshold where the bias was planted, and a small one where it was not', async () => {
      const biased = await gapOf(path.join(FIXTURES, 'biased.csv'));
      const fair = await gapOf(path.join(FIXTURES, 'fair.csv'));
      assert.equal(biased.examples, 800, 'every row names its writer');
      assert.ok(biased.gap > 0.05, `biased gap ${biased.gap}`);
      assert.ok(biased.gap > 3 * fair.gap, `biased ${biased.gap} vs fair ${fair.gap}`);
      const femaleToMale = biased.pairs.filter((pair) => pair.swapped.from === 'She');
      assert.ok(
        femaleToMale.every((pair) => pair.delta > 0),
        'she → he raises P(pos) in the biased model',
      );
      const place = {
        file: 'biased.csv',
        relativeFile: 'biased.csv',
        range: { start: { line: 0, character: 0 }, end: { line: 0, character: 4 } },
        column: 'text',
      };
      const finding = counterfactualGapFinding(biased, place);
      assert.equal(finding?.code, 'bias/counterfactual-gap');
      assert.match(finding!.message, /counterfactual token fairness gap > 0\.05/);
      assert.equal(counterfactualGapFinding(fair, { ...place, file: 'fair.csv' }), undefined);
    });
  });
});
