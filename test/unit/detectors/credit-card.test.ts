import { strict as assert } from 'node:assert';
import creditCardType from 'credit-card-type';
import { severityForConfidence } from '../../../src/engine/detectors/context';
import { cardIssuer } from '../../../src/engine/detectors/pii/card-issuers';
import { luhnValid } from '../../../src/engine/detectors/pii/credit-card';
import { found, texts } from './helpers';

// Valid Luhn numbers in each issuer's range (prefix + digits of pi + check digit), and the same number with
// its last digit changed, which breaks Luhn. Presidio validates cards with Luhn the same way.
const ISSUER_CASES: Array<[issuer: string, valid: string, invalid: string]> = [
  ['Visa', '4314159265358975', '4314159265358976'],
  ['Mastercard', '5131415926535890', '5131415926535891'],
  ['Mastercard', '5531415926535896', '5531415926535897'],
  ['Mastercard', '2221314159265358', '2221314159265359'],
  ['Mastercard', '2720314159265354', '2720314159265355'],
  ['American Express', '343141592653586', '343141592653587'],
  ['American Express', '373141592653589', '373141592653580'],
  ['Discover', '6011314159265353', '6011314159265354'],
  ['Discover', '6443141592653582', '6443141592653583'],
  ['Discover', '6531415926535894', '6531415926535895'],
  ['JCB', '3528314159265356', '3528314159265357'],
  ['JCB', '3589314159265352', '3589314159265353'],
  ['Diners Club', '30031415926533', '30031415926534'],
  ['Diners Club', '30531415926532', '30531415926533'],
  ['Diners Club', '36314159265357', '36314159265358'],
  ['UnionPay', '6231415926535897', '6231415926535898'],
  ['UnionPay', '6231415926535897938', '6231415926535897939'],
  ['Maestro', '675931415920', '675931415921'],
];

describe('pii/credit-card', () => {
  it('finds each issuer range with a valid Luhn checksum and names it in the evidence', () => {
    for (const [issuer, valid] of ISSUER_CASES) {
      const [match, ...rest] = found(`pay ${valid} now`, 'pii/credit-card');
      assert.ok(match, valid);
      assert.equal(rest.length, 0);
      assert.equal(match.text, valid);
      assert.equal(match.message, `Credit card number (${issuer})`);
      assert.deepEqual(match.evidence.slice(0, 2), ['Luhn checksum valid', `${issuer} range, ${valid.length} digits`]);
      assert.equal(match.placeholder, '<CREDIT_CARD>');
    }
  });

  it('reports nothing when the Luhn checksum is invalid', () => {
    for (const [, , invalid] of ISSUER_CASES)
      assert.deepEqual(texts(`card ${invalid}`, 'pii/credit-card', 'card_number'), [], invalid);
  });

  it('reports nothing for a Luhn-valid number outside every issuer range', () => {
    assert.ok(luhnValid('9314159265358974'));
    assert.deepEqual(texts('9314159265358974', 'pii/credit-card', 'card'), []);
  });

  it('accepts printed groups with one separator and rejects mixed separators or odd groups', () => {
    assert.deepEqual(texts('4314 1592 6535 8975', 'pii/credit-card'), ['4314 1592 6535 8975']);
    assert.deepEqual(texts('4314-1592-6535-8975', 'pii/credit-card'), ['4314-1592-6535-8975']);
    assert.deepEqual(texts('amex 3731 415926 53589', 'pii/credit-card'), ['3731 415926 53589']);
    assert.deepEqual(texts('4314 1592-6535 8975', 'pii/credit-card'), []);
    assert.deepEqual(texts('43 1415 9265 3589 75', 'pii/credit-card'), []);
  });

  it('finds a card followed by other numbers after a space, but not inside a longer digit run or code', () => {
    assert.deepEqual(texts('4314 1592 6535 8975 2027', 'pii/credit-card'), ['4314 1592 6535 8975']);
    assert.deepEqual(texts('943141592653589751', 'pii/credit-card'), []);
    assert.deepEqual(texts('4314-1592-6535-8975-2027', 'pii/credit-card'), []);
    assert.deepEqual(texts('x4314159265358975', 'pii/credit-card'), []);
    assert.deepEqual(texts('0.4314159265358975', 'pii/credit-card'), []);
    assert.deepEqual(texts('4314159265358975.25', 'pii/credit-card'), []);
    assert.deepEqual(texts('v2 4314 1592 6535 8975', 'pii/credit-card'), ['4314 1592 6535 8975']);
  });

  it('ignores look-alikes: UUIDs, hashes, timestamps, floats', () => {
    for (const value of [
      '550e8400-e29b-41d4-a716-446655440000',
      'da39a3ee5e6b4b0d3255bfef95601890afd80709',
      '1700000000123',
      '2024-01-15T10:30:00.123456Z',
      '3.1415926535897932',
    ]) {
      assert.deepEqual(texts(value, 'pii/credit-card'), [], value);
    }
  });

  it('keeps published test numbers and numbers in order-id columns below error', () => {
    const testCard = found('4111 1111 1111 1111', 'pii/credit-card')[0]!;
    assert.equal(severityForConfidence(testCard.confidence), 'information');
    assert.ok(testCard.evidence.includes('a published test card number: likely test data'));
    const orderId = found('4314159265358975', 'pii/credit-card', 'order_id')[0]!;
    assert.equal(severityForConfidence(orderId.confidence), 'warning');
    const inCardColumn = found('4314159265358975', 'pii/credit-card', 'cardNumber')[0]!;
    assert.equal(inCardColumn.confidence, 1);
  });

  it('agrees with credit-card-type on the issuer of every number it knows', () => {
    for (let prefix = 100000; prefix < 1000000; prefix += 997) {
      for (const length of [12, 14, 15, 16, 19]) {
        const digits = `${prefix}31415926535897932384`.slice(0, length);
        const library = creditCardType(digits).find((type) => type.lengths.includes(length))?.niceType;
        if (library) assert.equal(cardIssuer(digits), library, digits);
      }
    }
  });
});
