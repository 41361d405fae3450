import { strict as assert } from 'node:assert';
import { createParser, formatOf, parseText } from '../../../src/engine/parse/index';
import { parseChunks } from './helpers';

describe('formatOf', () => {
  it('knows dataset and prompt files by extension, case-insensitively', () => {
    const names = [
      'a.csv',
      'b.TSV',
      'c.tab',
      'd.jsonl',
      'e.ndjson',
      'f.json',
      'g.prompt',
      'h.prompty',
      'i.txt',
      'j.md',
      'dir.v2/k',
    ];
    assert.deepEqual(
      names.map((n) => formatOf(n)),
      ['csv', 'tsv', 'tsv', 'jsonl', 'jsonl', 'json', 'text', 'text', 'text', 'text', undefined],
    );
    assert.equal(formatOf('C:\\data\\x.CSV'), 'csv');
    assert.equal(formatOf('.csv'), undefined, 'a dot file has no extension');
  });

  it('lets a specific language id win, and a generic one fill in only for unknown extensions', () => {
    assert.equal(formatOf('notes.txt', 'csv'), 'csv');
    assert.equal(formatOf('rows.jsonl', 'json'), 'jsonl');
    assert.equal(formatOf('data.csv', 'plaintext'), 'csv');
    assert.equal(formatOf('Untitled-1', 'json'), 'json');
    assert.equal(formatOf('Untitled-2', 'markdown'), 'text');
    assert.equal(formatOf('x.prompt.yml', 'rml-prompt'), 'text');
    assert.equal(formatOf('main.ts', 'typescript'), undefined);
  });
});

describe('createParser and parseText', () => {
  it('parse TSV with a tab even when commas abound', () => {
    const { records } = parseText('text\tlabel\nhello, world\t1\n', 'tsv');
    assert.deepEqual(
      records[0]?.cells.map((c) => c.value),
      ['hello, world', '1'],
    );
  });

  it('returns the same as a streaming parser fed in pieces', () => {
    const text = 'name,email\r\n"Ann ""A""",a@x.io\r\nBob,b@x.io';
    const pieces = parseChunks((sink) => createParser('csv', sink), text.match(/[\s\S]{1,5}/g) ?? []);
    assert.deepEqual(parseText(text, 'csv'), pieces);
  });
});
