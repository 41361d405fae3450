import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { generateHand3, HAND3_FILE } from '../../fixtures/prompts/corpus/build/hand3/generate';

describe('hand3 training corpus', () => {
  it('is what its generator makes today (regenerate with build/hand3/generate.ts)', () => {
    const committed = readFileSync(HAND3_FILE, 'utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    assert.deepEqual(committed, JSON.parse(JSON.stringify(generateHand3())));
  });

  it('has 60–160 rows in every family, each with a t3- id', () => {
    const counts = new Map<string, number>();
    for (const row of generateHand3()) counts.set(row.family, (counts.get(row.family) ?? 0) + 1);
    for (const [id, count] of counts) {
      assert.ok(id.startsWith('t3-'), id);
      assert.ok(count >= 60 && count <= 160, `${id}: ${count}`);
    }
  });

  it('uses only the four corpus labels', () => {
    const labels = new Set(generateHand3().map((row) => row.label));
    for (const label of labels) assert.ok(['benign', 'injection', 'jailbreak', 'leak'].includes(label), label);
  });
});
