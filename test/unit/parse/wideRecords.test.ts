import { strict as assert } from 'node:assert';
import { parseText } from '../../../src/engine/parse/index';
import { DEFAULT_MAX_COLUMNS } from '../../../src/engine/parse/issues';

const MANY = 1_000_000;

/** A row of 10⁶ fields held as cells took 1 GB: records keep at most maxColumns values, and say so once. */
describe('records wider than maxColumns', () => {
  it('keeps the first 16,384 fields of a 10⁶-field CSV row, reports it once, and still counts fields for ragged rows', () => {
    const wide = Array.from({ length: MANY }, (_, i) => `c${i}`).join(',');
    const text = `${wide}\n${wide}\na,b,c\n`;
    const { header, records, issues } = parseText(text, 'csv');
    assert.equal(header?.length, DEFAULT_MAX_COLUMNS);
    assert.deepEqual(
      records.map((record) => record.cells.length),
      [DEFAULT_MAX_COLUMNS, 3],
    );
    assert.equal(records[0]!.cells.at(-1)!.column, `c${DEFAULT_MAX_COLUMNS - 1}`);
    const messages = issues.map((issue) => `${issue.range.start.line}:${issue.range.start.character} ${issue.message}`);
    const firstSkipped = wide.indexOf(`,c${DEFAULT_MAX_COLUMNS},`) + 1;
    assert.deepEqual(messages, [
      `0:${firstSkipped} more than 16384 values in a record (maxColumns): from value 16385 on they are not checked (reported once per file)`,
      `2:0 row has 3 fields, expected ${MANY} like the header`,
    ]);
  });

  it('caps the leaves of a JSON Lines line and of a JSON record the same way', () => {
    const object = `{${Array.from({ length: 20_000 }, (_, i) => `"k${i}": ${i}`).join(', ')}}`;
    const jsonl = parseText(`${object}\n{"email": "a@x.io"}\n`, 'jsonl');
    assert.deepEqual(
      jsonl.records.map((record) => record.cells.length),
      [DEFAULT_MAX_COLUMNS, 1],
    );
    assert.equal(jsonl.issues.length, 1);
    assert.match(jsonl.issues[0]!.message, /more than 16384 values in a record/);
    const json = parseText(`[${object}, ${object}]`, 'json');
    assert.deepEqual(
      json.records.map((record) => record.cells.length),
      [DEFAULT_MAX_COLUMNS, DEFAULT_MAX_COLUMNS],
    );
    assert.equal(json.issues.length, 1);
  });
});
