import { strict as assert } from 'node:assert';
import { encodeCsvField, encodeJsonString, replaceInCell } from '../../../src/engine/parse/encode';
import { parseText } from '../../../src/engine/parse/index';
import { applyEdit, range } from './helpers';

describe('encodeCsvField and encodeJsonString', () => {
  it('quotes a CSV field only when it needs it', () => {
    assert.equal(encodeCsvField('plain', ','), 'plain');
    assert.equal(encodeCsvField('a,b', ','), '"a,b"');
    assert.equal(encodeCsvField('a,b', '\t'), 'a,b');
    assert.equal(encodeCsvField('a\tb', '\t'), '"a\tb"');
    assert.equal(encodeCsvField('say "hi"', ','), '"say ""hi"""');
    assert.equal(encodeCsvField('two\r\nlines', ','), '"two\r\nlines"');
    assert.equal(encodeCsvField(' padded', ','), '" padded"');
    assert.equal(encodeCsvField('', ','), '');
  });

  it('escapes the inside of a JSON string', () => {
    assert.equal(encodeJsonString('a"b\\c\nd\u0001😀'), 'a\\"b\\\\c\\nd\\u0001😀');
  });
});

describe('replaceInCell', () => {
  it('edits only the replaced part of a plain cell when the result stays plain', () => {
    const text = 'name,email\nAnn,ann@x.io\n';
    const cell = parseText(text, 'csv').records[0]?.cells[1];
    assert.ok(cell);
    const edit = replaceInCell(cell, 0, 3, '<EMAIL>');
    assert.deepEqual(edit, { range: range(1, 4, 1, 7), newText: '<EMAIL>' });
    assert.equal(applyEdit(text, edit), 'name,email\nAnn,<EMAIL>@x.io\n');
  });

  it('quotes the whole plain cell when the replacement holds the delimiter or a quote', () => {
    const text = 'name,email\nAnn,ann@x.io\n';
    const cell = parseText(text, 'csv').records[0]?.cells[1];
    assert.ok(cell);
    const edit = replaceInCell(cell, 0, 3, 'x, "y"');
    assert.deepEqual(edit, { range: range(1, 4, 1, 12), newText: '"x, ""y""@x.io"' });
    assert.equal(parseText(applyEdit(text, edit), 'csv').records[0]?.cells[1]?.value, 'x, "y"@x.io');
  });

  it('doubles quotes inside a quoted cell and escapes inside a JSON string', () => {
    const csv = 'a\n"say ""hi"""\n';
    const quoted = parseText(csv, 'csv', { header: true }).records[0]?.cells[0];
    assert.ok(quoted);
    assert.deepEqual(replaceInCell(quoted, 4, 8, '"yo"'), { range: range(1, 5, 1, 11), newText: '""yo""' });
    const json = '{"t": "a\\nb"}';
    const string = parseText(json, 'jsonl').records[0]?.cells[0];
    assert.ok(string);
    assert.deepEqual(replaceInCell(string, 1, 2, '"\n'), { range: range(0, 8, 0, 10), newText: '\\"\\n' });
  });

  it('turns a JSON number into a string when the result is no longer a number', () => {
    const json = '{"phone": 5550100, "n": 12}';
    const [phone, n] = parseText(json, 'jsonl').records[0]?.cells ?? [];
    assert.ok(phone && n);
    assert.deepEqual(replaceInCell(phone, 0, 7, '<PHONE>'), { range: range(0, 10, 0, 17), newText: '"<PHONE>"' });
    assert.deepEqual(replaceInCell(n, 1, 2, '5'), { range: range(0, 25, 0, 26), newText: '5' });
  });

  it('replaces free text as is, and never splits a CRLF', () => {
    const text = 'hello, "world"\r\nbye';
    const cell = parseText(text, 'text').records[0]?.cells[0];
    assert.ok(cell);
    assert.deepEqual(replaceInCell(cell, 7, 14, 'you'), { range: range(0, 7, 0, 14), newText: 'you' });
    const edit = replaceInCell(cell, 15, 17, '');
    assert.equal(applyEdit(text, edit), 'hello, "world"\rye');
  });
});
