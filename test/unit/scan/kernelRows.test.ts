import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { ByteGates } from '../../../src/engine/detectors';
import { CsvByteRows, RowResult, type ByteRows } from '../../../src/engine/parse';
import { CSV_ROWS_WASM, CSV_ROWS_WASM_OPTIONS } from '../../../src/engine/scan/kernel/csvRowsWasm';
import { csvKernel, KernelRows } from '../../../src/engine/scan/kernelRows';

/** What a reader says of every row of `bytes` read in pieces of `piece` bytes, as fastCsv.ts reads them. */
function readAll(rows: ByteRows, bytes: Buffer, piece: number): string[] {
  const said: string[] = [];
  let pending = Buffer.alloc(0);
  let at = 0;
  let line = 0;
  for (let offset = 0; ; ) {
    const final = offset >= bytes.length;
    for (;;) {
      const result = rows.next(pending, pending.length, at, line, final);
      if (result !== RowResult.Row) {
        said.push(`result ${result} at ${at}`);
        if (result !== RowResult.NeedMore) return said;
        break;
      }
      const fields = Array.from({ length: rows.fieldCount }, (_, f) =>
        [rows.start[f], rows.end[f], rows.flags[f], rows.summary[f], rows.lineOf(f, false), rows.lineAtOf(f, false)]
          .concat([rows.lineOf(f, true), rows.lineAtOf(f, true)])
          .join(' '),
      );
      said.push(
        `row ${rows.rowLine} ${rows.rowEnd} ${rows.rowEndLine} ${rows.rowEndLineAt} next ${rows.nextAt} ${rows.nextLine}: ${fields.join(' | ')}`,
      );
      at = rows.nextAt;
      line = rows.nextLine;
      if (at >= pending.length && final) return said;
    }
    // A fresh buffer per read, the unread tail first, as fastCsv.ts joins them.
    const more = bytes.subarray(offset, offset + piece);
    offset += more.length;
    pending = Buffer.concat([pending.subarray(at), more]);
    at = 0;
  }
}

function assertSameRows(bytes: Buffer, piece: number, delimiter = ','): void {
  const kernel = csvKernel();
  assert.ok(kernel, 'the CSV row kernel did not load');
  const code = delimiter.charCodeAt(0);
  const expected = readAll(new CsvByteRows(code, new ByteGates()), bytes, piece);
  const actual = readAll(new KernelRows(kernel, code), bytes, piece);
  assert.deepEqual(actual, expected);
}

function tableFixtures(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return tableFixtures(full);
    return /\.(csv|tsv)$/.test(entry.name) ? [full] : [];
  });
}

const cell = fc.oneof(
  { weight: 5, arbitrary: fc.constantFrom('', 'Ada', 'ada@example.com', '+44 20 7946 0958', '4111 1111 1111 1111') },
  { weight: 2, arbitrary: fc.constantFrom('DE89 3704 0044 0532 0130 00', '10.0.0.1', 'fe80::1', 'password: hunter2!') },
  { weight: 2, arbitrary: fc.constantFrom('ghp_0123456789abcdefABCDEF0123456789abcd', '-----BEGIN', 'x--------y') },
  { weight: 2, arbitrary: fc.constantFrom('"quoted, with comma"', '"say ""hi"""', '"two\nlines"', '"crlf\r\nin"') },
  { weight: 1, arbitrary: fc.constantFrom('stray"quote', '"unterminated', '"closed"after', 'nul\0byte', 'é中文😀') },
  { weight: 2, arbitrary: fc.string({ unit: 'binary-ascii', maxLength: 40 }) },
);
const row = fc.array(cell, { minLength: 1, maxLength: 8 });
const lineBreak = fc.constantFrom('\n', '\r\n', '\r', '\n\n');

interface AscApi {
  compileString(
    sources: Record<string, string>,
    options: object,
  ): Promise<{ binary: Uint8Array | null; error: Error | null }>;
}

describe('KernelRows (the WebAssembly CSV row kernel)', () => {
  it('is compiled from its source with the recorded options (esbuild.mjs writes csvRowsWasm.ts)', async () => {
    // Named by a variable: the compiler's own type definitions declare globals (a `require` of its own) that clash
    // with Node's, so TypeScript must not load them; this is all of its API the test needs.
    const compiler = 'assemblyscript/asc';
    const { default: asc } = (await import(compiler)) as { default: AscApi };
    const source = readFileSync(path.resolve('src/engine/scan/kernel/csvRows.as.ts'), 'utf8');
    const { binary, error } = await asc.compileString({ 'csvRows.ts': source }, CSV_ROWS_WASM_OPTIONS);
    assert.equal(error, null);
    assert.equal(Buffer.from(binary!).toString('base64'), CSV_ROWS_WASM, 'run `npm run build` to compile the kernel');
  });

  it('reads every CSV and TSV fixture as the JS reader does, in pieces of 1 MiB and of 7 bytes', () => {
    const fixtures = tableFixtures(path.resolve('test/fixtures'));
    assert.ok(fixtures.length >= 15, `${fixtures.length} fixtures`);
    for (const fixture of fixtures) {
      const bytes = readFileSync(fixture);
      const delimiter = fixture.endsWith('.tsv') ? '\t' : ',';
      for (const piece of [1 << 20, 7]) assertSameRows(bytes, piece, delimiter);
    }
  });

  it('reads generated tables as the JS reader does: quotes, line breaks in them, stray quotes, NUL, CR, non-ASCII', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(row, lineBreak), { minLength: 1, maxLength: 40 }),
        fc.boolean(),
        fc.integer({ min: 1, max: 300 }),
        (rows, lastBreak, piece) => {
          const text = rows.map(([cells, end], k) => cells.join(',') + (k < rows.length - 1 || lastBreak ? end : ''));
          assertSameRows(Buffer.from(text.join(''), 'utf8'), piece);
        },
      ),
      { numRuns: 400 },
    );
  });

  it('gives the gates of long fields and fields that span the kernel 64-byte blocks as the JS reader does', () => {
    const long = [
      'a'.repeat(15),
      'a'.repeat(16),
      'x'.repeat(25) + ' ' + 'y'.repeat(26),
      '-'.repeat(4) + 'a' + '-'.repeat(5),
      'key=' + 'v'.repeat(200) + '@host.example',
      '1.2.3.4 '.repeat(20),
    ];
    for (let shift = 0; shift < 70; shift += 3) {
      const table = long.map((value) => `${'p'.repeat(shift)},${value},"${value}"`).join('\n') + '\n';
      assertSameRows(Buffer.from(table), 1 << 20);
    }
  });

  it('opens every gate at the same counts as the JS reader: each threshold, one below and at it', () => {
    const digits = (n: number) => '1234567890123456'.slice(0, n);
    const values: string[] = [];
    for (let n = 0; n <= 14; n++)
      values.push(digits(n), `+${digits(n)}`, `a${digits(n)}`, `AB${digits(n)}`, `A${digits(n)}`);
    for (let n = 0; n <= 4; n++)
      values.push('1.'.repeat(n) + '1', `${'1'.repeat(n)}...`, ':'.repeat(n), `${'ab:'.repeat(n)}`);
    for (let n = 6; n <= 9; n++)
      values.push(`${'k'.repeat(n)}=1`, `${'k'.repeat(n)};`, `${'k'.repeat(n)}>`, `${'k'.repeat(n)}:`);
    for (let n = 14; n <= 28; n++)
      values.push('t'.repeat(n), `${'t'.repeat(n)} x`, `x ${'t'.repeat(n)}`, `"${'q'.repeat(n)}"`);
    for (let n = 3; n <= 6; n++) values.push('-'.repeat(n), `a${'-'.repeat(n)}b`, `${'-'.repeat(n - 1)} -`);
    values.push('a@b', '@', 'x"y', '"a""b""c"', 'ü@ö', '1\ufeff2345678');
    const table = values.map(
      (value, k) =>
        `${k},${value.includes('"') && !value.startsWith('"') ? `"${value.replaceAll('"', '""')}"` : value}`,
    );
    assertSameRows(Buffer.from(table.join('\n') + '\n'), 1 << 20);
  });

  it('keeps one reader batch apart from another reader on the same thread', () => {
    const kernel = csvKernel();
    assert.ok(kernel);
    const a = Buffer.from('a,b\n1,2\n3,4\n5,6\n');
    const b = Buffer.from('x;y\n7;8\n9;0\n');
    const first = new KernelRows(kernel, ','.charCodeAt(0));
    const second = new KernelRows(kernel, ';'.charCodeAt(0));
    assert.equal(first.next(a, a.length, 0, 0, true), RowResult.Row);
    assert.equal(second.next(b, b.length, 0, 0, true), RowResult.Row);
    // The first reader's batch was overwritten by the second's: it runs the kernel on its own bytes again.
    assert.equal(first.next(a, a.length, first.nextAt, first.nextLine, true), RowResult.Row);
    assert.deepEqual([first.start[0], first.end[1], first.rowLine], [4, 7, 1]);
    assert.equal(second.next(b, b.length, second.nextAt, second.nextLine, true), RowResult.Row);
    assert.deepEqual([second.start[0], second.end[1], second.rowLine], [4, 7, 1]);
  });
});
