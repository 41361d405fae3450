import { strict as assert } from 'node:assert';
import { columnEdits } from '../../../src/engine/fixes';
import type { TextEdit } from '../../../src/shared/findings';

function applied(text: string, edits: readonly TextEdit[]): string {
  const lineStarts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === '\n') lineStarts.push(i + 1);
  const offset = (p: TextEdit['range']['start']) => lineStarts[p.line]! + p.character;
  let result = text;
  for (const edit of [...edits].sort((a, b) => offset(b.range.start) - offset(a.range.start)))
    result = result.slice(0, offset(edit.range.start)) + edit.newText + result.slice(offset(edit.range.end));
  return result;
}

describe('column edits', () => {
  it('replace every non-empty value of one CSV column, a quoted line break included, and nothing else', () => {
    const text = 'name,note\n"Ana\nMaria",x\n,y\nBen,"a, b"\n';
    const edits = columnEdits(text, 'csv', 'name', (value) => `<${value.length}>`);
    assert.equal(edits.length, 2);
    assert.equal(applied(text, edits), 'name,note\n"<9>",x\n,y\n<3>,"a, b"\n');
  });

  it('write JSON strings in JSONL, whatever the value was', () => {
    const text = '{"name": "Ana \\"A\\"", "dob": 19900101}\n{"name": null, "dob": "1991-02-03"}\n';
    assert.equal(
      applied(
        text,
        columnEdits(text, 'jsonl', 'dob', () => '<DATE_TIME>'),
      ),
      '{"name": "Ana \\"A\\"", "dob": "<DATE_TIME>"}\n{"name": null, "dob": "<DATE_TIME>"}\n',
    );
  });
});
