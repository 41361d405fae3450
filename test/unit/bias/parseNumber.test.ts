import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { parseNumber } from '../../../src/engine/bias/values';

/** The definition parseNumber replaced (trim, a regular expression, Number): it must agree on every input. */
const NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
function reference(value: string): number | undefined {
  const trimmed = value.trim();
  return NUMBER.test(trimmed) ? Number(trimmed) : undefined;
}

describe('parseNumber', () => {
  it('reads decimals as Number does and rejects everything else', () => {
    for (const value of [
      '12',
      '-3.5',
      '.5',
      '1.',
      '+2e-3',
      ' 42 ',
      '\u00a036\u00a0',
      '-0',
      '9007199254740993',
      '1e22',
      '1e23',
    ]) {
      assert.ok(Object.is(parseNumber(value), reference(value)), value);
    }
    for (const value of ['', '.', '1e', '0x10', 'Infinity', '1,000', '--1', '1 2'])
      assert.equal(parseNumber(value), undefined, value);
  });

  it('agrees with trim + regex + Number on random numbers and near-numbers', () => {
    const chars = fc.constantFrom(...'0123456789+-.eE x\t\n\u00a0\u2003\ufeff\u200b\u0660,'.split(''));
    fc.assert(
      fc.property(
        fc.array(chars, { maxLength: 24 }).map((a) => a.join('')),
        (s) => Object.is(parseNumber(s), reference(s)),
      ),
      { numRuns: 20000 },
    );
    fc.assert(
      fc.property(fc.double(), fc.integer({ min: 0, max: 20 }), (d, k) => {
        const s = Number.isFinite(d) ? d.toFixed(k) : String(d);
        return Object.is(parseNumber(s), reference(s));
      }),
      { numRuns: 20000 },
    );
  });
});
