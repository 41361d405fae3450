import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { replaceInCell } from '../../../src/engine/parse/encode';
import { parseText } from '../../../src/engine/parse/index';
import { createJsonlParser } from '../../../src/engine/parse/jsonl';
import type { Cell } from '../../../src/engine/parse/types';
import { applyEdit, assertCellsCoverTheirSource, heapGrowth, parseChunks, range, splitAt } from './helpers';

const at = (cell: Cell | undefined) =>
  cell && [cell.start.line, cell.start.character, cell.end.line, cell.end.character];

describe('JSONL parser', () => {
  it('names cells by key path, with arrays as []', () => {
    const text =
      '{"email":"a@x.io","user":{"email":"b@x.io"},"messages":[{"role":"user","content":"hi"}],"m":[[1]]}\n["x"]\n';
    const { records, issues } = parseText(text, 'jsonl');
    assert.deepEqual(issues, []);
    assert.deepEqual(
      records[0]?.cells.map((c) => [c.column, c.value]),
      [
        ['email', 'a@x.io'],
        ['user.email', 'b@x.io'],
        ['messages[].role', 'user'],
        ['messages[].content', 'hi'],
        ['m[][]', '1'],
      ],
    );
    assert.deepEqual(
      records[1]?.cells.map((c) => c.column),
      ['[]'],
    );
    assert.deepEqual(
      records[0]?.cells.map((c) => c.columnIndex),
      [0, 1, 2, 3, 4],
    );
    assert.deepEqual(
      records.map((r) => r.index),
      [0, 1],
    );
  });

  it('places string cells inside the quotes, decodes escapes and keeps the raw text', () => {
    const text = '{"a": "x\\"y\\n\\ud83d\\ude00", "b": "plain"}';
    const { records } = parseText(text, 'jsonl');
    const [a, b] = records[0]?.cells ?? [];
    assert.equal(a?.value, 'x"y\n😀');
    assert.equal(a?.raw, 'x\\"y\\n\\ud83d\\ude00');
    assert.equal(a?.encoding, 'json-string');
    assert.deepEqual(at(a), [0, 7, 0, 25]);
    assert.equal(b?.raw, undefined);
    assert.deepEqual(assertCellsCoverTheirSource(text, records[0]?.cells ?? []), []);
  });

  it('keeps numbers and booleans as their source text, skips null', () => {
    const { records } = parseText('{"n": 1.50, "e": -2e3, "t": true, "z": null}', 'jsonl');
    assert.deepEqual(
      records[0]?.cells.map((c) => [c.column, c.value, c.encoding, c.start.character, c.end.character]),
      [
        ['n', '1.50', 'json-literal', 6, 10],
        ['e', '-2e3', 'json-literal', 17, 21],
        ['t', 'true', 'json-literal', 28, 32],
      ],
    );
  });

  it('counts CRLF and lone CR as line breaks, skips blank lines, ignores a BOM', () => {
    const { records, issues } = parseText('\uFEFF{"a":"1"}\r\n\r\n  \t\n{"a":"2"}\r{"a":"3"}', 'jsonl');
    assert.deepEqual(issues, []);
    assert.deepEqual(
      records.map((r) => at(r.cells[0])),
      [
        [0, 6, 0, 7],
        [3, 6, 3, 7],
        [4, 6, 4, 7],
      ],
    );
    assert.deepEqual(records[0]?.range, range(0, 0, 0, 9));
  });

  it('reports a bad line where jsonc-parser finds the error, skips it, and parses the others', () => {
    const text = '{"a":1}\n{"a":2,}\n{"a":3} // note\n{"a":"open}\n[1] [2]\n{"a":4}\n';
    const { records, issues } = parseText(text, 'jsonl');
    assert.deepEqual(
      issues.map((i) => [i.message, i.range]),
      [
        ['invalid JSON: property name expected (trailing commas are not allowed)', range(1, 7, 1, 8)],
        ['invalid JSON: comments are not allowed in JSON', range(2, 8, 2, 15)],
        ['invalid JSON: unterminated string', range(3, 5, 3, 11)],
        ['invalid JSON: one JSON value per line expected', range(4, 4, 4, 5)],
      ],
    );
    assert.deepEqual(
      records.map((r) => [r.index, r.cells[0]?.value, r.cells[0]?.start.line]),
      [
        [0, '1', 0],
        [1, '4', 5],
      ],
    );
  });

  it('reports invalid UTF-8 runs, stops at a NUL, and reports an empty file', () => {
    const bad = parseText('{"a":"\uFFFD\uFFFD"}\n{"a":"ok"}\n{"a":"\0"}\n{"a":"lost"}\n', 'jsonl');
    assert.deepEqual(
      bad.issues.map((i) => i.range),
      [range(0, 6, 0, 8), range(2, 6, 2, 7)],
    );
    assert.match(bad.issues[1]?.message ?? '', /^binary file: NUL byte at line 3, column 7/);
    assert.equal(bad.records.length, 2);
    assert.deepEqual(
      parseText('', 'jsonl').issues.map((i) => i.message),
      ['empty file'],
    );
    assert.deepEqual(
      parseText('\n \n', 'jsonl').issues.map((i) => i.message),
      ['empty file: only blank lines'],
    );
  });

  it('skips a line longer than maxFieldLength without buffering it', () => {
    const text = `{"a":"${'x'.repeat(100)}"}\n{"a":"short"}\n`;
    const whole = parseText(text, 'jsonl', { maxFieldLength: 20 });
    assert.deepEqual(
      whole.issues.map((i) => [i.message, i.range]),
      [['line longer than 20 characters (maxFieldLength): skipped', range(0, 0, 0, 1)]],
    );
    assert.deepEqual(
      whole.records.map((r) => r.cells[0]?.value),
      ['short'],
    );
    const chunked = parseChunks(
      (sink) => createJsonlParser(sink, { maxFieldLength: 20 }),
      text.match(/[\s\S]{1,4}/g) ?? [],
    );
    assert.deepEqual(chunked, whole);
  });

  it('gives the same output for a cut anywhere, inside a CRLF or a surrogate pair too', () => {
    const text = '\uFEFF{"a":"😀\\n"}\r\n{"b":[1,"é😀"]}\r{bad}\n';
    const whole = parseChunks((sink) => createJsonlParser(sink), [text]);
    assert.equal(whole.records.length, 2);
    assert.equal(whole.issues.length, 1);
    for (let cut = 0; cut <= text.length; cut++) {
      assert.deepEqual(
        parseChunks((sink) => createJsonlParser(sink), [text.slice(0, cut), text.slice(cut)]),
        whole,
        `cut ${cut}`,
      );
    }
  });

  it('holds at most about maxFieldLength characters of an endless line', () => {
    const records: unknown[] = [];
    const issues: string[] = [];
    const parser = createJsonlParser(
      { record: (r) => void records.push(r), issue: (i) => void issues.push(i.message) },
      { maxFieldLength: 50_000 },
    );
    parser.push('{"text": "');
    const chunk = 'x'.repeat(100_000);
    const grown = heapGrowth(() => {
      for (let i = 0; i < 300; i++) parser.push(chunk);
    });
    parser.push('"}\n{"a": 1}\n');
    parser.end();
    assert.ok(grown < 8e6, `heap grew by ${Math.round(grown / 1e6)} MB while reading 30 M characters`);
    assert.deepEqual(issues, ['line longer than 50000 characters (maxFieldLength): skipped']);
    assert.equal(records.length, 1);
  });

  it('parses any JSON value per line back to its leaves, at their source text, for any chunking', () => {
    const jsonLine = fc.jsonValue({ maxDepth: 3 }).map((value) => ({ value, line: JSON.stringify(value) }));
    fc.assert(
      fc.property(
        fc.array(jsonLine, { minLength: 1, maxLength: 5 }),
        fc.constantFrom('\n', '\r\n', '\r'),
        fc.array(fc.nat()),
        (lines, eol, cuts) => {
          const text = lines.map((l) => l.line).join(eol);
          const whole = parseChunks((sink) => createJsonlParser(sink), [text]);
          assert.deepEqual(whole.issues, []);
          assert.deepEqual(
            whole.records.map((r) => r.cells.map((c) => [c.column, c.value])),
            lines.map((l) => leaves(l.value, '')),
          );
          for (const record of whole.records) assert.deepEqual(assertCellsCoverTheirSource(text, record.cells), []);
          const chunked = parseChunks(
            (sink) => createJsonlParser(sink),
            splitAt(
              text,
              cuts.map((c) => c % (text.length + 1)),
            ),
          );
          assert.deepEqual(chunked, whole);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('applies replaceInCell edits inside JSON strings that re-parse to the intended value', () => {
    const piece = fc.constantFrom('a', '"', '\\', '\n', '\r\n', '\t', '😀', 'é', '\u2028', '\u0001', '/');
    const text = fc.array(piece, { maxLength: 6 }).map((p) => p.join(''));
    fc.assert(
      fc.property(text, text, fc.nat(), fc.nat(), (value, replacement, a, b) => {
        const document = `{"id":1,"text":${JSON.stringify(value)}}\n`;
        const cell = parseText(document, 'jsonl').records[0]?.cells[1];
        assert.ok(cell);
        const [from, to] = [a % (value.length + 1), b % (value.length + 1)].sort((x, y) => x - y) as [number, number];
        const edited = applyEdit(document, replaceInCell(cell, from, to, replacement));
        const after = parseText(edited, 'jsonl');
        assert.deepEqual(after.issues, []);
        assert.equal(after.records[0]?.cells[1]?.value, value.slice(0, from) + replacement + value.slice(to));
      }),
      { numRuns: 300 },
    );
  });
});

/** The leaves a JSONL parser should report for `value`, in document order, with their key paths. */
function leaves(value: unknown, path: string): Array<[string, string]> {
  if (value === null) return [];
  if (Array.isArray(value)) return value.flatMap((item) => leaves(item, `${path}[]`));
  if (typeof value === 'object') {
    return Object.entries(value as Record<string, unknown>).flatMap(([key, item]) =>
      leaves(item, path === '' ? key : `${path}.${key}`),
    );
  }
  return [[path, typeof value === 'string' ? value : JSON.stringify(value)]];
}
