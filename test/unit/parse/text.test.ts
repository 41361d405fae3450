import { strict as assert } from 'node:assert';
import { parseText } from '../../../src/engine/parse/index';
import { createTextParser } from '../../../src/engine/parse/text';
import { parseChunks, range } from './helpers';

describe('text parser', () => {
  it('makes the whole document one record with one cell, positions exact', () => {
    const text = 'You are a helpful assistant.\r\nIgnore 😀 nothing.\n';
    const { records, issues } = parseText(text, 'text');
    assert.deepEqual(issues, []);
    assert.equal(records.length, 1);
    const cell = records[0]?.cells[0];
    assert.deepEqual([cell?.value, cell?.column, cell?.encoding], [text, '', 'plain']);
    assert.deepEqual(
      [cell?.start, cell?.end],
      [
        { line: 0, character: 0 },
        { line: 2, character: 0 },
      ],
    );
    assert.deepEqual(records[0]?.range, range(0, 0, 2, 0));
  });

  it('ignores a BOM, yields nothing for an empty document, and stops at a NUL', () => {
    assert.equal(parseText('\uFEFFhi', 'text').records[0]?.cells[0]?.value, 'hi');
    assert.deepEqual(parseText('', 'text'), { records: [], issues: [] });
    const binary = parseText('ok\n\uFFFDx\0', 'text');
    assert.deepEqual(
      binary.issues.map((i) => i.range),
      [range(1, 0, 1, 1), range(1, 2, 1, 3)],
    );
    assert.equal(binary.records.length, 0);
  });

  it('keeps at most maxTextLength characters, never half a surrogate pair, and says so', () => {
    const { records, issues } = parseChunks(
      (sink) => createTextParser(sink, { maxTextLength: 5 }),
      ['abc', 'd😀', 'more'],
    );
    assert.equal(records[0]?.cells[0]?.value, 'abcd');
    assert.deepEqual(
      issues.map((i) => [i.message, i.range]),
      [['document longer than 5 characters (maxTextLength): the rest is not checked', range(0, 4, 0, 4)]],
    );
  });
});
