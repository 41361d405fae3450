import { strict as assert } from 'node:assert';
import { createCsvParser } from '../../../src/engine/parse/csv';
import { parseText } from '../../../src/engine/parse/index';
import type { Cell } from '../../../src/engine/parse/types';
import { heapGrowth, parseChunks, range } from './helpers';

const values = (cells: readonly Cell[] | undefined) => cells?.map((c) => c.value);

describe('CSV parser: malformed input becomes issues, and parsing goes on', () => {
  it('reports an unterminated quote at the quote and resumes at the next line', () => {
    const { records, issues } = parseText('a,b\n1,"open\n2,3\n4,5\n', 'csv');
    assert.equal(issues.length, 1);
    assert.match(issues[0]?.message ?? '', /unterminated quoted field.*end of the file/);
    assert.deepEqual(issues[0]?.range, range(1, 2, 1, 3));
    assert.deepEqual(
      records.map((r) => values(r.cells)),
      [['1'], ['2', '3'], ['4', '5']],
    );
    assert.deepEqual(records[0]?.range, range(1, 0, 1, 7));
  });

  it('gives up on a quote that stays open for maxFieldLength characters, in bounded memory', () => {
    // A stray quote near the top of a long file: with a 50-character limit the rest is still read.
    const rows = Array.from({ length: 200 }, (_, i) => `${i},name ${i}`).join('\n');
    const text = `id,name\n"oops,x\n${rows}\n`;
    const chunks = text.match(/[\s\S]{1,7}/g) ?? [];
    const { records, issues } = parseChunks((sink) => createCsvParser(sink, { maxFieldLength: 50 }), chunks);
    assert.equal(issues.length, 1);
    assert.match(issues[0]?.message ?? '', /no closing quote \("\) within 50 characters/);
    assert.deepEqual(issues[0]?.range, range(1, 0, 1, 1));
    assert.equal(records.length, 201);
    assert.deepEqual(values(records[200]?.cells), ['199', 'name 199']);
    assert.deepEqual(records[200]?.cells[1]?.start, { line: 201, character: 4 });
  });

  it('treats a closing quote found only after maxFieldLength characters as unterminated', () => {
    const text = `a,b\n"${'x'.repeat(30)}",1\n2,3\n`;
    const { records, issues } = parseText(text, 'csv', { maxFieldLength: 20 });
    assert.match(issues[0]?.message ?? '', /within 20 characters/);
    assert.deepEqual(
      records.map((r) => values(r.cells)),
      [[], ['2', '3']],
    );
  });

  it('reports text after a closing quote over its exact span and keeps the quoted value', () => {
    const { records, issues } = parseText('a,b,c\n"x" y,2,3\n', 'csv');
    assert.equal(issues.length, 1);
    assert.match(issues[0]?.message ?? '', /after the closing quote/);
    assert.deepEqual(issues[0]?.range, range(1, 3, 1, 5));
    assert.deepEqual(values(records[0]?.cells), ['x', '2', '3']);
    assert.deepEqual(records[0]?.cells[1]?.start, { line: 1, character: 6 });
  });

  it('reports a quote inside an unquoted field at the quote, once per field, and keeps it in the value', () => {
    const { records, issues } = parseText('size,b\n5" screen "x",2\n', 'csv');
    assert.equal(issues.length, 1);
    assert.match(issues[0]?.message ?? '', /quote \("\) inside an unquoted field/);
    assert.deepEqual(issues[0]?.range, range(1, 1, 1, 2));
    assert.deepEqual(values(records[0]?.cells), ['5" screen "x"', '2']);
  });

  it('reports each ragged row once, over the row, and still emits it', () => {
    const { records, issues } = parseText('a,b,c\n1,2\n1,2,3\n1,2,3,4\n', 'csv');
    assert.deepEqual(
      issues.map((i) => [i.message, i.range]),
      [
        ['row has 2 fields, expected 3 like the header', range(1, 0, 1, 3)],
        ['row has 4 fields, expected 3 like the header', range(3, 0, 3, 7)],
      ],
    );
    assert.equal(records.length, 3);
    const noHeader = parseText('1,2\n3\n', 'csv');
    assert.equal(noHeader.issues[0]?.message, 'row has 1 field, expected 2 like the first row');
  });

  it('reports each run of U+FFFD (invalid UTF-8) at its place, in plain and quoted fields', () => {
    const { records, issues } = parseText('a,b\nx\uFFFD\uFFFDy,"p\r\nq\uFFFD"\n', 'csv');
    assert.deepEqual(
      issues.map((i) => [i.message, i.range]),
      [
        [
          'invalid UTF-8 byte sequences (2 in a row): the file is not valid UTF-8 here (shown as U+FFFD)',
          range(1, 1, 1, 3),
        ],
        ['invalid UTF-8 byte sequence: the file is not valid UTF-8 here (shown as U+FFFD)', range(2, 1, 2, 2)],
      ],
    );
    assert.deepEqual(values(records[0]?.cells), ['x\uFFFD\uFFFDy', 'p\r\nq\uFFFD']);
  });

  it('stops at the first NUL byte: one binary-file issue, no record from there on', () => {
    const { records, issues } = parseText('a,b\n1,2\n3,x\0y\n5,6\n', 'csv');
    assert.deepEqual(issues, [
      { message: 'binary file: NUL byte at line 3, column 4; nothing after it is read', range: range(2, 3, 2, 4) },
    ]);
    assert.deepEqual(
      records.map((r) => values(r.cells)),
      [['1', '2']],
    );
  });

  it('reports an empty file, and a file of blank lines, at 0:0', () => {
    assert.deepEqual(parseText('', 'csv').issues, [{ message: 'empty file', range: range(0, 0, 0, 0) }]);
    assert.deepEqual(
      parseText('\uFEFF', 'csv').issues.map((i) => i.message),
      ['empty file'],
    );
    assert.deepEqual(
      parseText('\r\n\n', 'csv').issues.map((i) => i.message),
      ['empty file: only blank lines'],
    );
  });

  it('skips a field longer than maxFieldLength, reporting its start, and keeps the other cells', () => {
    const text = `a,b,c\n1,${'y'.repeat(40)},3\n4,5,6\n`;
    const whole = parseText(text, 'csv', { maxFieldLength: 10 });
    assert.deepEqual(
      whole.issues.map((i) => [i.message, i.range]),
      [['field longer than 10 characters (maxFieldLength): its value is skipped', range(1, 2, 1, 3)]],
    );
    assert.deepEqual(
      whole.records.map((r) => values(r.cells)),
      [
        ['1', '3'],
        ['4', '5', '6'],
      ],
    );
    assert.deepEqual(
      whole.records[0]?.cells.map((c) => c.columnIndex),
      [0, 2],
    );
    const chunked = parseChunks(
      (sink) => createCsvParser(sink, { maxFieldLength: 10 }),
      text.match(/[\s\S]{1,3}/g) ?? [],
    );
    assert.deepEqual(chunked, whole);
  });

  it('caps invalid UTF-8 reports for files in another encoding', () => {
    const text = `a\n${'caf\uFFFD\n'.repeat(1500)}`;
    const { issues, records } = parseText(text, 'csv');
    assert.equal(issues.length, 1001);
    assert.match(issues[1000]?.message ?? '', /probably in another encoding/);
    assert.equal(records.length, 1500);
  });
});

describe('CSV parser: bounded memory', () => {
  for (const [name, head] of [
    ['a quote that never closes', 'id,text\n1,"never closed,'],
    ['one endless unquoted field', 'id,text\n1,'],
  ] as const) {
    it(`holds at most about maxFieldLength characters of ${name}`, () => {
      const chunk = 'x'.repeat(100_000) + '\uFFFD';
      const issues: string[] = [];
      const parser = createCsvParser(
        { record() {}, issue: (issue) => void issues.push(issue.message) },
        { maxFieldLength: 50_000 },
      );
      parser.push(head);
      // 30 M characters: at least 30 MB if they were kept.
      const grown = heapGrowth(() => {
        for (let i = 0; i < 300; i++) parser.push(chunk);
      });
      parser.end();
      assert.ok(grown < 8e6, `heap grew by ${Math.round(grown / 1e6)} MB while reading 30 M characters`);
      assert.ok(issues.length >= 2, 'the limit and the invalid UTF-8 were reported');
    });
  }
});
