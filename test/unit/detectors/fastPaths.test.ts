import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import {
  contextSignal,
  KIND_WORDS,
  mayHaveSupport,
  wordsOf,
  type SensitiveKind,
} from '../../../src/engine/detectors/context';
import { cardIssuer } from '../../../src/engine/detectors/pii/card-issuers';
import { EXTRA_SECRET_RULES } from '../../../src/engine/detectors/secret/extra-rules';
import { mightHoldSecret } from '../../../src/engine/detectors/secret/index';
import { runSecretlintRules } from '../../../src/engine/detectors/secret/secretlint-rules';
import creditCardType from 'credit-card-type';
import { ALL_FIXTURES } from './fixtures';

const KINDS: SensitiveKind[] = ['email', 'phone', 'credit-card', 'iban', 'us-ssn', 'ip', 'crypto-address', 'secret'];
// Words that are, contain, start or end keywords of each kind, and a few that only look close.
const WORDS = [
  'call',
  'Phone',
  'TEL',
  'hotel',
  'cellphone',
  'mobileNumber',
  'social security',
  'SocialSecurity',
  'ssn',
  'wallet',
  'card',
  'CC',
  'iban',
  'ipAddress',
  'version',
  'build',
  'order',
  'key',
  'apiKey',
  'secret',
  'x',
  '42',
  'e-mail',
  'contact',
];
const text = fc
  .array(fc.oneof(fc.constantFrom(...WORDS), fc.string({ maxLength: 6 })), { maxLength: 12 })
  .map((parts) => parts.join(' '));
const input = (value: string, column: string) => ({ value, context: { column }, defaultRegion: 'US' });

describe('detector fast paths never change what is found', () => {
  it('finds the supporting words the plain reading finds, and mayHaveSupport says no only where there are none', () => {
    // The plain reading: split the column and the words around the match, then look for a keyword.
    const keywordIn = (kind: SensitiveKind, words: string[]) =>
      KIND_WORDS[kind].some((keyword) =>
        keyword.includes(' ')
          ? ` ${words.join(' ')} `.includes(` ${keyword} `)
          : words.some(
              (word) =>
                word === keyword || (keyword.length >= 4 && (word.startsWith(keyword) || word.endsWith(keyword))),
            ),
      );
    const supportedPlainly = (kind: SensitiveKind, value: string, column: string, start: number, end: number) =>
      keywordIn(kind, wordsOf(column)) ||
      keywordIn(kind, [
        ...wordsOf(value.slice(Math.max(0, start - 64), start)).slice(-5),
        ...wordsOf(value.slice(end, end + 32)).slice(0, 2),
      ]);
    fc.assert(
      fc.property(
        text,
        fc.constantFrom('', 'notes', 'phone', 'id', ...WORDS),
        fc.constantFrom(...KINDS),
        fc.nat(),
        fc.nat(),
        (value, column, kind, a, b) => {
          const [x, y] = [a % (value.length + 1), b % (value.length + 1)];
          const [start, end] = [Math.min(x, y), Math.max(x, y)];
          const expected = supportedPlainly(kind, value, column, start, end);
          assert.equal(
            contextSignal(kind, input(value, column), start, end).supports,
            expected,
            JSON.stringify({ value, column, kind, start, end }),
          );
          if (expected) assert.ok(mayHaveSupport(kind, input(value, column)), JSON.stringify({ value, column, kind }));
        },
      ),
      { numRuns: 5000 },
    );
  });

  it('skips secret rules only on values where none of them reports anything', () => {
    const secretish = fc.array(
      fc.constantFrom(
        ...'0123456789abcdefABCDEF_-=./:~@QKIAghpsxoSKAKIA'.split(''),
        'sk_live_',
        'AKIA',
        '://',
        'ghp_',
        'eyJ',
      ),
      { maxLength: 60 },
    );
    const fixtureCut = fc
      .tuple(fc.constantFrom(...ALL_FIXTURES.map((fixture) => fixture.value)), fc.nat(), fc.nat())
      .map(([value, a, b]) =>
        value.slice(Math.min(a % value.length, b % value.length), Math.max(a % value.length, b % value.length) + 1),
      );
    fc.assert(
      fc.property(
        fc.oneof(
          secretish.map((parts) => parts.join('')),
          fixtureCut,
        ),
        (value) => {
          if (mightHoldSecret(value)) return;
          assert.deepEqual(runSecretlintRules(value, false), [], value);
          for (const rule of EXTRA_SECRET_RULES)
            assert.equal([...value.matchAll(rule.pattern)].length, 0, `${rule.code}: ${value}`);
        },
      ),
      { numRuns: 3000 },
    );
    for (const fixture of ALL_FIXTURES.filter((candidate) => candidate.code.startsWith('secret/')))
      assert.ok(mightHoldSecret(fixture.value), fixture.code);
  });

  it('names the issuer whose longest prefix matches among those using that length, as the table reads', () => {
    // The plain reading of the table, one pattern at a time (what card-issuers.ts indexes for speed).
    const reference = (digits: string) => {
      let best: string | undefined;
      let bestWidth = 0;
      for (const type of Object.values(creditCardType.types)) {
        const info = creditCardType.getTypeInfo(type);
        if (!info.lengths.includes(digits.length)) continue;
        for (const pattern of info.patterns) {
          const [min = 0, max = 0] = typeof pattern === 'number' ? [pattern, pattern] : pattern;
          const width = String(min).length;
          const head = Number(digits.slice(0, width));
          if (head >= min && head <= max && width > bestWidth) [best, bestWidth] = [info.niceType, width];
        }
      }
      return best;
    };
    const prefixes = [
      '4',
      '51',
      '2221',
      '2720',
      '34',
      '37',
      '36',
      '6011',
      '65',
      '35',
      '62',
      '81',
      '50',
      '63',
      '67',
      '2200',
      '9792',
      '636',
      '60',
      '1',
      '0',
    ];
    fc.assert(
      fc.property(
        fc.constantFrom(...prefixes),
        fc.integer({ min: 10, max: 21 }),
        fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 21, maxLength: 21 }),
        (prefix, length, tail) => {
          const digits = (prefix + tail.join('')).slice(0, length);
          assert.equal(cardIssuer(digits), reference(digits), digits);
        },
      ),
      { numRuns: 5000 },
    );
  });
});
