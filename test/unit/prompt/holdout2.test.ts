import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { EXPERIMENTS_DIR, externalExamples } from '../../fixtures/prompts/corpus/build/external';
import { GENERATED_DIR } from '../../fixtures/prompts/corpus/build/generate';
import { generateHoldout2, HOLDOUT2_FILE } from '../../fixtures/prompts/corpus/build/holdout2/generate';

function texts(file: string): string[] {
  return readFileSync(file, 'utf8')
    .trim()
    .split('\n')
    .map((line) => (JSON.parse(line) as { text: string }).text);
}

describe('second held-out split (holdout2)', () => {
  it('is what its generator makes today (regenerate with build/holdout2/generate.ts)', () => {
    const committed = readFileSync(HOLDOUT2_FILE, 'utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    assert.deepEqual(committed, JSON.parse(JSON.stringify(generateHoldout2())));
  });

  it('has ≥ 400 attacks and ≥ 800 benign rows', () => {
    const rows = generateHoldout2();
    assert.ok(rows.filter((row) => row.label !== 'benign').length >= 400);
    assert.ok(rows.filter((row) => row.label === 'benign').length >= 800);
  });

  it('shares no text with the training, dev, first holdout or external rows', () => {
    const fold = (text: string) => text.trim().toLowerCase();
    const external = [EXPERIMENTS_DIR].flatMap((dir) =>
      Object.values(
        externalExamples(
          undefined,
          readdirSync(dir)
            .filter((name) => name.endsWith('.jsonl'))
            .map((name) => path.join(dir, name)),
        ),
      ),
    );
    const others = new Set(
      [
        ...['train', 'dev', 'holdout'].flatMap((split) => texts(path.join(GENERATED_DIR, `${split}.jsonl`))),
        ...external.flat().map((row) => row.text),
      ].map(fold),
    );
    const shared = texts(HOLDOUT2_FILE).filter((text) => others.has(fold(text)));
    assert.deepEqual(shared, []);
  });
  // It was evaluation only until 2026-12-05; since then it tunes the rules and may train the scorer (corpus
  // README, "holdout2 retired"), and holdout3 (holdout3.test.ts) is the split nothing reads.
});
