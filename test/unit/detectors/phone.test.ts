import { strict as assert } from 'node:assert';
import { detectSensitiveData } from '../../../src/engine/detectors/index';
import { found, texts } from './helpers';

describe('pii/phone', () => {
  it('finds international numbers without any context', () => {
    assert.deepEqual(texts('call +44 20 7946 0958 today', 'pii/phone'), ['+44 20 7946 0958']);
    assert.deepEqual(texts('Berlin office: +49 30 901820', 'pii/phone'), ['+49 30 901820']);
    assert.deepEqual(texts('+33 1 42 68 53 00', 'pii/phone'), ['+33 1 42 68 53 00']);
    assert.deepEqual(texts('tel:+12025550143', 'pii/phone'), ['+12025550143']);
  });

  it('reports the region and line type as evidence', () => {
    const [match] = found('+4915112345678', 'pii/phone');
    assert.ok(match);
    assert.equal(match.placeholder, '<PHONE_NUMBER>');
    assert.ok(match.evidence.includes('valid international number for DE (libphonenumber)'));
    assert.ok(match.evidence.includes('line type mobile'));
  });

  it('counts national-format numbers only with phone context', () => {
    assert.deepEqual(texts('(202) 555-0143', 'pii/phone'), []);
    assert.deepEqual(texts('order 2025550143', 'pii/phone'), []);
    assert.deepEqual(texts('(202) 555-0143', 'pii/phone', 'phone'), ['(202) 555-0143']);
    assert.deepEqual(texts('Call me at 202-555-0143 tomorrow', 'pii/phone'), ['202-555-0143']);
    assert.deepEqual(texts('2025550143', 'pii/phone', 'mobileNumber'), ['2025550143']);
  });

  it('reads national numbers in the default region', () => {
    assert.deepEqual(texts('030 901820', 'pii/phone', 'phone', 'DE'), ['030 901820']);
    assert.deepEqual(texts('030 901820', 'pii/phone', 'phone', 'US'), []);
    assert.deepEqual(texts('020 7946 0958', 'pii/phone', 'phone', 'gb'), ['020 7946 0958']);
  });

  it('rejects look-alikes even in a phone column', () => {
    const lookAlikes = [
      '2024-01-15',
      '2024-01-15T10:30:00Z',
      '15/01/2024',
      '10:30:45',
      '1.2.3.4567890',
      '550e8400-e29b-41d4-a716-446655440000',
      '12345678901234',
      '3.14159265358',
      'a3f5c9e2025550143ab9',
      '978-3-16-148410-0',
      '90210',
      '90210-1234',
      '120255501434567',
      '1.0.0+12025550143',
      '#2025550143',
      'v2025550143',
      '2025550143.5',
    ];
    for (const value of lookAlikes) {
      assert.deepEqual(texts(value, 'pii/phone', 'phone'), [], value);
      assert.deepEqual(texts(value, 'pii/phone'), [], value);
    }
  });

  it('lowers an international number in a column named as an identifier', () => {
    const plain = found('+12025550143', 'pii/phone')[0]!;
    const asId = found('+12025550143', 'pii/phone', 'account_id')[0]!;
    assert.ok(asId.confidence < plain.confidence);
  });

  it('refuses an unknown default region with a clear error', () => {
    assert.throws(
      () => detectSensitiveData('+12025550143', { column: '' }, { defaultRegion: 'XX' }),
      /Unknown phone number region 'XX'/,
    );
  });
});
