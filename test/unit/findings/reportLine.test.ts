import { strict as assert } from 'node:assert';
import { cutLine, joinLine, jsonLine, textLine } from '../../../src/engine/findings';
import type { Finding } from '../../../src/shared/findings';

const finding = (data: Finding['data'], line = 3): Finding => ({
  file: 'data/customers.csv',
  range: { start: { line, character: 15 }, end: { line: line + 1, character: 2 } },
  code: 'pii/email',
  severity: 'warning',
  message: "Email address in column 'email'",
  ...(data ? { data } : {}),
});

/** The finding as a worker sees it (lines from its chunk's start) and as the report has it (moved down `shift`). */
function atChunk(found: Finding, shift: number): Finding {
  const { start, end } = found.range;
  return {
    ...found,
    range: {
      start: { line: start.line - shift, character: start.character },
      end: { line: end.line - shift, character: end.character },
    },
  };
}

describe('a finding as a report line cut where its line numbers go', () => {
  const evidence = { evidence: ['well-formed address', "column 'email' names email addresses"], fingerprint: 'ab12' };

  for (const format of ['text', 'json'] as const) {
    const render = format === 'json' ? jsonLine : textLine;
    it(`joins, moved down by the chunk's first line, to the ${format} line of the finding`, () => {
      for (const found of [finding(evidence, 1_000_007), finding(undefined, 12), finding({ fingerprint: 'f' }, 0)]) {
        const cut = cutLine(format, atChunk(found, 1_000));
        assert.ok(cut);
        assert.equal(cut.code, 'pii/email');
        assert.equal(cut.severity, 'warning');
        assert.equal(joinLine(cut, 1_000).text, render(found));
      }
    });
  }

  it('keeps the order of members a finding was built with', () => {
    const built = {
      code: 'bias/label-disparity',
      severity: 'error',
      message: 'm',
      file: 'f.csv',
      range: finding(undefined).range,
    };
    assert.equal(joinLine(cutLine('json', built as Finding)!, 0).text, jsonLine(built as Finding));
  });

  it("is not cut when the finding's own values hold the digits of a mark: it crosses as itself", () => {
    assert.equal(cutLine('json', finding({ fingerprint: 'x', count: Number.MAX_SAFE_INTEGER })), undefined);
    assert.equal(cutLine('json', finding({ fingerprint: 'x', note: 'id 9007199254740990' })), undefined);
    assert.ok(cutLine('text', finding({ fingerprint: 'x', note: 'id 9007199254740990' })));
  });
});

describe('the text line of findings that share their parts', () => {
  const line = (character: number, message: string, evidence: string[], severity: Finding['severity'] = 'warning') =>
    textLine({
      file: 'f.csv',
      range: { start: { line: 0, character }, end: { line: 0, character: character + 3 } },
      code: 'pii/email',
      severity,
      message,
      data: { evidence, fingerprint: 'x' },
    });

  it('follows every part, for findings one after another with one frozen evidence array', () => {
    const shared = Object.freeze(['well-formed address']) as string[];
    assert.equal(line(4, 'm', shared), 'f.csv:1:5: warning pii/email m (well-formed address)\n');
    assert.equal(line(4, 'm', shared), 'f.csv:1:5: warning pii/email m (well-formed address)\n');
    assert.equal(line(5, 'm', shared), 'f.csv:1:6: warning pii/email m (well-formed address)\n');
    assert.equal(line(4, 'n', shared), 'f.csv:1:5: warning pii/email n (well-formed address)\n');
    assert.equal(line(4, 'm', shared, 'error'), 'f.csv:1:5: error pii/email m (well-formed address)\n');
    assert.equal(line(4, 'm', ['other']), 'f.csv:1:5: warning pii/email m (other)\n');
  });

  it('reads an evidence array that is not frozen anew each time: it may have changed', () => {
    const evidence = ['first'];
    assert.equal(line(4, 'm', evidence), 'f.csv:1:5: warning pii/email m (first)\n');
    evidence.push('second');
    assert.equal(line(4, 'm', evidence), 'f.csv:1:5: warning pii/email m (first; second)\n');
  });
});
