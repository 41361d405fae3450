import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { generateHand4, HAND4_FILE } from '../../fixtures/prompts/corpus/build/hand4/generate';

describe('hand4 training corpus', () => {
  it('is what its generator makes today (regenerate with build/hand4/generate.ts)', () => {
    const committed = readFileSync(HAND4_FILE, 'utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    assert.deepEqual(committed, JSON.parse(JSON.stringify(generateHand4())));
  });

  it('has families of 60–160 rows, each with a t4- id', () => {
    const counts = new Map<string, number>();
    for (const row of generateHand4()) counts.set(row.family, (counts.get(row.family) ?? 0) + 1);
    for (const [id, count] of counts) {
      assert.ok(id.startsWith('t4-'), id);
      assert.ok(count >= 60 && count <= 160, `${id}: ${count}`);
    }
  });

  it('uses only the corpus labels', () => {
    for (const row of generateHand4()) assert.ok(['benign', 'injection', 'jailbreak', 'leak'].includes(row.label));
  });
});
