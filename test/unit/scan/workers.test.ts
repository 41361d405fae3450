import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { assertSameFindings, fixturesMatching } from './threadParity';
import { scanChunk } from '../../../src/engine/scan/chunkScan';
import type { RmlConfig } from '../../../src/shared/config';

/**
 * A table scanned by several threads (chunks cut at guessed line starts, verified, merged in file order) must
 * give the single-threaded scan's findings byte for byte: the same JSON, in the same order, audit included.
 * Chunks are made tiny here so that boundaries fall everywhere: inside quoted fields with line breaks, between
 * the CR and LF of a CRLF, inside multi-byte characters, on ragged rows, before a row the full parser must read.
 */

/**
 * The audit reads its first 1,000 rows before the rest can be split: with it off (parse errors kept), a fixture's
 * rows after the header are chunked too.
 */
const AUDIT_OFF: RmlConfig = { checks: { bias: false, data: false, 'data/parse-error': true } };

/**
 * A hiring table with what every check reads: a sensitive column and a label (disparities), free text with
 * identity terms and near-duplicate rows (the audit's text checks, fed across chunks), PII, quoted fields whose
 * line breaks make up most of the bytes (so chunk boundaries fall inside them), non-ASCII, ragged rows.
 */
function hiringTable(rows: number, eol: string): string {
  const words = ['Zoë', '東京', 'naïve café', 'emoji 😀', 'plain', 'delta'];
  const lines = ['id,gender,hired,email,phone,notes,comment'];
  for (let i = 0; i < rows; i++) {
    const gender = i % 3 === 0 ? 'female' : 'male';
    const hired = (i * 7) % 10 < (gender === 'male' ? 6 : 3) ? 'yes' : 'no';
    const email = i % 7 === 0 ? `user${i}@example.org` : '';
    const phone = i % 11 === 0 ? '+44 20 7946 0958' : '';
    const notes = `"line one of ${i}, ""quoted"" ${words[i % 6]}${eol}line two ${'x'.repeat(i % 40)}${eol}line three"`;
    const base =
      i % 50 < 3
        ? 'the same comment about a strong candidate who was a woman'
        : `candidate ${i} wrote about ${words[i % 6]} and a ${i % 4 === 0 ? 'gay' : 'young'} colleague`;
    const extra = i % 97 === 0 ? ',extra' : '';
    lines.push(`${i},${gender},${hired},${email},${phone},${notes},"${base}"${extra}`);
    if (i % 501 === 0) lines.push('');
  }
  return lines.join(eol) + eol;
}

describe("a table scanned by several threads gives the single thread's findings", function () {
  this.timeout(300_000);
  let dir = '';
  before(() => (dir = mkdtempSync(path.join(os.tmpdir(), 'rml-workers-'))));
  after(() => rmSync(dir, { recursive: true, force: true }));
  const file = (name: string, content: string | Buffer) => {
    const target = path.join(dir, name);
    writeFileSync(target, content);
    return target;
  };

  it('on every CSV and TSV fixture, in chunks of 64 bytes', async () => {
    const fixtures = fixturesMatching(path.resolve('test/fixtures'), /\.(csv|tsv)$/);
    assert.ok(fixtures.length >= 15, `${fixtures.length} fixtures`);
    let chunked = 0;
    for (const fixture of fixtures) {
      await assertSameFindings(fixture, 64);
      if (((await assertSameFindings(fixture, 64, 3, AUDIT_OFF)).stats.chunks ?? 0) > 1) chunked++;
    }
    assert.ok(chunked >= 10, `${chunked} fixtures were read in chunks`);
  });

  it('on a generated multi-MB table, its quoted line breaks straddling chunk boundaries (LF and CRLF)', async () => {
    const table = hiringTable(30_000, '\n');
    assert.ok(table.length > 3_000_000, `${table.length} bytes`);
    const { stats } = await assertSameFindings(file('hiring.csv', table), 64 * 1024);
    // Without the check of each guessed start, a chunk read from inside a quoted field sends the whole file back to
    // the full parser (its closing quote reads as a stray one): the findings are the same, the path is not.
    assert.deepEqual({ path: stats.path, threads: stats.threads }, { path: 'bytes', threads: 3 });
    assert.ok((stats.chunks ?? 0) > 40 && (stats.rescanned ?? 0) > 10, JSON.stringify(stats));
    await assertSameFindings(file('hiring-crlf.csv', hiringTable(8_000, '\r\n')), 10_007);
    await assertSameFindings(file('hiring-cr.csv', hiringTable(3_000, '\r')), 4_099, 2);
    await assertSameFindings(file('hiring-bom.tsv', `\uFEFF${hiringTable(3_000, '\n').replace(/,/g, '\t')}`), 3_001);
    await assertSameFindings(file('hiring-no-audit.csv', hiringTable(3_000, '\r\n')), 1_003, 2, AUDIT_OFF);
  });

  it('on two threads, an audit that reads every row fed here while a worker scans the chunks', async () => {
    // Every row's gender, label and comment go to the audit (disparities, duplicates): this thread reads them for
    // it while the worker scans the chunks without it. Its findings must be one thread's, in the same order.
    const table = file('hiring-two-threads.csv', hiringTable(12_000, '\n'));
    const { stats, findings } = await assertSameFindings(table, 32 * 1024, 2);
    // The pool is shared by the tests: it may have more workers than asked for.
    const chunked = stats.path === 'bytes' && (stats.threads ?? 0) >= 2 && (stats.chunks ?? 0) > 20;
    assert.ok(chunked, JSON.stringify(stats));
    const codes = new Set(findings.map((line) => (JSON.parse(line) as { code: string }).code));
    for (const code of ['bias/label-disparity', 'data/duplicate-row'])
      assert.ok(codes.has(code), `${code} among ${[...codes].join(', ')}`);
  });

  it('when a later chunk needs the full parser (nothing is reported twice)', async () => {
    const table = hiringTable(6_000, '\n');
    const middle =
      table.indexOf('\n7000,', table.length >> 1) + 1 || table.lastIndexOf('\n', (table.length * 3) >> 2) + 1;
    const at = (insert: string | Buffer) =>
      Buffer.concat([Buffer.from(table.slice(0, middle)), Buffer.from(insert), Buffer.from(table.slice(middle))]);
    await assertSameFindings(file('stray-quote.csv', at('1,a "b" c,x@example.org\n')), 8_192);
    await assertSameFindings(file('invalid-utf8.csv', at(Buffer.from([0x31, 0x2c, 0xe9, 0x0a]))), 8_192);
    await assertSameFindings(file('unterminated.csv', `${table}1,"open quote\n`), 8_192);
  });

  it('a chunk whose guessed start is inside a quoted field says where it started, and the scan starts it again', async () => {
    const table = 'id,notes\n1,"a\nb\nc"\n2,plain\n';
    const target = file('guess.csv', table);
    const state = { delimiter: ',', names: ['id', 'notes'], expected: 2, expectedFrom: 'header', recordIndex: 0 };
    const request = { file: 'guess.csv', relativePath: 'guess.csv', format: 'csv' as const, config: {} };
    const guessed = await scanChunk({
      path: target,
      request,
      state,
      start: table.indexOf('a') + 1,
      exact: false,
      end: Number.POSITIVE_INFINITY,
    });
    assert.equal(guessed.start, table.indexOf('b'), 'the first line start after the guess');
    const exact = await scanChunk({ path: target, request, state, start: 9, exact: true, end: table.indexOf('b') });
    assert.equal(exact.end, table.indexOf('2,'), 'the row that began before the end is read to its end');
    assert.equal(exact.lines, 3);
  });
});
