import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { ATTACK_FAMILIES } from '../../fixtures/prompts/corpus/build/attacks';
import { BENIGN_FAMILIES } from '../../fixtures/prompts/corpus/build/benign';
import { LOOKALIKE_FAMILIES, LOOKALIKE_SPLITS } from '../../fixtures/prompts/corpus/build/benignLookalikes';
import { requestedExperiments } from '../../fixtures/prompts/corpus/build/external';
import {
  CORPUS_EXPERIMENTS,
  familiesLeftOut,
  FAMILY_KINDS,
  GENERATED_DIR,
  generateCorpus,
  splitOf,
} from '../../fixtures/prompts/corpus/build/generate';
import { proseParagraphs } from '../../fixtures/prompts/corpus/build/readmes';

const ROOT = path.resolve(__dirname, '../../..');

function readSplit(split: string): Array<{ text: string; family: string; label: string }> {
  return readFileSync(path.join(GENERATED_DIR, `${split}.jsonl`), 'utf8')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line));
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? filesUnder(path.join(dir, entry.name)) : [path.join(dir, entry.name)],
  );
}

describe('generated prompt corpus', () => {
  it('is what the generator makes today (regenerate with npm run corpus:prompts)', () => {
    const corpus = generateCorpus();
    for (const split of ['train', 'dev', 'holdout'] as const) {
      assert.deepEqual(
        readSplit(split),
        corpus[split].map((example) => JSON.parse(JSON.stringify(example))),
        `${split}.jsonl is stale`,
      );
    }
  });

  it('puts each template family in exactly one split, so no paraphrase straddles two', () => {
    const seen = new Map<string, string>();
    for (const split of ['train', 'dev', 'holdout']) {
      for (const example of readSplit(split)) {
        const other = seen.get(example.family);
        assert.ok(other === undefined || other === split, `${example.family} in ${other} and ${split}`);
        seen.set(example.family, split);
      }
    }
    const texts = ['train', 'dev', 'holdout'].map((split) => new Set(readSplit(split).map((example) => example.text)));
    for (const text of texts[2]!)
      assert.ok(!texts[0]!.has(text) && !texts[1]!.has(text), `holdout text also elsewhere: ${text}`);
  });

  it('holds out a family of every kind that has two or more', () => {
    // The look-alikes are placed in dev and train by hand (holdout2 is their held-out measure), outside the draw.
    const families = [...ATTACK_FAMILIES, ...BENIGN_FAMILIES];
    const splits = splitOf(families);
    const byKind = new Map<string, string[]>();
    for (const family of families) {
      const key = `${family.label}:${FAMILY_KINDS[family.id]}`;
      byKind.set(key, [...(byKind.get(key) ?? []), splits.get(family.id)!]);
    }
    for (const [kind, assigned] of byKind) {
      if (assigned.length >= 2)
        assert.ok(assigned.includes('holdout') && assigned.includes('train'), `${kind}: ${assigned.join(', ')}`);
    }
  });

  it('keeps the families of corpus experiments out of default training, and in when named', () => {
    const persona = CORPUS_EXPERIMENTS['persona-v1']!;
    const lookalikes = CORPUS_EXPERIMENTS['lookalike-v1']!;
    const benignIds = new Set([...BENIGN_FAMILIES, ...LOOKALIKE_FAMILIES].map((family) => family.id));
    for (const id of [...persona, ...lookalikes]) assert.ok(benignIds.has(id), `${id} is not a benign family`);
    const short = CORPUS_EXPERIMENTS['short-v1']!;
    assert.deepEqual([...familiesLeftOut('')].sort(), [...persona, ...lookalikes, ...short].sort());
    assert.deepEqual([...familiesLeftOut(undefined)].sort(), [...persona, ...lookalikes, ...short].sort());
    assert.deepEqual([...familiesLeftOut('persona-v1')].sort(), [...lookalikes, ...short].sort());
    assert.deepEqual([...familiesLeftOut('antijection-v1, persona-v1, lookalike-v1, short-v1')], []);
    // A corpus experiment's name is not an experiment file of external/.
    assert.deepEqual(requestedExperiments('persona-v1'), []);
    assert.equal(requestedExperiments('antijection-v1,persona-v1').length, 1);
    // The new families were added after the existing ones of their kind: they sit in train and dev, and one in holdout.
    const splits = splitOf([...ATTACK_FAMILIES, ...BENIGN_FAMILIES]);
    assert.deepEqual(
      persona.map((id) => splits.get(id)),
      ['dev', 'train', 'holdout', 'train', 'dev', 'train'],
    );
  });

  it('puts the look-alikes in dev and train only, never in a held-out split', () => {
    const splits = splitOf([...ATTACK_FAMILIES, ...BENIGN_FAMILIES, ...LOOKALIKE_FAMILIES]);
    for (const family of LOOKALIKE_FAMILIES) {
      assert.equal(family.label, 'benign');
      assert.equal(splits.get(family.id), LOOKALIKE_SPLITS[family.id]);
      assert.ok(['dev', 'train'].includes(splits.get(family.id)!), family.id);
    }
  });

  it('keeps README prose to plain paragraphs: no code, tables, headings or links', () => {
    const markdown =
      '# Title\n\nInstall it with npm and then run the tool on your folder of files.\n\n```js\nconst a = 1;\n```\n\n| a | b |\n\nSee [the docs](https://example.com) for all the options you can pass in.';
    assert.deepEqual(proseParagraphs(markdown), [
      'Install it with npm and then run the tool on your folder of files.',
      'See the docs for all the options you can pass in.',
    ]);
  });

  // Every external yardstick (yardstick/, yardstick2/, yardstick3/): the pattern must name every way a file could reach them.
  const YARDSTICK_READER = /prompts\/yardstick|bench\/yardstick|YARDSTICK|['"]yardstick\d?['"]/;

  it('recognises a reader of any yardstick', () => {
    for (const text of [
      "readFileSync('test/fixtures/prompts/yardstick2/zachz.jsonl')",
      "path.join(FIXTURES, 'yardstick2')",
      "path.join(FIXTURES, 'yardstick3')",
      "path.join(FIXTURES, 'yardstick')",
      "import { YARDSTICK2_DIR } from '../../bench/yardstick'",
    ])
      assert.ok(YARDSTICK_READER.test(text), text);
  });

  it('is never built from the external yardsticks', () => {
    const readers = [
      ...filesUnder(path.join(ROOT, 'src')),
      ...filesUnder(path.join(ROOT, 'test/fixtures/prompts/corpus/build')),
      ...filesUnder(path.join(ROOT, 'test/unit')),
    ];
    const offenders = readers.filter(
      (file) => /\.ts$/.test(file) && file !== __filename && YARDSTICK_READER.test(readFileSync(file, 'utf8')),
    );
    assert.deepEqual(
      offenders.map((file) => path.relative(ROOT, file)),
      [],
    );
  });
});
