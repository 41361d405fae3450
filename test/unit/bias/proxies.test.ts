import assert from 'node:assert/strict';
import { auditFindings } from '../../../src/engine/bias';
import { auditCsv } from './helpers';
import { plantedProxyCsv } from './generated';

describe('bias: proxy columns', () => {
  const result = auditCsv(plantedProxyCsv(), { label: 'approved', sensitive: ['race'] }, 'loans.csv');

  it('flags zip code as a proxy of race (planted: each zip is 90 % one race)', () => {
    const zip = result.proxies.find((proxy) => proxy.column === 'zip' && proxy.sensitive === 'race');
    assert.ok(zip);
    assert.equal(zip.flagged, true);
    assert.ok(zip.cramersV > 0.7 && zip.cramersV < 0.9, `V = ${zip.cramersV}`);
    assert.ok(zip.uncertaintyCoefficient > 0.4, `U = ${zip.uncertaintyCoefficient}`);
    assert.equal(zip.distinctValues, 6);
  });

  it('does not flag income, which is independent of race (binned into deciles: distinct numbers)', () => {
    const income = result.proxies.find((proxy) => proxy.column === 'income');
    assert.ok(income);
    assert.equal(income.flagged, false);
    assert.ok(income.cramersV < 0.2, `V = ${income.cramersV}`);
    assert.ok(income.distinctValues <= 10);
  });

  it('reports a bias/proxy finding on the zip header, linked to the race header', () => {
    const [finding] = auditFindings(result, 'loans.csv').filter((candidate) => candidate.code === 'bias/proxy');
    assert.ok(finding);
    assert.deepEqual(finding.range, { start: { line: 0, character: 5 }, end: { line: 0, character: 8 } });
    assert.match(finding.message, /^'zip' predicts 'race' \(Cramér's V 0\.\d\d\): a possible proxy$/);
    assert.deepEqual(finding.data?.related?.[0]?.range, {
      start: { line: 0, character: 0 },
      end: { line: 0, character: 4 },
    });
  });

  it('skips columns with more distinct values than the limit, and says so', () => {
    const limited = auditCsv(plantedProxyCsv(), {
      label: 'approved',
      sensitive: ['race'],
      limits: { maxProxyValues: 3 },
    });
    assert.ok(!limited.proxies.some((proxy) => proxy.column === 'zip'));
    assert.ok(limited.notes.some((note) => /proxy check skipped .*zip/.test(note)));
  });
});
