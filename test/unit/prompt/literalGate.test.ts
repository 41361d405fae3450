import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { LiteralGate } from '../../../src/engine/prompt/literalGate';
import { requiredLiterals } from '../../../src/engine/prompt/requiredLiterals';
import { PHRASE_RULES } from '../../../src/engine/prompt/detect';
import { deobfuscatedView, vocabularyOf } from '../../../src/engine/prompt/obfuscation';
import { plainView } from '../../../src/engine/prompt/textView';
import { externalTexts, texts } from './corpusRows';
import { RULE_LITERALS_FILE, ruleLiterals } from './writeRuleLiterals';

const CORPUS = path.join(__dirname, '../../fixtures/prompts/corpus');

describe('requiredLiterals', () => {
  it('joins consecutive literal pieces and picks the rarest run of a sequence', () => {
    assert.deepEqual(requiredLiterals(/\bignore\s+(?:all\s+)?previous\s+instructions?/g)?.sort(), [
      'instruction',
      'instructions',
    ]);
    assert.deepEqual(requiredLiterals(/\b(?:stop|halt)\s+now/g)?.sort(), ['halt', 'stop']);
  });

  it('takes the union over alternatives and gives up when one alternative has no literal', () => {
    assert.deepEqual(requiredLiterals(/secret|hidden\s+\w+/g)?.sort(), ['hidden', 'secret']);
    assert.equal(requiredLiterals(/secret|\w+\s+\d/g), null);
  });

  it('treats optional parts and assertions as possibly empty', () => {
    assert.deepEqual(requiredLiterals(/(?:very\s+)?\bbad(?=\s)/g), ['bad']);
    assert.equal(requiredLiterals(/(?:very)?\s*/g), null);
  });

  it('has no literals for patterns that may ignore case', () => {
    assert.equal(requiredLiterals(/ignore previous/gi), null);
  });
});

/** Patterns in the style of the phrase rules, over a small alphabet so random texts hit them. */
const SAMPLE_PATTERNS = [
  /\b(?:ab|ba)\s+c+a?\b/g,
  /(?:a|b)(?:c|ab){1,2}\s*b/g,
  /\bab(?:\s+\w+){0,2}\s+(?:ca|ac)\b/g,
  /[ab]c[ab]|cc/g,
  /(?<!a)b{2,}(?:ca)?/g,
  /^c\s?a$/gm,
  /(?:abc\s+\w)?ca/g,
];

describe('LiteralGate', () => {
  it('never skips a pattern that matches the text (random texts)', () => {
    const gate = new LiteralGate(SAMPLE_PATTERNS);
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('a', 'b', 'c', ' ', '\n', 'é'), maxLength: 40 }), (text) => {
        const mayMatch = gate.scan(text);
        SAMPLE_PATTERNS.forEach((pattern, index) => {
          pattern.lastIndex = 0;
          if (pattern.test(text)) assert.ok(mayMatch(index), `${pattern} on ${JSON.stringify(text)}`);
        });
      }),
      { numRuns: 3_000 },
    );
  });

  it('skips a pattern whose literals are absent, and finds a literal that ends where another begins', () => {
    const gate = new LiteralGate([/\bforget\b/g, /\bgetaway\b/g, /\w+/g]);
    const none = gate.scan('remember this');
    assert.deepEqual([0, 1, 2].map(none), [false, false, true]);
    const overlapping = gate.scan('forgetaway');
    assert.deepEqual([0, 1].map(overlapping), [true, true]);
  });

  it("reads the phrase rules' literals from ruleLiterals.json, which is what the rules give today", () => {
    const committed = JSON.parse(readFileSync(RULE_LITERALS_FILE, 'utf8')) as unknown;
    assert.deepEqual(committed, ruleLiterals(), 'stale: run npx tsx test/unit/prompt/writeRuleLiterals.ts');
  });

  it('never skips a phrase rule that matches a corpus text, in its plain or de-obfuscated view', () => {
    const gate = new LiteralGate(PHRASE_RULES.map((rule) => rule.pattern));
    const vocabulary = vocabularyOf(PHRASE_RULES.map((rule) => rule.pattern));
    const rows = [
      ...texts(path.join(CORPUS, 'generated/train.jsonl')),
      ...texts(path.join(CORPUS, 'generated/dev.jsonl')),
      ...texts(path.join(CORPUS, 'dev.jsonl')),
      ...externalTexts(),
    ];
    let matched = 0;
    for (const text of rows) {
      const plain = plainView(text);
      for (const view of [plain, deobfuscatedView(plain, vocabulary)]) {
        if (!view) continue;
        const mayMatch = gate.scan(view.text);
        PHRASE_RULES.forEach((rule, index) => {
          rule.pattern.lastIndex = 0;
          if (!rule.pattern.test(view.text)) return;
          matched++;
          assert.ok(mayMatch(index), `${rule.id} skipped on ${JSON.stringify(view.text.slice(0, 120))}`);
        });
      }
    }
    assert.ok(matched > 1_000, `only ${matched} rule matches: the check saw too little`);
  });
});
