import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { createCsvParser } from '../../../src/engine/parse/csv';
import { encodeCsvField, replaceInCell } from '../../../src/engine/parse/encode';
import { parseText } from '../../../src/engine/parse/index';
import { LineIndex } from '../../../src/engine/parse/positions';
import type { Position } from '../../../src/shared/findings';
import { applyEdit, parseChunks, splitAt } from './helpers';

/** Pieces that stress CSV: delimiters, quotes, every line break, astral and other non-ASCII characters. */
const PIECES = ['a', 'Z', '7', ' ', ',', '\t', ';', '|', '"', '""', '\r', '\n', '\r\n', 'é', '😀', '中', '\u2028'];
const cellValue = fc.oneof(
  { weight: 4, arbitrary: fc.array(fc.constantFrom(...PIECES), { maxLength: 6 }).map((p) => p.join('')) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 8 }).map((s) => s.replace(/[\0\uFFFD\uFEFF]/g, 'x')) },
);
const lineBreak = fc.constantFrom('\n', '\r\n', '\r');

const table = (minColumns: number) =>
  fc.integer({ min: minColumns, max: 4 }).chain((columns) =>
    fc.record({
      delimiter: fc.constantFrom(',', '\t', ';', '|'),
      rows: fc.array(fc.array(cellValue, { minLength: columns, maxLength: columns }), { minLength: 1, maxLength: 6 }),
      breaks: fc.array(lineBreak, { minLength: 6, maxLength: 6 }),
      forceQuotes: fc.array(fc.boolean(), { minLength: 24, maxLength: 24 }),
      finalBreak: fc.boolean(),
    }),
  );

interface ExpectedCell {
  value: string;
  encoding: 'plain' | 'csv-quoted';
  raw?: string;
  start: Position;
  end: Position;
}

/** The test's own CSV writer: writes the table and notes where each value lands (independently of the parser). */
function writeTable(t: {
  delimiter: string;
  rows: string[][];
  breaks: string[];
  forceQuotes: boolean[];
  finalBreak: boolean;
}): { text: string; expected: ExpectedCell[][] } {
  let text = '';
  const spans: Array<Array<{ value: string; quoted: boolean; from: number; to: number }>> = [];
  t.rows.forEach((row, r) => {
    const rowSpans: (typeof spans)[number] = [];
    row.forEach((value, c) => {
      if (c > 0) text += t.delimiter;
      const needed = /["\r\n]/.test(value) || value.includes(t.delimiter) || (row.length === 1 && value === '');
      const quoted = needed || (t.forceQuotes[(r * 4 + c) % 24] ?? false);
      const inner = quoted ? value.replaceAll('"', '""') : value;
      const from = text.length + (quoted ? 1 : 0);
      text += quoted ? `"${inner}"` : inner;
      rowSpans.push({ value, quoted, from, to: from + inner.length });
    });
    spans.push(rowSpans);
    if (r < t.rows.length - 1 || t.finalBreak) text += t.breaks[r % t.breaks.length] ?? '\n';
  });
  const lines = new LineIndex(text);
  const expected = spans.map((row) =>
    row.map(({ value, quoted, from, to }): ExpectedCell => {
      const cell: ExpectedCell = {
        value,
        encoding: quoted ? 'csv-quoted' : 'plain',
        start: lines.positionAt(from),
        end: lines.positionAt(to),
      };
      if (value.includes('"')) cell.raw = value.replaceAll('"', '""');
      return cell;
    }),
  );
  return { text, expected };
}

describe('CSV parser: properties', () => {
  it('parses any written table back to the same values at the positions the writer noted', () => {
    fc.assert(
      fc.property(table(1), (t) => {
        const { text, expected } = writeTable(t);
        const parsed = parseText(text, 'csv', { delimiter: t.delimiter, header: false });
        assert.deepEqual(parsed.issues, []);
        const actual = parsed.records.map((record) =>
          record.cells.map(({ value, encoding, raw, start, end }) => ({
            value,
            encoding,
            start,
            end,
            ...(raw === undefined ? {} : { raw }),
          })),
        );
        assert.deepEqual(actual, expected);
      }),
      { numRuns: 400 },
    );
  });

  it('gives output identical to one push for any chunking, malformed input and tiny limits included', () => {
    const messy = fc
      .array(fc.constantFrom(...PIECES, '\0', '\uFFFD', '\uFFFD\uFFFD', '\uFEFF', 'abcdefgh', '"x"y'), {
        maxLength: 40,
      })
      .map((p) => p.join(''));
    fc.assert(
      fc.property(
        messy,
        fc.array(fc.nat(), { maxLength: 8 }),
        fc.option(fc.integer({ min: 1, max: 12 }), { nil: undefined }),
        fc.constantFrom<string | undefined>(',', '\t', undefined),
        (text, cuts, maxFieldLength, delimiter) => {
          const create = (sink: Parameters<typeof createCsvParser>[0]) =>
            createCsvParser(sink, { maxFieldLength, delimiter });
          const whole = parseChunks(create, [text]);
          const chunked = parseChunks(
            create,
            splitAt(
              text,
              cuts.map((c) => c % (text.length + 1)),
            ),
          );
          assert.deepEqual(chunked, whole);
        },
      ),
      { numRuns: 1500 },
    );
  });

  it('reads back any value written by encodeCsvField', () => {
    fc.assert(
      fc.property(cellValue, fc.constantFrom(',', '\t', ';', '|'), (value, delimiter) => {
        const text = `h1${delimiter}h2\n${encodeCsvField(value, delimiter)}${delimiter}end\n`;
        const parsed = parseText(text, 'csv', { delimiter, header: true });
        assert.deepEqual(parsed.issues, []);
        assert.equal(parsed.records[0]?.cells[0]?.value, value);
      }),
      { numRuns: 400 },
    );
  });

  it('applies replaceInCell edits that re-parse to the intended value and leave other cells alone', () => {
    fc.assert(
      fc.property(table(2), fc.nat(), fc.nat(), fc.nat(), fc.nat(), cellValue, (t, r, c, a, b, replacement) => {
        const { text } = writeTable(t);
        const options = { delimiter: t.delimiter, header: false } as const;
        const before = parseText(text, 'csv', options).records;
        const record = before[r % before.length];
        const cell = record?.cells[c % record.cells.length];
        if (!record || !cell) return;
        const [from, to] = [a % (cell.value.length + 1), b % (cell.value.length + 1)].sort((x, y) => x - y) as [
          number,
          number,
        ];
        const edited = applyEdit(text, replaceInCell(cell, from, to, replacement));
        const after = parseText(edited, 'csv', options);
        assert.deepEqual(after.issues, []);
        const intended = before.map((row) => row.cells.map((other) => other.value));
        intended[record.index]![cell.columnIndex] = cell.value.slice(0, from) + replacement + cell.value.slice(to);
        assert.deepEqual(
          after.records.map((row) => row.cells.map((other) => other.value)),
          intended,
        );
      }),
      { numRuns: 400 },
    );
  });
});
