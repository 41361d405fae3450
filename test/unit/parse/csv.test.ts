import { strict as assert } from 'node:assert';
import { createCsvParser } from '../../../src/engine/parse/csv';
import { parseText } from '../../../src/engine/parse/index';
import type { Cell } from '../../../src/engine/parse/types';
import { assertCellsCoverTheirSource, parseChunks, range } from './helpers';

const at = (cell: Cell | undefined) =>
  cell && [cell.start.line, cell.start.character, cell.end.line, cell.end.character];
const values = (cells: readonly Cell[] | undefined) => cells?.map((c) => c.value);

describe('CSV parser: values and exact positions', () => {
  it('reads a header and plain cells, naming columns after the header', () => {
    const { header, records, issues } = parseText('name,email\nAnn,ann@example.com\n', 'csv');
    assert.deepEqual(issues, []);
    assert.deepEqual(values(header), ['name', 'email']);
    assert.deepEqual(at(header?.[1]), [0, 5, 0, 10]);
    const [ann, email] = records[0]?.cells ?? [];
    assert.deepEqual([ann?.column, ann?.columnIndex, ann?.encoding], ['name', 0, 'plain']);
    assert.deepEqual([email?.value, email?.column, email?.columnIndex], ['ann@example.com', 'email', 1]);
    assert.deepEqual(at(email), [1, 4, 1, 19]);
    assert.deepEqual(records[0]?.range, range(1, 0, 1, 19));
    assert.equal(email?.raw, undefined);
    assert.equal(email?.delimiter, ',');
  });

  it('puts quoted values inside the quotes and keeps `""` as raw', () => {
    const text = 'id,quote\n1,"She said ""hi"", then left"\n';
    const { records } = parseText(text, 'csv');
    const cell = records[0]?.cells[1];
    assert.equal(cell?.value, 'She said "hi", then left');
    assert.equal(cell?.raw, 'She said ""hi"", then left');
    assert.equal(cell?.encoding, 'csv-quoted');
    assert.deepEqual(at(cell), [1, 3, 1, 29]);
    assert.deepEqual(records[0]?.range, range(1, 0, 1, 30));
    assert.deepEqual(assertCellsCoverTheirSource(text, records[0]?.cells ?? []), []);
  });

  it('counts CRLF as one line break, inside quotes too, and keeps the CRLF in the value', () => {
    const text = 'a,b\r\n"x\r\ny",z\r\n1,2';
    const { records, issues } = parseText(text, 'csv');
    assert.deepEqual(issues, []);
    const [xy, z] = records[0]?.cells ?? [];
    assert.equal(xy?.value, 'x\r\ny');
    assert.deepEqual(at(xy), [1, 1, 2, 1]);
    assert.deepEqual(at(z), [2, 3, 2, 4]);
    assert.deepEqual(at(records[1]?.cells[1]), [3, 2, 3, 3]);
    assert.deepEqual(records[0]?.range, range(1, 0, 2, 4));
  });

  it('treats a lone CR as a line break, as VS Code does', () => {
    const { records } = parseText('h1,h2\rv1,v2\r"a\rb",c', 'csv');
    assert.deepEqual(at(records[0]?.cells[1]), [1, 3, 1, 5]);
    assert.deepEqual(at(records[1]?.cells[0]), [2, 1, 3, 1]);
    assert.deepEqual(at(records[1]?.cells[1]), [3, 3, 3, 4]);
  });

  it('ignores a leading BOM without counting it in positions', () => {
    const { header, records } = parseText('\uFEFFname\nAnn\n', 'csv', { header: true });
    assert.equal(header?.[0]?.value, 'name');
    assert.deepEqual(at(header?.[0]), [0, 0, 0, 4]);
    assert.deepEqual(at(records[0]?.cells[0]), [1, 0, 1, 3]);
  });

  it('counts astral characters as two UTF-16 units', () => {
    const { records } = parseText('a,b\n😀x,"é😀"\n', 'csv');
    const [emoji, quoted] = records[0]?.cells ?? [];
    assert.deepEqual(at(emoji), [1, 0, 1, 3]);
    assert.deepEqual(at(quoted), [1, 5, 1, 8]);
  });

  it('skips blank lines, keeps empty fields and a trailing empty field', () => {
    const { records, issues } = parseText('a,b,c\n\n1,,\n\r\n,2,""\n', 'csv');
    assert.deepEqual(issues, []);
    assert.deepEqual(
      records.map((r) => values(r.cells)),
      [
        ['1', '', ''],
        ['', '2', ''],
      ],
    );
    assert.deepEqual(at(records[0]?.cells[2]), [2, 3, 2, 3]);
    assert.deepEqual(at(records[1]?.cells[2]), [4, 4, 4, 4]);
    assert.deepEqual(
      records.map((r) => r.index),
      [0, 1],
    );
  });

  it('detects a header only when the first row looks like one', () => {
    assert.equal(parseText('name,age\nAnn,31\n', 'csv').header?.length, 2);
    const numeric = parseText('1,2\n3,4\n', 'csv');
    assert.equal(numeric.header, undefined);
    assert.deepEqual(
      numeric.records.map((r) => r.cells.map((c) => c.column)),
      [
        ['column 1', 'column 2'],
        ['column 1', 'column 2'],
      ],
    );
    assert.equal(parseText('a,a\n1,2\n', 'csv').header, undefined, 'duplicate names are not a header');
    assert.equal(parseText('a,\n1,2\n', 'csv').header, undefined, 'an empty name is not a header');
    assert.equal(parseText('id,2019,2020\n1,2,3\n', 'csv').header, undefined, 'mostly numbers is not a header');
  });

  it('obeys header: true and header: false', () => {
    const forced = parseText('1,2\n3,4\n', 'csv', { header: true });
    assert.deepEqual(values(forced.header), ['1', '2']);
    assert.deepEqual(
      forced.records[0]?.cells.map((c) => c.column),
      ['1', '2'],
    );
    const none = parseText('name,age\nAnn,31\n', 'csv', { header: false });
    assert.equal(none.header, undefined);
    assert.equal(none.records.length, 2);
    assert.equal(none.records[0]?.cells[0]?.column, 'column 1');
  });

  it('names columns after the header without surrounding spaces (UCI Adult writes `sex ,class `)', () => {
    const { header, records } = parseText('age , sex,class \n39, Male, <=50K\n', 'csv');
    assert.deepEqual(
      records[0]?.cells.map((c) => c.column),
      ['age', 'sex', 'class'],
    );
    assert.deepEqual(
      header?.map((c) => [c.column, c.value]),
      [
        ['age', 'age '],
        ['sex', ' sex'],
        ['class', 'class '],
      ],
    );
    assert.equal(records[0]?.cells[1]?.value, ' Male', 'values keep their spaces (positions and fixes need them)');
  });

  it('names extra columns of a wide row `column N`', () => {
    const { records } = parseText('a,b\n1,2,3\n', 'csv');
    assert.deepEqual(
      records[0]?.cells.map((c) => c.column),
      ['a', 'b', 'column 3'],
    );
  });

  it('parses TSV with a tab and sniffs `;` and `|`', () => {
    const tsv = parseText('name\tnote\nAnn\t"a\tb"\n', 'tsv');
    assert.deepEqual(values(tsv.records[0]?.cells), ['Ann', 'a\tb']);
    assert.equal(tsv.records[0]?.cells[0]?.delimiter, '\t');
    assert.deepEqual(values(parseText('a;b\n1;2,5\n', 'csv').records[0]?.cells), ['1', '2,5']);
    assert.deepEqual(values(parseText('a|b\n1|2\n', 'csv').records[0]?.cells), ['1', '2']);
  });

  it('gives the same output for every chunking, even inside "", CRLF or a surrogate pair', () => {
    const text = 'name,"no""te"\r\n"x""y","😀\r\nz"\r\n😀,b\r';
    const whole = parseChunks((sink) => createCsvParser(sink), [text]);
    for (let cut = 0; cut <= text.length; cut++) {
      const split = parseChunks((sink) => createCsvParser(sink), [text.slice(0, cut), text.slice(cut)]);
      assert.deepEqual(split, whole, `cut at ${cut}`);
    }
    const oneByOne = parseChunks((sink) => createCsvParser(sink), [...text.split(''), '']);
    assert.deepEqual(oneByOne, whole);
  });

  it('refuses a delimiter that cannot work, and push after end', () => {
    assert.throws(() => createCsvParser({ record() {}, issue() {} }, { delimiter: '"' }), /delimiter/);
    assert.throws(() => createCsvParser({ record() {}, issue() {} }, { maxFieldLength: 0 }), /maxFieldLength/);
    const parser = createCsvParser({ record() {}, issue() {} });
    parser.end();
    assert.throws(() => parser.push('a'), /after end/);
  });
});
