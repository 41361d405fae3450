import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { cellChecks, examplesFromTable } from '../../../src/engine/training/data/examples';
import { inferFormat, readDataTable } from '../../../src/engine/training/data/table';

const roles = { label: 'label', text: 'text', features: [], sensitive: ['group'], weight: 'w' };

describe('reading a training table', () => {
  let dir: string;
  const file = (name: string, content: string) => {
    const target = path.join(dir, name);
    writeFileSync(target, content);
    return target;
  };
  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'rml-table-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('reads the wanted columns of CSV, JSONL and JSON alike, missing cells as empty strings', async () => {
    const csv = file('a.csv', 'text,group,w,label\n"hello, world",A,2,yes\nbye,B,0.5,no\n');
    const jsonl = file(
      'a.jsonl',
      '{"text":"hello, world","group":"A","w":2,"label":"yes"}\n{"text":"bye","w":0.5,"label":"no"}\n',
    );
    const json = file(
      'a.json',
      JSON.stringify([
        { text: 'hello, world', group: 'A', w: 2, label: 'yes' },
        { text: 'bye', w: 0.5, label: 'no' },
      ]),
    );
    for (const source of [csv, jsonl, json]) {
      const table = await readDataTable(
        source,
        inferFormat(source),
        ['text', 'group', 'w', 'label'],
        cellChecks(roles),
      );
      const examples = examplesFromTable(table, roles);
      assert.deepEqual(examples.text, ['hello, world', 'bye'], source);
      assert.deepEqual(examples.labels, ['yes', 'no']);
      assert.deepEqual(Array.from(examples.weights), [2, 0.5]);
      // A sensitive value is its audit group: a missing one is the audit's `(missing)` group.
      assert.deepEqual(examples.sensitive.group, source === csv ? ['A', 'B'] : ['A', '(missing)']);
    }
  });

  it('reports a parse error at its line and column', async () => {
    const bad = file('bad.csv', 'text,label\n"unterminated,x\nok,y\n');
    await assert.rejects(readDataTable(bad, 'csv', ['text', 'label']), (error: Error) =>
      error.message.startsWith(`${bad}:2:1: unterminated quoted field`),
    );
    const badJsonl = file('bad.jsonl', '{"text":"a","label":"x"}\n{"text":"b",\n');
    await assert.rejects(readDataTable(badJsonl, 'jsonl', ['text', 'label']), (error: Error) =>
      error.message.startsWith(`${badJsonl}:2:13: invalid JSON`),
    );
  });

  it('points at an empty label, and at a record that has no label at all', async () => {
    const empty = file('empty.csv', 'text,group,w,label\nhi,A,1,yes\nho,B,1,\n');
    await assert.rejects(
      readDataTable(empty, 'csv', ['text', 'group', 'w', 'label'], cellChecks(roles)),
      (error: Error) => error.message === `${empty}:3:8: empty label in column 'label': every example needs a class`,
    );
    const absent = file('absent.jsonl', '{"text":"a","label":"x","w":1}\n  {"text":"b","w":1}\n');
    await assert.rejects(readDataTable(absent, 'jsonl', ['text', 'w', 'label'], cellChecks(roles)), (error: Error) =>
      error.message.startsWith(`${absent}:2:3: empty label in column 'label'`),
    );
  });

  it('names the columns the file has when a wanted one is missing, and refuses unknown extensions', async () => {
    const csv = file('cols.csv', 'a,b\n1,2\n');
    await assert.rejects(
      readDataTable(csv, 'csv', ['a', 'label']),
      new RegExp(
        `^DatasetError: ${csv.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: no column 'label' \\(columns: a, b\\)$`,
      ),
    );
    assert.throws(() => inferFormat('data.xlsx'), /cannot tell the format from '.xlsx'/);
  });
});
