import { strict as assert } from 'node:assert';
import { hashedTokenSpans, wordSpans } from '../../../src/engine/attribution/text/hashedTokenSpans';
import { hashedTokenIds, textTokens } from '../../../src/engine/text/hashedText';

const OPTIONS = { hashBuckets: 1024, maxTokens: 128, wordBigrams: true, charNgrams: [3] };
const spans = (text: string) => wordSpans(text).map((word) => [word.text, word.start, word.end, word.normalized]);

describe('token spans of the hashed n-gram text model', () => {
  it('finds the words of the original text, with their offsets', () => {
    assert.deepEqual(spans("Don't STOP, café-2000!"), [
      ["Don't", 0, 5, "don't"],
      ['STOP', 6, 10, 'stop'],
      ['café', 12, 16, 'café'],
      ['2000', 17, 21, '2000'],
    ]);
  });

  it('maps words found after NFKC and lower-casing back to the characters the user wrote', () => {
    // U+FB01 (the ﬁ ligature) becomes "fi"; e + U+0301 composes to é; a final capital sigma lower-cases to ς.
    assert.deepEqual(spans('ﬁne e\u0301cole ΟΔΟΣ'), [
      ['ﬁne', 0, 3, 'fine'],
      ['e\u0301cole', 4, 10, 'école'],
      ['ΟΔΟΣ', 11, 15, 'οδος'],
    ]);
    // Full-width letters and digits (NFKC → ASCII) and an astral letter keep their spans.
    assert.deepEqual(spans('ＡＢ 𝐱y 9'), [
      ['ＡＢ', 0, 2, 'ab'],
      ['𝐱y', 3, 6, 'xy'],
      ['9', 7, 8, '9'],
    ]);
  });

  it('reproduces the model tokens exactly, each with the words it came from', () => {
    const text = 'Big cat sat';
    const { tokens } = hashedTokenSpans(text, OPTIONS);
    assert.deepEqual(
      tokens.map((token) => token.token),
      textTokens(text, OPTIONS),
    );
    assert.deepEqual(
      Int32Array.from(tokens, (token) => token.id),
      hashedTokenIds(text, OPTIONS),
    );
    const origins = Object.fromEntries(tokens.map((token) => [token.token, token.words]));
    assert.deepEqual(origins['w:cat'], [1]);
    assert.deepEqual(origins['b:cat sat'], [1, 2]);
    assert.deepEqual(origins['c:<ca'], [1]);
  });

  it('keeps only the tokens the model keeps (words first) when the text is long', () => {
    const text = Array.from({ length: 200 }, (_, i) => `w${i}`).join(' ');
    const { words, tokens } = hashedTokenSpans(text, OPTIONS);
    assert.equal(words.length, 200);
    assert.equal(tokens.length, 128);
    assert.ok(tokens.every((token) => token.token.startsWith('w:')));
    assert.deepEqual(tokens.at(-1)!.words, [127], 'words past the 128th get no token');
  });
});
