import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseFile, readTextChunks } from '../../../src/engine/parse/readFile';
import { parseText } from '../../../src/engine/parse/index';
import { collectingSink } from './helpers';

async function readAll(file: string, chunkBytes: number): Promise<string[]> {
  const chunks: string[] = [];
  for await (const chunk of readTextChunks(file, chunkBytes)) chunks.push(chunk);
  return chunks;
}

describe('readTextChunks and parseFile', () => {
  let dir = '';
  const file = (name: string, content: string | Buffer) => {
    const target = path.join(dir, name);
    writeFileSync(target, content);
    return target;
  };
  before(() => (dir = mkdtempSync(path.join(tmpdir(), 'rml-parse-'))));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('decodes multi-byte UTF-8 split across reads of any size', async () => {
    const text = 'é中😀,"a😀b"\r\n'.repeat(5);
    const target = file('multi.csv', text);
    for (const chunkBytes of [1, 2, 3, 5, 7, 1 << 20]) {
      const chunks = await readAll(target, chunkBytes);
      assert.equal(chunks.join(''), text, `chunkBytes ${chunkBytes}`);
      for (const chunk of chunks)
        assert.doesNotMatch(chunk, /[\uD800-\uDBFF]$/, 'no chunk ends in half a surrogate pair');
    }
  });

  it('drops a leading BOM even when it arrives one byte at a time', async () => {
    const target = file('bom.csv', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('a,b\n')]));
    assert.equal((await readAll(target, 1)).join(''), 'a,b\n');
    assert.equal((await readAll(target, 4096)).join(''), 'a,b\n');
  });

  it('turns invalid UTF-8 into U+FFFD, which the parser reports', async () => {
    const target = file('latin1.csv', Buffer.from([0x61, 0x0a, 0x63, 0x61, 0x66, 0xe9, 0x0a, 0x78, 0xe2, 0x82]));
    assert.equal((await readAll(target, 2)).join(''), 'a\ncaf\uFFFD\nx\uFFFD');
    const sink = collectingSink();
    await parseFile(target, 'csv', sink, { header: true, chunkBytes: 3 });
    assert.deepEqual(
      sink.result.issues.map((i) => [i.range.start.line, i.range.start.character]),
      [
        [1, 3],
        [2, 1],
      ],
    );
  });

  it('streams a file through the parser with the same result as parsing the text', async () => {
    const text = 'name,note\r\n"Ann","multi\r\nline 😀"\r\nBob,"say ""hi"""\r\n';
    const target = file('people.csv', text);
    const sink = collectingSink();
    await parseFile(target, 'csv', sink, { chunkBytes: 3 });
    assert.deepEqual(sink.result, parseText(text, 'csv'));
  });

  it('names the file it cannot read, and stops when aborted', async () => {
    await assert.rejects(
      parseFile(path.join(dir, 'missing.csv'), 'csv', collectingSink()),
      /cannot read .*missing\.csv: ENOENT/,
    );
    const target = file('abort.csv', 'a,b\n1,2\n');
    const controller = new AbortController();
    controller.abort(new Error('cancelled by the user'));
    await assert.rejects(
      parseFile(target, 'csv', collectingSink(), { signal: controller.signal }),
      /cancelled by the user/,
    );
  });

  it('lets an error thrown by the sink through unchanged', async () => {
    const target = file('sink.csv', 'a,b\n1,2\n');
    const failing = {
      record: () => {
        throw new Error('sink failed');
      },
      issue() {},
    };
    await assert.rejects(parseFile(target, 'csv', failing, { chunkBytes: 2 }), /^Error: sink failed$/);
  });
});
