import { strict as assert } from 'node:assert';
import { parseText } from '../../../src/engine/parse/index';
import { MAX_JSON_DEPTH, tooDeepAt } from '../../../src/engine/parse/jsonDepth';

/** 8,000 levels overflowed jsonc-parser's recursion ("Maximum call stack size exceeded"); 9,000 to be sure. */
const DEEP = 9000;

describe('deeply nested JSON', () => {
  it('finds the bracket that opens one level too many, skipping brackets inside strings', () => {
    assert.equal(tooDeepAt('[[["[[[["]]]', 0, undefined, 3), -1);
    assert.equal(tooDeepAt('{"a": [[{}]]}', 0, undefined, 3), 8);
    assert.equal(tooDeepAt('["\\"[[[[", [[[1]]]]', 0, undefined, 3), 13);
    // Malformed input only needs to be counted: stray closers never take the depth below zero.
    assert.equal(tooDeepAt(']]]][[', 0, undefined, 1), 5);
    assert.equal(tooDeepAt(`${'['.repeat(MAX_JSON_DEPTH)}${']'.repeat(MAX_JSON_DEPTH)}`), -1);
  });

  it('reports a JSON document nested 9,000 levels deep at the bracket, instead of overflowing the stack', () => {
    const text = `{"data": ${'['.repeat(DEEP)}${']'.repeat(DEEP)}}`;
    const { records, issues } = parseText(text, 'json');
    assert.deepEqual(records, []);
    assert.equal(issues.length, 1);
    assert.match(issues[0]!.message, /JSON nested deeper than 256 levels: this document is not read/);
    assert.deepEqual(issues[0]!.range.start, { line: 0, character: 9 + MAX_JSON_DEPTH - 1 });
  });

  it('skips a deep JSON Lines line with an issue at its position, and reads the lines around it', () => {
    const deepLine = `${'{"x":'.repeat(DEEP)}1${'}'.repeat(DEEP)}`;
    const { records, issues } = parseText(`{"email": "a@x.io"}\n${deepLine}\n{"email": "b@x.io"}\n`, 'jsonl');
    assert.deepEqual(
      records.map((record) => record.cells.map((cell) => cell.value)),
      [['a@x.io'], ['b@x.io']],
    );
    assert.equal(issues.length, 1);
    assert.match(issues[0]!.message, /this line is not read/);
    assert.deepEqual(issues[0]!.range.start, { line: 1, character: 5 * MAX_JSON_DEPTH });
  });
});
