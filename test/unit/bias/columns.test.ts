import assert from 'node:assert/strict';
import { AuditColumnError, suggestLabelColumn, suggestSensitiveColumn } from '../../../src/engine/bias';
import { sensitiveGrouping } from '../../../src/engine/bias/columnRoles';
import { auditTextReport } from '../../../src/engine/bias/report';
import { parseText } from '../../../src/engine/parse/index';
import { auditCsv, auditRecords, csvOf } from './helpers';

describe('bias: column roles', () => {
  it('suggests sensitive columns from whole words of their names', () => {
    const kinds = [
      'gender',
      'Sex',
      'race_ethnicity',
      'native-country',
      'maritalStatus',
      'religion',
      'age',
      'date_of_birth',
      'disability',
      'sexual_orientation',
    ].map((name) => suggestSensitiveColumn(name, [])?.kind);
    assert.deepEqual(kinds, [
      'gender',
      'gender',
      'race',
      'nationality',
      'marital-status',
      'religion',
      'age',
      'age',
      'disability',
      'sexual-orientation',
    ]);
    assert.equal(suggestSensitiveColumn('usage', []), undefined);
    assert.equal(suggestSensitiveColumn('message', []), undefined);
  });

  it('suggests sensitive columns from their values', () => {
    assert.equal(
      suggestSensitiveColumn('who', ['male', 'female', 'Female', 'male', 'unknown', 'male'])?.kind,
      'gender',
    );
    assert.equal(
      suggestSensitiveColumn('grp', ['White', 'Black', 'Asian-Pac-Islander', 'White', 'Other', 'Black'])?.kind,
      'race',
    );
    assert.equal(suggestSensitiveColumn('color', ['red', 'white', 'black', 'blue', 'green', 'white'])?.kind, undefined);
  });

  it('leaves out one-letter codes beside a column that already holds the attribute (COMPAS c_charge_degree)', () => {
    const rows = Array.from({ length: 60 }, (_, i) => [
      i % 3 === 0 ? 'Female' : 'Male',
      i % 2 === 0 ? 'F' : 'M',
      i % 2,
    ]);
    const compas = auditCsv(csvOf(['sex', 'c_charge_degree', 'two_year_recid'], rows), { label: 'two_year_recid' });
    assert.deepEqual(compas.sensitive, ['sex']);
    const coded = rows.map((row) => [row[1]!, row[2]!]);
    const alone = auditCsv(csvOf(['g', 'two_year_recid'], coded), { label: 'two_year_recid' });
    assert.deepEqual(alone.sensitive, ['g'], 'one-letter codes with no other gender column are still suggested');
  });

  it('says duplicates were not checked when no text column keys them, rather than counting zero', () => {
    const rows = Array.from({ length: 40 }, (_, i) => [i % 2 === 0 ? 'Female' : 'Male', i % 2]);
    const text = auditTextReport(auditCsv(csvOf(['sex', 'label'], rows)));
    assert.match(text, /^duplicates: not checked \(no free-text column, and fewer than three feature columns/m);
  });

  it('finds the label by its usual names', () => {
    assert.equal(suggestLabelColumn(['text', 'Label']), 'Label');
    assert.equal(suggestLabelColumn(['x', 'target']), 'target');
    assert.equal(suggestLabelColumn(['x', 'is_toxic']), 'is_toxic');
    assert.equal(suggestLabelColumn(['x', 'labeler']), undefined);
  });

  it('bins numeric ages into bands and audits them', () => {
    const rows = Array.from({ length: 200 }, (_, i) => [18 + (i % 60), i % 3 === 0 ? 1 : 0]);
    const result = auditCsv(csvOf(['age', 'label'], rows), { thresholds: { minGroupSize: 5 } });
    assert.deepEqual(result.sensitive, ['age']);
    assert.deepEqual(
      result.attributes[0]?.groups.map((group) => group.value),
      ['<18', '[18, 25)', '[25, 35)', '[35, 45)', '[45, 55)', '[55, 65)', '≥65'].filter((band) => band !== '<18'),
    );
  });

  it('a named column that is missing is an error in strict mode and a note otherwise', () => {
    const text = csvOf(
      ['sex', 'y'],
      [
        ['F', 1],
        ['M', 0],
      ],
    );
    assert.throws(
      () => auditCsv(text, { label: 'income', strictColumns: true }),
      (error: Error) =>
        error instanceof AuditColumnError && error.message === "label column 'income' not found (columns: sex, y)",
    );
    // Lenient (a .rml.json written for another dataset): noted, and the label found by its name as the picker does.
    const lenient = auditCsv(text, { label: 'income' });
    assert.equal(lenient.label, 'y');
    assert.ok(lenient.notes.includes("label column 'income' not found (columns: sex, y)"));
    assert.ok(lenient.notes.includes("label column 'y' assumed from its name"));
  });

  it('JSON Lines: columns are key paths and their first values give the ranges', () => {
    const parsed = parseText('{"gender":"F","label":1}\n{"gender":"M","label":0}\n', 'jsonl');
    const result = auditRecords(undefined, parsed.records, { thresholds: { minGroupSize: 1 } }, 'data.jsonl');
    assert.deepEqual(result.sensitive, ['gender']);
    assert.equal(result.label, 'label');
    assert.deepEqual(result.columns['gender'], { start: { line: 0, character: 11 }, end: { line: 0, character: 12 } });
  });
});

describe('bias: sensitive grouping shared with training', () => {
  it('groups raw values as the audit does: trimmed, missing pooled, ages in bands, many numbers in quintiles', () => {
    const sex = sensitiveGrouping('sex', [' Male', ' Female', '?']);
    assert.deepEqual([' Male', 'Female ', '?', ''].map(sex), ['Male', 'Female', '(missing)', '(missing)']);
    const ages = Array.from({ length: 60 }, (_, i) => String(17 + i));
    const age = sensitiveGrouping('age', ages);
    assert.deepEqual(['17', '18', '34', '35', '70'].map(age), ['<18', '[18, 25)', '[25, 35)', '[35, 45)', '≥65']);
    const income = sensitiveGrouping(
      'income_band',
      Array.from({ length: 100 }, (_, i) => String(i)),
    );
    assert.equal(new Set(Array.from({ length: 100 }, (_, i) => income(String(i)))).size, 5, 'quintiles');
    assert.equal(sensitiveGrouping('grade', ['1', '2', '3'])(' 2'), '2', 'few numbers stay values');
  });
});
