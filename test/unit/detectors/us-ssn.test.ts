import { strict as assert } from 'node:assert';
import { severityForConfidence } from '../../../src/engine/detectors/context';
import { invalidReason } from '../../../src/engine/detectors/pii/us-ssn';
import { found, texts } from './helpers';

// Validation rules as Presidio's UsSsnRecognizer applies them (reference-values.md, "Presidio conventions"):
// no area 000, 666 or 9xx, no group 00, no serial 0000, consistent delimiters, not one repeated digit, and not
// the sample numbers it lists (078-05-1120, 123-45-6789…).
describe('pii/us-ssn', () => {
  it('finds AAA-GG-SSSS with hyphens, spaces or dots', () => {
    assert.deepEqual(texts('SSN 536-22-1234', 'pii/us-ssn'), ['536-22-1234']);
    assert.deepEqual(texts('536 22 1234', 'pii/us-ssn'), ['536 22 1234']);
    assert.deepEqual(texts('536.22.1234', 'pii/us-ssn'), ['536.22.1234']);
  });

  it('rejects numbers the SSA never issues and published example numbers', () => {
    const invalid = [
      '000-12-3456',
      '666-12-3456',
      '900-12-3456',
      '999-12-3456',
      '536-00-1234',
      '536-22-0000',
      '111-11-1111',
      '078-05-1120',
      '219-09-9999',
      '457-55-5462',
      '123-45-6789',
    ];
    for (const value of invalid) assert.deepEqual(texts(value, 'pii/us-ssn', 'ssn'), [], value);
    assert.equal(invalidReason('666', '12', '3456'), 'area 666 is never issued');
    assert.equal(invalidReason('078', '05', '1120'), 'a published example number');
    assert.equal(invalidReason('536', '22', '1234'), undefined);
  });

  it('rejects mixed delimiters and numbers glued into longer ones', () => {
    for (const value of [
      '536-22 1234',
      '536-221234',
      '1536-22-1234',
      '536-22-12345',
      'A536-22-1234',
      '536-22-1234.5',
      '2536-22-1234-7',
    ]) {
      assert.deepEqual(texts(value, 'pii/us-ssn', 'ssn'), [], value);
    }
  });

  it('counts nine unseparated digits only with SSN context', () => {
    assert.deepEqual(texts('536221234', 'pii/us-ssn'), []);
    assert.deepEqual(texts('536221234', 'pii/us-ssn', 'ssn'), ['536221234']);
    assert.deepEqual(texts('social security number 536221234', 'pii/us-ssn'), ['536221234']);
  });

  it('is a warning alone, an error with context, and lower in an id column', () => {
    assert.equal(severityForConfidence(found('536-22-1234', 'pii/us-ssn')[0]!.confidence), 'warning');
    const withContext = found('applicant SSN: 536-22-1234', 'pii/us-ssn')[0]!;
    assert.equal(severityForConfidence(withContext.confidence), 'error');
    assert.ok(withContext.evidence.includes("context word 'ssn' nearby"));
    assert.equal(severityForConfidence(found('536-22-1234', 'pii/us-ssn', 'ticket_id')[0]!.confidence), 'information');
    assert.equal(found('536-22-1234', 'pii/us-ssn')[0]!.placeholder, '<US_SSN>');
  });
});
