import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { committedRows, externalTexts, sharedTexts, texts } from './corpusRows';
import { GENERATED_DIR } from '../../fixtures/prompts/corpus/build/generate';
import { HOLDOUT2_FILE } from '../../fixtures/prompts/corpus/build/holdout2/generate';
import { generateHoldout3, HOLDOUT3_FILE } from '../../fixtures/prompts/corpus/build/holdout3/generate';

const ROOT = path.resolve(__dirname, '../../..');

describe('third held-out split (holdout3)', () => {
  it('is what its generator makes today (regenerate with build/holdout3/generate.ts)', () => {
    assert.deepEqual(committedRows(HOLDOUT3_FILE), JSON.parse(JSON.stringify(generateHoldout3())));
  });

  it('has ≥ 450 attacks and ≥ 850 benign rows, every family 50–150 rows with an h3- id', () => {
    const rows = generateHoldout3();
    assert.ok(rows.filter((row) => row.label !== 'benign').length >= 450);
    assert.ok(rows.filter((row) => row.label === 'benign').length >= 850);
    for (const id of new Set(rows.map((row) => row.family))) {
      const size = rows.filter((row) => row.family === id).length;
      assert.ok(id.startsWith('h3-') && size >= 50 && size <= 150, `${id}: ${size} rows`);
    }
  });

  it('shares no text with the training (hand3 and hand4 too), dev, first or second holdout or external rows', () => {
    const others = [
      ...['train', 'dev', 'holdout'].flatMap((split) => texts(path.join(GENERATED_DIR, `${split}.jsonl`))),
      ...texts(HOLDOUT2_FILE),
      ...['hand3', 'hand4'].flatMap((split) => texts(path.join(GENERATED_DIR, `${split}.jsonl`))),
      ...['dev', 'holdout'].flatMap((name) => texts(path.join(ROOT, `test/fixtures/prompts/corpus/${name}.jsonl`))),
      ...externalTexts(),
    ];
    assert.deepEqual(sharedTexts(texts(HOLDOUT3_FILE), others), []);
  });

  it('is read by no training, threshold or inference code (evaluation only)', () => {
    const readers = [
      path.join(ROOT, 'test/fixtures/prompts/corpus/build/train.ts'),
      path.join(ROOT, 'test/fixtures/prompts/corpus/build/generate.ts'),
    ];
    const src = (dir: string): string[] =>
      readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
        entry.isDirectory() ? src(path.join(dir, entry.name)) : [path.join(dir, entry.name)],
      );
    const offenders = [...readers, ...src(path.join(ROOT, 'src'))].filter((file) =>
      /holdout3/i.test(readFileSync(file, 'utf8')),
    );
    assert.deepEqual(offenders, []);
  });
});
