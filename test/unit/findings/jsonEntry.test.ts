import { strict as assert } from 'node:assert';
import { cutLine, joinLine, jsonLine } from '../../../src/engine/findings';
import { cutJsonEntry } from '../../../src/engine/findings/jsonEntry';
import type { Finding } from '../../../src/shared/findings';

const evidence = Object.freeze(['well-formed address', "column 'email' names email addresses"]) as string[];
const otherEvidence = Object.freeze([
  'well-formed address',
  "top-level domain '.de' is registered at IANA",
]) as string[];

function email(line: number, character: number, fingerprint: unknown = `fp${line}`, extra = {}): Finding {
  return {
    file: 'data/customers.csv',
    range: { start: { line, character }, end: { line, character: character + 18 } },
    code: 'pii/email',
    severity: 'warning',
    message: "Email address in column 'email'",
    data: { confidence: 0.65, evidence, column: 'email', fixes: ['redact', 'mask'], fingerprint, ...extra } as never,
  };
}

function codeLast(finding: Finding): Finding {
  const { code, ...rest } = finding;
  return { ...rest, code };
}

/** The entry as JSON.stringify writes it, and as a worker's cut line joins it `shift` lines down. */
function assertWritesAsJson(finding: Finding): void {
  assert.equal(jsonLine(finding), JSON.stringify(finding));
  const { start, end } = finding.range;
  const range = { ...finding.range, start: { ...start, line: start.line - 7 }, end: { ...end, line: end.line - 7 } };
  const cut = cutLine('json', { ...finding, range });
  if (cut) assert.equal(joinLine(cut, 7).text, JSON.stringify(finding));
}

describe("a finding's JSON entry made from the pieces of a finding like it", () => {
  it('writes what JSON.stringify writes, for findings one after another that differ in any member', () => {
    const findings: Finding[] = [
      email(10, 15),
      email(11, 15),
      email(12, 3, 'a"quote\\and\u2028line'),
      email(13, 15, 'lone \ud800 surrogate'),
      email(14, 15, 42),
      email(15, 15, undefined),
      email(16, 15),
      email(17, 15, 'fp', { region: 'GB' }),
      email(18, 15, 'fp', { region: 'US' }),
      email(19, 15, 'fp', { evidenceOf: { nested: [1, 'two', null, { three: 3 }] } }),
      email(20, 15, 'fp', { evidenceOf: { nested: [1, 'two', null, { three: 4 }] } }),
      email(20, 15, 'fp', { evidenceOf: { nested: [1, 'two', null, { three: 4, four: 4 }] } }),
      email(20, 15, 'fp', { evidenceOf: { nested: [1, 'two', null, { four: 4, three: 4 }] } }),
      email(21, 15, 'fp', { skipped: undefined }),
      email(22, 15, 'fp', { count: Number.NaN }),
      email(23, 15, 'fp', { count: Number.NaN }),
      email(24, 15, 'fp', { count: -0 }),
      email(25, 15, 'fp', { count: 0 }),
      email(26, 15, 'fp', { when: new Date(0) }),
      email(27, 15, 'fp', { when: new Date(1) }),
      { ...email(28, 15), severity: 'error' },
      { ...email(29, 15), message: 'another message' },
      { ...email(30, 15), file: 'other.csv' },
      // The members in another order.
      codeLast(email(31, 15)),
      // A range that is not plain: JSON has its extra member.
      { ...email(32, 15), range: { ...email(32, 15).range, note: 'x' } as never },
      {
        ...email(33, 15),
        range: { start: { line: 33, character: Number.POSITIVE_INFINITY }, end: { line: 33, character: 2 } },
      },
      email(34, 1.5),
      // Values that hold the marks.
      email(35, 15, 'fp', { id: Number.MAX_SAFE_INTEGER }),
      email(36, 15, '\u0000rml:fingerprint\u0000'),
      email(37, 15, 'fp', { note: '\u0000rml:fingerprint\u0000' }),
      email(38, 15),
      // Reasons that alternate (a frozen array each), and reasons in an array of their own.
      email(39, 15, 'fp', { evidence: otherEvidence }),
      email(40, 15),
      email(41, 15, 'fp', { evidence: otherEvidence }),
      email(42, 15, 'fp', { evidence: ['well-formed address'] }),
      email(43, 15, 'fp', { evidence: ['another reason'] }),
    ];
    for (const finding of findings) assertWritesAsJson(finding);
  });

  it('follows an object of the finding before that changed after it was written', () => {
    const fixes = ['redact'];
    const first = email(1, 2, 'fp', { fixes });
    assertWritesAsJson(first);
    fixes.push('hash');
    assertWritesAsJson(email(2, 2, 'fp', { fixes }));
    const data = { ...email(3, 2).data!, confidence: 0.1 };
    const shared = { ...email(3, 2), data };
    assertWritesAsJson(shared);
    data.confidence = 0.9;
    assertWritesAsJson({ ...shared, range: email(4, 2).range });
  });

  it('is cut at the positions and the fingerprint, its pieces those of the finding before', () => {
    const first = cutJsonEntry(email(100, 15, 'aa'));
    const second = cutJsonEntry(email(200, 16, 'bb'));
    assert.ok(first && second);
    assert.equal(second.pieces, first.pieces, 'the same pieces');
    assert.deepEqual(second.fills, [200, '16', 200, '34', '"bb"']);
    // A string fingerprint is a fill; any other is part of the pieces.
    const numbered = cutJsonEntry(email(300, 15, 7));
    assert.deepEqual(numbered?.fills, [300, '15', 300, '33']);
  });

  it('is not cut when a value holds a mark, or a position is not a finite number', () => {
    assert.equal(cutJsonEntry(email(1, 2, 'fp', { id: 9007199254740990 })), undefined);
    assert.equal(cutJsonEntry(email(1, Number.NaN)), undefined);
  });
});
