import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseFile } from '../../../src/engine/parse/readFile';
import { parseText, type DatasetFormat } from '../../../src/engine/parse/index';
import { collectingSink } from './helpers';

const utf16le = (text: string) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
const utf16be = (text: string) => Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(text, 'utf16le').swap16()]);

describe('file encodings: UTF-16 with a BOM, and U+FFFD that is text', () => {
  let dir = '';
  const file = (name: string, content: Buffer) => {
    const target = path.join(dir, name);
    writeFileSync(target, content);
    return target;
  };
  const parsed = async (target: string, format: DatasetFormat, chunkBytes = 5) => {
    const sink = collectingSink();
    await parseFile(target, format, sink, { chunkBytes });
    return sink.result;
  };
  before(() => (dir = mkdtempSync(path.join(tmpdir(), 'rml-encodings-'))));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('reads UTF-16 LE and BE files with a BOM as the text VS Code shows (it was "invalid UTF-8" and NUL bytes)', async () => {
    const csv = 'name,email\r\n"Zoë",zoe@example.org\r\nAnn 😀,ann@example.org\r\n';
    const jsonl = '{"email": "zoë@example.org"}\n{"note": "😀"}\n';
    for (const [name, encode] of [
      ['le', utf16le],
      ['be', utf16be],
    ] as const) {
      for (const chunkBytes of [1, 3, 1 << 20]) {
        assert.deepEqual(
          await parsed(file(`${name}.csv`, encode(csv)), 'csv', chunkBytes),
          parseText(csv, 'csv'),
          `${name} csv ${chunkBytes}`,
        );
        assert.deepEqual(
          await parsed(file(`${name}.jsonl`, encode(jsonl)), 'jsonl', chunkBytes),
          parseText(jsonl, 'jsonl'),
        );
      }
    }
  });

  it('does not call a U+FFFD written in valid UTF-8 invalid, in any format read from disk', async () => {
    const cases: Array<[DatasetFormat, string]> = [
      ['csv', 'name,note\nAnn,bad \uFFFD char\nBob,"quoted \uFFFD\uFFFD"\n'],
      ['jsonl', '{"note": "\uFFFD"}\n'],
      ['json', '[{"note": "\uFFFD"}]'],
      ['text', 'A prompt with \uFFFD in it.'],
    ];
    for (const [format, text] of cases) {
      const result = await parsed(file(`genuine.${format}`, Buffer.from(text, 'utf8')), format);
      assert.deepEqual(result.issues, [], format);
      assert.ok(
        result.records.some((record) => record.cells.some((cell) => cell.value.includes('\uFFFD'))),
        format,
      );
      // Text from an editor cannot tell: there every U+FFFD is taken for a byte the editor could not decode.
      assert.ok(parseText(text, format).issues.length > 0, format);
    }
  });

  it('still reports invalid bytes beside a genuine U+FFFD, each at its own place', async () => {
    // "caf" 0xE9 (Latin-1 é, invalid) then a real U+FFFD, then 0xFF: two invalid runs, the genuine one between them.
    const bytes = Buffer.concat([
      Buffer.from('a\ncaf'),
      Buffer.from([0xe9]),
      Buffer.from('\uFFFD'),
      Buffer.from([0xff]),
      Buffer.from('\n'),
    ]);
    for (const format of ['csv', 'jsonl', 'text'] as const) {
      const result = await parsed(file(`mixed.${format}`, bytes), format, 2);
      const invalid = result.issues.filter((issue) => /invalid UTF-8/.test(issue.message));
      assert.deepEqual(
        invalid.map((issue) => [issue.range.start.line, issue.range.start.character, issue.range.end.character]),
        [
          [1, 3, 4],
          [1, 5, 6],
        ],
        format,
      );
    }
  });
});
