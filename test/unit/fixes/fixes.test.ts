import { strict as assert } from 'node:assert';
import { editsForReplacements, type TextEdit } from '../../../src/engine/fixes/cellEdits';
import { anonymized, masked, saltedHash } from '../../../src/engine/fixes/replacements';
import { parseText } from '../../../src/engine/parse/index';
import { LineIndex } from '../../../src/engine/parse/positions';
import type { Finding } from '../../../src/shared/findings';

function apply(text: string, edits: TextEdit[]): string {
  const lines = new LineIndex(text);
  const sorted = [...edits].sort((a, b) => lines.offsetAt(b.range.start) - lines.offsetAt(a.range.start));
  let result = text;
  for (const edit of sorted) {
    result =
      result.slice(0, lines.offsetAt(edit.range.start)) + edit.newText + result.slice(lines.offsetAt(edit.range.end));
  }
  return result;
}

/** The range of the first occurrence of `needle` in `text`. */
function rangeOf(text: string, needle: string, from = 0) {
  const lines = new LineIndex(text);
  const start = text.indexOf(needle, from);
  assert.ok(start >= 0, `'${needle}' not in text`);
  return lines.rangeOf(start, start + needle.length);
}

const finding = (code: string, placeholder?: string): Finding => ({
  file: 'a.csv',
  range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
  code,
  severity: 'warning',
  message: '',
  data: { fingerprint: '0000000000000000', placeholder },
});

describe('anonymising replacements (Presidio operators)', () => {
  it('redacts to the typed placeholder', () => {
    assert.equal(anonymized('redact', finding('pii/email', '<EMAIL>'), 'a@b.com', undefined), '<EMAIL>');
    assert.equal(anonymized('redact', finding('pii/us-ssn'), '078-05-1121', undefined), '<US_SSN>');
  });

  it('masks all but the last four letters or digits, keeping separators', () => {
    assert.equal(masked('4111 1111 1111 1111'), '**** **** **** 1111');
    assert.equal(masked('ab'), 'ab');
  });

  it('hashes with the salt (SHA-256 of salt + value), and refuses without one', () => {
    // echo -n 'pepper1234ada@example.com' | sha256sum
    assert.equal(
      saltedHash('ada@example.com', 'pepper1234'),
      'a19755f4012eb6f9138414aa987774a1f80248b94f04b9bdb12281abd987b9cc',
    );
    assert.notEqual(saltedHash('ada@example.com', 'pepper1234'), saltedHash('ada@example.com', 'salt5678'));
    assert.throws(() => anonymized('hash', finding('pii/email'), 'x', undefined), /salt/);
  });
});

describe('edits that keep the file valid', () => {
  it('replaces only the matched text inside a plain CSV cell', () => {
    const text = 'id,email\n1,contact ada@example.com now\n';
    const edits = editsForReplacements(text, 'csv', [{ range: rangeOf(text, 'ada@example.com'), value: '<EMAIL>' }]);
    assert.equal(apply(text, edits), 'id,email\n1,contact <EMAIL> now\n');
  });

  it('quotes a plain cell when the replacement holds the delimiter', () => {
    const text = 'id,email\n1,ada@example.com\n';
    const edits = editsForReplacements(text, 'csv', [{ range: rangeOf(text, 'ada@example.com'), value: 'a, b' }]);
    const after = apply(text, edits);
    assert.equal(after, 'id,email\n1,"a, b"\n');
    assert.equal(parseText(after, 'csv').records[0]!.cells[1]!.value, 'a, b');
  });

  it('doubles quotes inside quoted cells and escapes inside JSON strings', () => {
    const csv = 'id,notes\n1,"said ""hi"" to ada@example.com"\n';
    const csvAfter = apply(
      csv,
      editsForReplacements(csv, 'csv', [{ range: rangeOf(csv, 'ada@example.com'), value: '"x"' }]),
    );
    assert.equal(parseText(csvAfter, 'csv').records[0]!.cells[1]!.value, 'said "hi" to "x"');
    const jsonl = '{"text": "mail ada@example.com\\n"}\n';
    const jsonlAfter = apply(
      jsonl,
      editsForReplacements(jsonl, 'jsonl', [{ range: rangeOf(jsonl, 'ada@example.com'), value: 'a"b' }]),
    );
    assert.equal(JSON.parse(jsonlAfter.trim()).text, 'mail a"b\n');
  });

  it('combines several replacements in one cell into a valid edit', () => {
    const text = 'id,contacts\n1,ada@example.com;bob@example.org\n';
    const edits = editsForReplacements(text, 'csv', [
      { range: rangeOf(text, 'ada@example.com'), value: 'x,y' },
      { range: rangeOf(text, 'bob@example.org'), value: '<EMAIL>' },
    ]);
    const after = apply(text, edits);
    assert.equal(parseText(after, 'csv').records[0]!.cells[1]!.value, 'x,y;<EMAIL>');
  });

  it('fixes many cells at once ("all in file") with independent edits', () => {
    const text = 'email\nada@example.com\nbob@example.org\n';
    const edits = editsForReplacements(text, 'csv', [
      { range: rangeOf(text, 'ada@example.com'), value: '<EMAIL>' },
      { range: rangeOf(text, 'bob@example.org'), value: '<EMAIL>' },
    ]);
    assert.equal(edits.length, 2);
    assert.equal(apply(text, edits), 'email\n<EMAIL>\n<EMAIL>\n');
  });

  it('drops a replacement whose range no longer lies inside one cell', () => {
    const text = 'a,b\n1,2\n';
    const spanning = { start: { line: 1, character: 0 }, end: { line: 1, character: 3 } };
    assert.deepEqual(editsForReplacements(text, 'csv', [{ range: spanning, value: 'x' }]), []);
  });

  it('makes minimal edits in prompt files', () => {
    const text = 'You are a bot.\nMail ada@example.com or bob@example.org.\n';
    const edits = editsForReplacements(text, 'text', [
      { range: rangeOf(text, 'ada@example.com'), value: '<EMAIL>' },
      { range: rangeOf(text, 'bob@example.org'), value: '<EMAIL>' },
    ]);
    assert.equal(edits.length, 2);
    assert.equal(apply(text, edits), 'You are a bot.\nMail <EMAIL> or <EMAIL>.\n');
  });
});
