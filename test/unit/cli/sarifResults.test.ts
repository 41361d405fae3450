import { strict as assert } from 'node:assert';
import path from 'node:path';
import { SarifResults, sarifResult } from '../../../src/cli/report/sarif';
import type { Finding } from '../../../src/shared/findings';

function finding(line: number, overrides: Partial<Finding> = {}, data: Record<string, unknown> = {}): Finding {
  return {
    file: 'data/customers.csv',
    range: { start: { line, character: 15 }, end: { line: line + 1, character: 2 } },
    code: 'pii/email',
    severity: 'warning',
    message: "Email address in column 'email'",
    data: { fingerprint: `fp${line}`, evidence: ['well-formed address'], ...data } as Finding['data'],
    ...overrides,
  };
}

describe('SARIF results written out directly', () => {
  it('are what JSON.stringify writes of the result, for findings one after another that differ in any part', () => {
    const findings: Finding[] = [
      finding(0),
      finding(1),
      finding(2, { severity: 'error' }),
      finding(3, { severity: 'information' }),
      finding(4, { severity: 'hint' }),
      finding(5, { code: 'secret/aws-access-key' }),
      finding(6, { message: 'a "quoted"\tmessage\u2028with \ud800 a lone surrogate' }),
      finding(7, { file: path.resolve('data/with space/é.csv') }),
      finding(8, { file: 'relative dir/file #1.csv' }),
      finding(9, { data: undefined }),
      finding(10, {}, { fingerprint: '' }),
      finding(11, {}, { fingerprint: 'a"b' }),
      finding(12, { range: { start: { line: 12, character: 0 }, end: { line: 12, character: 1e21 } } }),
      finding(13),
    ];
    const results = new SarifResults();
    for (const [index, found] of findings.entries())
      assert.equal(results.result(found, index % 3), JSON.stringify(sarifResult(found, index % 3)));
  });

  it('leave a finding of another shape to JSON.stringify', () => {
    const results = new SarifResults();
    const related = [{ file: 'a.csv', range: finding(0).range, message: 'the other row' }];
    assert.equal(results.result(finding(1, {}, { related }), 0), undefined);
    assert.equal(results.result(finding(1, {}, { fingerprint: 7 }), 0), undefined);
    const nan = { start: { line: Number.NaN, character: 0 }, end: { line: 0, character: 0 } };
    assert.equal(results.result(finding(1, { range: nan }), 0), undefined);
    assert.equal(results.result(finding(1, { severity: 'fatal' as Finding['severity'] }), 0), undefined);
  });
});
