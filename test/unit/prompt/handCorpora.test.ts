import { strict as assert } from 'node:assert';
import type { CorpusExample } from '../../fixtures/prompts/corpus/build/family';
import { generateHand3, HAND3_FILE } from '../../fixtures/prompts/corpus/build/hand3/generate';
import { generateHand4, HAND4_FILE } from '../../fixtures/prompts/corpus/build/hand4/generate';
import { committedRows } from './corpusRows';

// The training corpora written by two more hands on 2026-12-05 (corpus README, "hand3 and hand4").
const CORPORA: ReadonlyArray<{ name: string; file: string; prefix: string; generate: () => CorpusExample[] }> = [
  { name: 'hand3', file: HAND3_FILE, prefix: 't3-', generate: generateHand3 },
  { name: 'hand4', file: HAND4_FILE, prefix: 't4-', generate: generateHand4 },
];

for (const corpus of CORPORA) {
  describe(`${corpus.name} training corpus`, () => {
    it(`is what its generator makes today (regenerate with build/${corpus.name}/generate.ts)`, () => {
      assert.deepEqual(committedRows(corpus.file), JSON.parse(JSON.stringify(corpus.generate())));
    });

    it(`has 60–160 rows in every family, each with a ${corpus.prefix} id, and only the four corpus labels`, () => {
      const counts = new Map<string, number>();
      for (const row of corpus.generate()) {
        counts.set(row.family, (counts.get(row.family) ?? 0) + 1);
        assert.ok(['benign', 'injection', 'jailbreak', 'leak'].includes(row.label), row.label);
      }
      for (const [id, count] of counts) {
        assert.ok(id.startsWith(corpus.prefix), id);
        assert.ok(count >= 60 && count <= 160, `${id}: ${count}`);
      }
    });
  });
}
