import { strict as assert } from 'node:assert';
import { checkInclusiveLanguage } from '../../../src/engine/language/inclusive';

describe('language/insensitive and language/profanity', () => {
  it('flags insensitive terms with retext-equality suggestions and a replace fix', async () => {
    const text = 'Ask the chairman to merge the branch.';
    const [match] = await checkInclusiveLanguage(text, {});
    assert.equal(match?.code, 'language/insensitive');
    assert.equal(text.slice(match!.start, match!.end), 'chairman');
    assert.deepEqual((match!.data?.suggestions as string[]).slice(0, 3), ['chair', 'head', 'chairperson']);
    assert.deepEqual(match!.data?.fixes, ['replace']);
    assert.match(match!.message, /"chairman" may be insensitive; consider "chair"/);
  });

  it('capitalises suggestions like the flagged word', async () => {
    const [match] = await checkInclusiveLanguage('Chairman approves.', {});
    assert.equal((match!.data?.suggestions as string[])[0], 'Chair');
  });

  it('respects literal words in quotes', async () => {
    assert.deepEqual(await checkInclusiveLanguage('The word “he” is a pronoun.', {}), []);
  });

  it('follows alex noBinary: "he or she" passes by default and is flagged with noBinary', async () => {
    const text = 'When a user logs in, he or she sees the dashboard.';
    assert.deepEqual(await checkInclusiveLanguage(text, {}), []);
    const strict = await checkInclusiveLanguage(text, { noBinary: true });
    assert.deepEqual(
      strict.map((match) => text.slice(match.start, match.end)),
      ['he', 'she'],
    );
  });

  it('filters profanity by sureness', async () => {
    const text = 'This is a damn mess.';
    const loose = await checkInclusiveLanguage(text, { profanitySureness: 0 });
    assert.deepEqual(
      loose.map((match) => [match.code, text.slice(match.start, match.end)]),
      [['language/profanity', 'damn']],
    );
    assert.deepEqual(await checkInclusiveLanguage(text, { profanitySureness: 2 }), []);
  });

  it('skips allowed words and rule ids', async () => {
    assert.deepEqual(await checkInclusiveLanguage('Ask the chairman.', { allow: ['chairman-chairwoman'] }), []);
    assert.deepEqual(await checkInclusiveLanguage('Push to master.', { allow: ['master'] }), []);
  });
});
