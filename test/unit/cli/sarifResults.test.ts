import { strict as assert } from 'node:assert';
import path from 'node:path';
import { cutLine, cutSarifTail, joinLine, joinedEntry, sarifResult } from '../../../src/engine/findings';
import type { Finding } from '../../../src/shared/findings';

/** The result as the report writes it: its head, then the tail written out directly (undefined when not). */
function written(found: Finding, ruleIndex: number): string | undefined {
  const tail = cutSarifTail(found);
  return tail && `{"ruleId":${JSON.stringify(found.code)},"ruleIndex":${ruleIndex}${joinedEntry(tail)}`;
}

/** The same, from the line a worker cut at its chunk's lines (`shift` lines down). */
function writtenByWorker(found: Finding, ruleIndex: number, shift: number): string | undefined {
  const { start, end } = found.range;
  const range = { start: { ...start, line: start.line - shift }, end: { ...end, line: end.line - shift } };
  const cut = cutLine('sarif', { ...found, range });
  return cut && `{"ruleId":${JSON.stringify(found.code)},"ruleIndex":${ruleIndex}${joinLine(cut, shift).text}`;
}

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
    for (const [index, found] of findings.entries()) {
      const expected = JSON.stringify(sarifResult(found, index % 3));
      assert.equal(written(found, index % 3), expected);
      assert.equal(writtenByWorker(found, index % 3, 5), expected);
    }
  });

  it('leave a finding of another shape to JSON.stringify', () => {
    const related = [{ file: 'a.csv', range: finding(0).range, message: 'the other row' }];
    assert.equal(written(finding(1, {}, { related }), 0), undefined);
    assert.equal(written(finding(1, {}, { fingerprint: 7 }), 0), undefined);
    const nan = { start: { line: Number.NaN, character: 0 }, end: { line: 0, character: 0 } };
    assert.equal(written(finding(1, { range: nan }), 0), undefined);
    assert.equal(written(finding(1, { severity: 'fatal' as Finding['severity'] }), 0), undefined);
  });
});
