import { strict as assert } from 'node:assert';
import path from 'node:path';
import { committedRows, externalTexts, sharedTexts, texts } from './corpusRows';
import { GENERATED_DIR } from '../../fixtures/prompts/corpus/build/generate';
import { generateHoldout2, HOLDOUT2_FILE } from '../../fixtures/prompts/corpus/build/holdout2/generate';

describe('second held-out split (holdout2)', () => {
  it('is what its generator makes today (regenerate with build/holdout2/generate.ts)', () => {
    assert.deepEqual(committedRows(HOLDOUT2_FILE), JSON.parse(JSON.stringify(generateHoldout2())));
  });

  it('has ≥ 400 attacks and ≥ 800 benign rows', () => {
    const rows = generateHoldout2();
    assert.ok(rows.filter((row) => row.label !== 'benign').length >= 400);
    assert.ok(rows.filter((row) => row.label === 'benign').length >= 800);
  });

  it('shares no text with the training, dev, first holdout or external rows', () => {
    const others = [
      ...['train', 'dev', 'holdout'].flatMap((split) => texts(path.join(GENERATED_DIR, `${split}.jsonl`))),
      ...externalTexts(),
    ];
    assert.deepEqual(sharedTexts(texts(HOLDOUT2_FILE), others), []);
  });
  // It was evaluation only until 2026-12-05; since then it tunes the rules and may train the scorer (corpus
  // README, "holdout2 retired"), and holdout3 (holdout3.test.ts) is the split nothing reads.
});
