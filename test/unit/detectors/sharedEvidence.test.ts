import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { contextualMatch } from '../../../src/engine/detectors/match';
import type { ContextSignal } from '../../../src/engine/detectors/context';
import { found } from './helpers';

/**
 * The matches of a column share one frozen evidence array (detectors/match.ts `combinedEvidence`), which lets the
 * report line be made once per column (findings/reportLine.ts): the arrays must still hold exactly each match's
 * reasons, whatever other reasons took their slot before.
 */
describe('evidence shared by the matches of a column', () => {
  it('is one frozen array for two addresses of a domain in a column that names them', () => {
    const [first] = found('ada@example.com', 'pii/email', 'email');
    const [second] = found('bob@example.com', 'pii/email', 'email');
    assert.ok(first && second);
    assert.equal(first.evidence, second.evidence);
    assert.ok(Object.isFrozen(first.evidence));
    assert.deepEqual(first.evidence, [
      'well-formed address',
      "top-level domain '.com' is registered at IANA",
      "'example.com' is reserved for examples (RFC 2606): likely a placeholder",
      "column 'email' names email addresses",
    ]);
    const [elsewhere] = found('ada@example.com', 'pii/email', 'contact_email');
    assert.notEqual(elsewhere?.evidence, first.evidence);
    assert.equal(elsewhere?.evidence.at(-1), "column 'contact_email' names email addresses");
  });

  it('is one array per domain for addresses that alternate between domains whose reasons have the same lengths', () => {
    const domains = ['mail.jp', 'mail.uk', 'mail.de', 'mail.ru', 'mail.io'];
    const first = domains.map((domain) => found(`ada@${domain}`, 'pii/email', 'email')[0]?.evidence);
    for (let round = 0; round < 3; round++)
      domains.forEach((domain, k) => {
        const [again] = found(`bob${round}@${domain}`, 'pii/email', 'email');
        assert.equal(again?.evidence, first[k], `${domain}, round ${round}`);
      });
  });

  it('holds each match’s own reasons and its context’s, in order, however the slots were taken', () => {
    const reason = fc.constantFrom('a', 'b', 'ab', 'ba', 'abc', 'x y', '');
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.array(reason, { maxLength: 3 }), fc.array(reason, { maxLength: 2 }))),
        (hits) => {
          for (const [own, context] of hits) {
            const signal: ContextSignal = { supports: false, contradicts: false, boost: 0, evidence: [...context] };
            const hit = { code: 'pii/x', kind: 'email', start: 0, end: 1, base: 0.5, evidence: [...own] } as const;
            const match = contextualMatch(
              { value: 'v', context: { column: '' }, defaultRegion: 'US' },
              { ...hit, evidence: [...own], message: 'm', placeholder: '<X>' },
              signal,
            );
            assert.deepEqual(match.evidence, [...own, ...context]);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
