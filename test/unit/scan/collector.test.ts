import { strict as assert } from 'node:assert';
import type { Finding } from '../../../src/shared/findings';
import { fingerprint } from '../../../src/engine/findings';
import { FindingCollector, type NewFinding } from '../../../src/engine/scan/collector';

const range = { start: { line: 1, character: 2 }, end: { line: 1, character: 9 } };
const candidate = (subject: string): NewFinding => ({
  code: 'pii/email',
  range,
  severity: 'warning',
  message: 'Email address',
  subject,
  data: { evidence: ['well-formed address'] },
});

function collect(config: ConstructorParameters<typeof FindingCollector>[2], fingerprints?: boolean): Finding[] {
  const found: Finding[] = [];
  const collector = new FindingCollector('a.csv', 'a.csv', config, {}, (finding) => found.push(finding), fingerprints);
  collector.add(candidate('ada@example.org'));
  collector.add(candidate('bo@example.org'));
  return found;
}

describe('FindingCollector fingerprints', () => {
  it("gives each check's finding the fingerprint of its code, file and subject", () => {
    const [first] = collect({});
    assert.equal(first?.data?.fingerprint, fingerprint('pii/email', 'a.csv', 'ada@example.org'));
    assert.deepEqual(first?.data?.evidence, ['well-formed address']);
  });

  it('makes none for a scan whose findings nobody fingerprints (a text report), the rest of the data kept', () => {
    const found = collect({}, false);
    assert.equal(found.length, 2);
    assert.equal(found[0]?.data?.fingerprint, undefined);
    assert.deepEqual(found[0]?.data?.evidence, ['well-formed address']);
  });

  it('still makes them to match the ignores of the config', () => {
    const ignored = fingerprint('pii/email', 'a.csv', 'ada@example.org');
    const found = collect({ ignore: [{ fingerprint: ignored }] }, false);
    assert.deepEqual(
      found.map((finding) => finding.data?.fingerprint),
      [fingerprint('pii/email', 'a.csv', 'bo@example.org')],
    );
  });
});
