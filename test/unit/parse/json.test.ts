import { strict as assert } from 'node:assert';
import { parseText } from '../../../src/engine/parse/index';
import { createJsonParser, jsonRecordsShape } from '../../../src/engine/parse/json';
import { assertCellsCoverTheirSource, parseChunks, range } from './helpers';

describe('JSON document parser', () => {
  it('makes each element of a root array a record, with key paths relative to the element', () => {
    const text = '[\n  {"name": "Ann", "tags": ["a", "b"]},\n  {"name": "B\\u00f6b", "age": 40},\n  "loose"\n]\n';
    const { records, issues } = parseText(text, 'json');
    assert.deepEqual(issues, []);
    assert.deepEqual(
      records.map((r) => [r.index, r.cells.map((c) => [c.column, c.value])]),
      [
        [
          0,
          [
            ['name', 'Ann'],
            ['tags[]', 'a'],
            ['tags[]', 'b'],
          ],
        ],
        [
          1,
          [
            ['name', 'Böb'],
            ['age', '40'],
          ],
        ],
        [2, [['', 'loose']]],
      ],
    );
    assert.deepEqual(records[0]?.range, range(1, 2, 1, 37));
    assert.deepEqual(records[1]?.cells[0]?.start, { line: 2, character: 12 });
    assert.deepEqual(records[2]?.range, range(3, 2, 3, 9));
    for (const record of records) assert.deepEqual(assertCellsCoverTheirSource(text, record.cells), []);
  });

  it('reads the records of {"data": [...]} and gathers the other leaves into a last metadata record', () => {
    const text = '{"meta": {"source": "crm"}, "data": [{"email": "a@x.io"}, {"email": "b@x.io"}], "count": 2}';
    const { records } = parseText(text, 'json');
    assert.deepEqual(
      records.map((r) => [r.index, r.metadata ?? false, r.cells.map((c) => [c.column, c.value])]),
      [
        [0, false, [['email', 'a@x.io']]],
        [1, false, [['email', 'b@x.io']]],
        [
          2,
          true,
          [
            ['meta.source', 'crm'],
            ['count', '2'],
          ],
        ],
      ],
    );
    assert.deepEqual(records[2]?.range, range(0, 0, 0, text.length));
  });

  it('treats any other document as one record of all its leaves', () => {
    assert.deepEqual(jsonRecordsShape('{"train": [1], "test": [2]}'), { kind: 'document' });
    assert.deepEqual(jsonRecordsShape('{"rows": [{"a": [1]}]}'), { kind: 'property', name: 'rows' });
    assert.deepEqual(jsonRecordsShape(' [ ] '), { kind: 'array' });
    const { records } = parseText('{"train": [{"t": "x"}], "test": [{"t": "y"}]}', 'json');
    assert.deepEqual(
      records.map((r) => [r.index, r.metadata, r.cells.map((c) => c.column)]),
      [[0, undefined, ['train[].t', 'test[].t']]],
    );
    assert.deepEqual(
      parseText('"just text"', 'json').records[0]?.cells.map((c) => [c.column, c.value]),
      [['', 'just text']],
    );
  });

  it('reports syntax errors at their position, drops only the broken records', () => {
    const text = '[\n {"a": 1},\n {"a": 2,},\n {"a": 3} // c\n]';
    const { records, issues } = parseText(text, 'json');
    assert.deepEqual(
      issues.map((i) => [i.message, i.range]),
      [
        ['invalid JSON: property name expected (trailing commas are not allowed)', range(2, 9, 2, 10)],
        ['invalid JSON: comments are not allowed in JSON', range(3, 10, 3, 14)],
      ],
    );
    assert.deepEqual(
      records.map((r) => r.cells[0]?.value),
      ['1', '3'],
    );
  });

  it('reports an empty document, invalid UTF-8 and a NUL (binary: no records)', () => {
    assert.deepEqual(
      parseText(' \n', 'json').issues.map((i) => i.message),
      ['empty file: only blank lines'],
    );
    assert.deepEqual(
      parseText('', 'json').issues.map((i) => i.message),
      ['empty file'],
    );
    const bad = parseText('[\n"a\uFFFDb"]', 'json');
    assert.deepEqual(
      bad.issues.map((i) => i.range),
      [range(1, 2, 1, 3)],
    );
    assert.equal(bad.records.length, 1);
    const binary = parseText('["a",\n "\0"]', 'json');
    assert.deepEqual(
      binary.issues.map((i) => i.message),
      ['binary file: NUL byte at line 2, column 3; nothing after it is read'],
    );
    assert.equal(binary.records.length, 0);
  });

  it('gives the same result however the document is chunked, and ignores a BOM', () => {
    const text = '\uFEFF{"data": [{"a": "x😀"}]}';
    const whole = parseChunks((sink) => createJsonParser(sink), [text]);
    assert.deepEqual(whole.records[0]?.cells[0]?.start, { line: 0, character: 17 });
    for (let cut = 0; cut <= text.length; cut++) {
      assert.deepEqual(
        parseChunks((sink) => createJsonParser(sink), [text.slice(0, cut), text.slice(cut)]),
        whole,
      );
    }
  });

  it('reports a document too large to hold instead of running out of memory', () => {
    const text = `[${'{"a": "x"},'.repeat(20)}{}]`;
    const { records, issues } = parseChunks(
      (sink) => createJsonParser(sink, { maxTextLength: 100 }),
      text.match(/[\s\S]{1,9}/g) ?? [],
    );
    assert.equal(records.length, 0);
    assert.match(issues[0]?.message ?? '', /^JSON document longer than 100 characters: too large to hold in memory/);
    assert.equal(parseText(text, 'json', { maxTextLength: text.length }).records.length, 21);
  });
});
