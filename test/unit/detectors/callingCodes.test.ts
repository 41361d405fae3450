import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { findPhoneNumbersInText } from 'libphonenumber-js/max';
import { detectSensitiveData } from '../../../src/engine/detectors/index';
import { startsWithCallingCode } from '../../../src/engine/detectors/pii/calling-codes';

/** Numbers libphonenumber finds at the span's '+' (the ones the phone detector reports without context). */
const internationalAtStart = (span: string) =>
  findPhoneNumbersInText(span, { defaultCountry: 'US' }).filter((found) => found.startsAt === 0);

describe('pii/phone shape check before libphonenumber', () => {
  it('knows which digits after a + start a calling code', () => {
    for (const span of ['+44 20 7946 0958', '+1 202 555 0143', '+(49) 30 901820', '+800 1234 5678', '+979 123'])
      assert.ok(startsWithCallingCode(span), span);
    for (const span of ['+0 20 7946 0958', '+28 123 4567', '+801 123 4567', '+ (0) 44 20 7946 0958', '+'])
      assert.ok(!startsWithCallingCode(span), span);
  });

  it('says no only where libphonenumber finds no international number (every 1–3 digit start)', () => {
    const tails = ['20 7946 0958', '1234567', '555 0143 99', '301 234 5678'];
    for (let code = 0; code < 1000; code++)
      for (const width of [1, 2, 3]) {
        if (code >= 10 ** width) continue;
        const head = String(code).padStart(width, '0');
        for (const tail of tails) {
          const span = `+${head} ${tail}`;
          if (!startsWithCallingCode(span)) assert.deepEqual(internationalAtStart(span), [], span);
        }
      }
  });

  it('says no only where libphonenumber finds no international number (random spans)', () => {
    const span = fc
      .array(fc.constantFrom(...'0123456789  ()-./'.split('')), { minLength: 6, maxLength: 24 })
      .map((chars) => `+${chars.join('')}`);
    fc.assert(
      fc.property(span, (value) => {
        if (!startsWithCallingCode(value)) assert.deepEqual(internationalAtStart(value), [], value);
      }),
      { numRuns: 3000 },
    );
  });

  it('still reads such spans where a phone word makes a national number count', () => {
    // '+0' starts no calling code, but the column names phones: the national number after it is reported.
    const phones = (column: string) =>
      detectSensitiveData('+0 (202) 555-0143', { column }, { defaultRegion: 'US' })
        .filter((match) => match.code === 'pii/phone')
        .map((match) => [match.start, match.end]);
    assert.deepEqual(phones('phone'), [[3, 17]]);
    assert.deepEqual(phones('notes'), []);
  });
});
