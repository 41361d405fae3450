import { strict as assert } from 'node:assert';
import { cellValueRange, LineIndex } from '../../../src/engine/parse/positions';
import { parseText } from '../../../src/engine/parse/index';
import { range, textAt } from './helpers';

describe('LineIndex', () => {
  it('maps offsets and positions both ways over LF, CRLF and lone CR', () => {
    const lines = new LineIndex('ab\ncd\r\nef\rg');
    assert.equal(lines.lineCount, 4);
    assert.deepEqual(
      [0, 2, 3, 5, 7, 9, 10, 11].map((o) => lines.positionAt(o)),
      [
        { line: 0, character: 0 },
        { line: 0, character: 2 },
        { line: 1, character: 0 },
        { line: 1, character: 2 },
        { line: 2, character: 0 },
        { line: 2, character: 2 },
        { line: 3, character: 0 },
        { line: 3, character: 1 },
      ],
    );
    assert.deepEqual(lines.positionAt(6), { line: 1, character: 2 }, 'between CR and LF maps to the CR');
    assert.equal(lines.offsetAt({ line: 1, character: 99 }), 5, 'clamped before the line break');
    assert.equal(lines.offsetAt({ line: 9, character: 0 }), 11);
  });
});

describe('cellValueRange', () => {
  it('maps value offsets through CSV "" escapes', () => {
    const text = 'a,b\n1,"say ""hi"" to ann@x.io"\n';
    const cell = parseText(text, 'csv').records[0]?.cells[1];
    assert.ok(cell);
    const start = cell.value.indexOf('ann@x.io');
    const r = cellValueRange(cell, start, start + 8);
    assert.deepEqual(r, range(1, 17, 1, 25));
    assert.equal(textAt(text, r), 'ann@x.io');
    assert.equal(textAt(text, cellValueRange(cell, 4, 8)), '""hi""');
  });

  it('maps across quoted line breaks, CRLF counting once', () => {
    const text = 'a\n"one\r\ntwo\rthree"\n';
    const cell = parseText(text, 'csv', { header: true }).records[0]?.cells[0];
    assert.ok(cell);
    assert.deepEqual(cellValueRange(cell, 5, 8), range(2, 0, 2, 3));
    assert.deepEqual(cellValueRange(cell, 9, 14), range(3, 0, 3, 5));
    assert.deepEqual(cellValueRange(cell, 0, 0), range(1, 1, 1, 1));
  });

  it('maps through JSON escapes, \\uXXXX surrogate pairs included', () => {
    const text = '{"t": "a\\tb \\ud83d\\ude00 c\\"d"}';
    const cell = parseText(text, 'jsonl').records[0]?.cells[0];
    assert.ok(cell);
    assert.equal(cell.value, 'a\tb 😀 c"d');
    assert.equal(textAt(text, cellValueRange(cell, 4, 6)), '\\ud83d\\ude00');
    assert.equal(textAt(text, cellValueRange(cell, 2, 3)), 'b');
    assert.equal(textAt(text, cellValueRange(cell, 7, 10)), 'c\\"d');
  });

  it('maps within a multi-line text cell and refuses offsets outside the value', () => {
    const text = 'line one\nsecret here';
    const cell = parseText(text, 'text').records[0]?.cells[0];
    assert.ok(cell);
    assert.deepEqual(cellValueRange(cell, 9, 15), range(1, 0, 1, 6));
    assert.throws(() => cellValueRange(cell, 3, 99), RangeError);
  });
});
