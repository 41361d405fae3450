import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { detectSensitiveData, mightContainSensitiveData } from '../../../src/engine/detectors/index';
import { ALL_FIXTURES } from './fixtures';

// Columns that switch on the detectors that need context (national phones, bare SSNs, lowercase ETH).
const COLUMNS = ['', 'ssn', 'phone', 'wallet', 'token', 'email'];

/** The prefilter's promise: when it says no, no detector finds anything, whatever the column. */
function assertPrefilterSound(value: string): void {
  if (mightContainSensitiveData(value)) return;
  for (const column of COLUMNS) assert.deepEqual(detectSensitiveData(value, { column }), [], JSON.stringify(value));
}

// Characters that detectors care about, so random strings come close to real matches.
const RISKY_CHARS = '0123456789abcdefABCDEF+-.:@/_= ()xoQ~KIAkshgp'.split('');

describe('mightContainSensitiveData', () => {
  it('says yes for every positive fixture', () => {
    for (const fixture of ALL_FIXTURES) assert.equal(mightContainSensitiveData(fixture.value), true, fixture.code);
  });

  it('says no for ordinary short cells', () => {
    for (const value of [
      '',
      'Alice',
      '34',
      'yes',
      '72000',
      '0.875',
      'The product arrived on time.',
      'Jean-Pierre',
      'N/A',
      '2024-01',
    ]) {
      assert.equal(mightContainSensitiveData(value), false, value);
    }
  });

  it('never says no where a detector would find something (random strings)', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 60 }), (value) => assertPrefilterSound(value)),
      { numRuns: 1500 },
    );
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...RISKY_CHARS), { maxLength: 48 }), (chars) =>
        assertPrefilterSound(chars.join('')),
      ),
      { numRuns: 3000 },
    );
  });

  it('never says no where a detector would find something (fixtures cut and mutated)', () => {
    const fixture = fc.constantFrom(...ALL_FIXTURES.map((candidate) => candidate.value));
    const cut = fc
      .tuple(fixture, fc.nat(), fc.nat())
      .map(([value, a, b]) => value.slice(Math.min(a, b) % (value.length + 1), Math.max(a, b) % (value.length + 1)));
    const mutated = fc
      .tuple(fixture, fc.array(fc.tuple(fc.nat(), fc.constantFrom(...RISKY_CHARS, '')), { maxLength: 6 }))
      .map(([value, edits]) =>
        edits.reduce(
          (text, [at, char]) => text.slice(0, at % (text.length + 1)) + char + text.slice((at % (text.length + 1)) + 1),
          value,
        ),
      );
    fc.assert(
      fc.property(cut, (value) => assertPrefilterSound(value)),
      { numRuns: 1500 },
    );
    fc.assert(
      fc.property(mutated, (value) => assertPrefilterSound(value)),
      { numRuns: 1500 },
    );
  });

  it('still lets fixtures through when they sit inside longer text', () => {
    fc.assert(
      fc.property(
        fc.string({ maxLength: 20 }),
        fc.constantFrom(...ALL_FIXTURES),
        fc.string({ maxLength: 20 }),
        (before, fixture, after) => {
          assert.equal(mightContainSensitiveData(`${before} ${fixture.value} ${after}`), true);
        },
      ),
      { numRuns: 300 },
    );
  });
});
