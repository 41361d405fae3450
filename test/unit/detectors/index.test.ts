import { strict as assert } from 'node:assert';
import { SENSITIVE_DATA_CODES, detectSensitiveData } from '../../../src/engine/detectors/index';
import { resolveOverlaps } from '../../../src/engine/detectors/overlap';
import type { DetectorMatch } from '../../../src/engine/detectors/types';
import { ALL_FIXTURES, FAKE_SECRETS } from './fixtures';

const match = (code: string, start: number, end: number, confidence: number): DetectorMatch => ({
  code,
  start,
  end,
  confidence,
  message: code,
  evidence: [],
});

describe('detectSensitiveData', () => {
  it('finds several kinds in one prompt, sorted by start', () => {
    const prompt = `Hi, I am Jane (jane.doe@acme-corp.com, +44 20 7946 0958). My card is 4314 1592 6535 8975 and our key is ${FAKE_SECRETS.githubToken}.`;
    const codes = detectSensitiveData(prompt, { column: '', role: 'user' }).map((found) => found.code);
    assert.deepEqual(codes, ['pii/email', 'pii/phone', 'pii/credit-card', 'secret/github-token']);
  });

  it('resolves overlaps: the more confident match wins, then the longer, and order is by start', () => {
    const kept = resolveOverlaps([
      match('b', 10, 20, 0.5),
      match('a', 0, 12, 0.9),
      match('c', 15, 30, 0.5),
      match('d', 30, 35, 0.1),
    ]);
    assert.deepEqual(
      kept.map((found) => found.code),
      ['a', 'c', 'd'],
    );
    const tie = resolveOverlaps([match('short', 5, 8, 0.7), match('long', 0, 10, 0.7)]);
    assert.deepEqual(
      tie.map((found) => found.code),
      ['long'],
    );
  });

  it('reports URL credentials rather than an email inside them', () => {
    const found = detectSensitiveData('postgres://admin:s3cr3tP4ss@db.internal.com/prod', { column: '' });
    assert.deepEqual(
      found.map((candidate) => candidate.code),
      ['secret/url-credentials'],
    );
  });

  it('runs only the enabled codes', () => {
    const value = 'jane.doe@acme-corp.com 536-22-1234';
    assert.deepEqual(
      detectSensitiveData(value, { column: '' }, { enabled: (code) => code !== 'pii/email' }).map(
        (found) => found.code,
      ),
      ['pii/us-ssn'],
    );
    assert.deepEqual(detectSensitiveData(value, { column: '' }, { enabled: () => false }), []);
  });

  it('finds every fixture with its code, and every code it reports is documented', () => {
    const documented = new Set(SENSITIVE_DATA_CODES.map((entry) => entry.code));
    for (const fixture of ALL_FIXTURES) {
      const found = detectSensitiveData(fixture.value, { column: fixture.column ?? '' });
      assert.ok(
        found.some(
          (candidate) =>
            candidate.code === fixture.code && fixture.value.slice(candidate.start, candidate.end) === fixture.matched,
        ),
        fixture.code,
      );
      for (const candidate of found) assert.ok(documented.has(candidate.code), candidate.code);
    }
  });

  it('documents each code once, with a title and a one-line description', () => {
    const codes = SENSITIVE_DATA_CODES.map((entry) => entry.code);
    assert.equal(new Set(codes).size, codes.length);
    for (const entry of SENSITIVE_DATA_CODES) {
      assert.match(entry.code, /^(pii|secret)\/[a-z0-9-]+$/);
      assert.ok(
        entry.title.length > 0 && entry.description.length > 0 && !entry.description.includes('\n'),
        entry.code,
      );
    }
  });

  it('finds nothing in ordinary values', () => {
    const ordinary = [
      'Alice',
      '34',
      '2024-01-15',
      'The product arrived on time.',
      '72000.50',
      'v1.2.3',
      'SELECT * FROM users',
      '#ff8800',
    ];
    for (const value of ordinary) assert.deepEqual(detectSensitiveData(value, { column: '' }), [], value);
  });
});
