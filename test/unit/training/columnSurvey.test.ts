import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseText } from '../../../src/engine/parse/index';
import { ColumnSurvey, type ColumnSurveyResult } from '../../../src/engine/training/data/columnSurvey';
import type { DatasetAuditConfig } from '../../../src/shared/config';

function survey(text: string, settings?: DatasetAuditConfig): ColumnSurveyResult {
  const columns = new ColumnSurvey(settings);
  const parsed = parseText(text, 'csv');
  if (parsed.header) columns.addHeader(parsed.header);
  parsed.records.forEach((record) => columns.addRecord(record));
  return columns.finish();
}

/** An applicant table after "Add reweighing weights": an id, a zip code that encodes race, a constant, a weight. */
function applicants(): string {
  const lines = ['applicant_id,age,sex,race,zip,branch,years,source,weight,hired'];
  for (let i = 0; i < 300; i++) {
    const race = ['white', 'black', 'asian'][i % 3]!;
    const zip = { white: '10001', black: '10451', asian: '11355' }[race];
    lines.push(
      [
        `A${1000 + i}`,
        20 + (i % 43),
        i % 2 ? 'F' : 'M',
        race,
        zip,
        ['017', '023', '101'][(i % 7) % 3],
        i % 17,
        'web',
        (0.5 + (i % 4) / 4).toFixed(2),
        i % 5 < 2 ? 'yes' : 'no',
      ].join(','),
    );
  }
  return `${lines.join('\n')}\n`;
}

describe("the Train Model picker's column suggestions", () => {
  it('leaves the label, weights, sensitive columns, ids, proxies and constants out of the features, saying why', () => {
    const result = survey(applicants(), { sensitive: ['sex', 'race'] });
    assert.equal(result.suggested.label, 'hired', 'named like a decision, as rml audit finds it');
    assert.equal(result.suggested.weight, 'weight');
    assert.deepEqual(result.suggested.sensitive, ['sex', 'race']);
    assert.deepEqual(result.suggested.features, ['age', 'branch', 'years']);
    assert.deepEqual(
      Object.fromEntries(Object.entries(result.notSuggested).map(([column, why]) => [column, why.reason])),
      {
        hired: 'label',
        weight: 'weight',
        sex: 'sensitive',
        race: 'sensitive',
        zip: 'proxy',
        applicant_id: 'id',
        source: 'constant',
      },
    );
    assert.match(result.notSuggested.zip!.detail, /predicts the sensitive column 'race'/);
    assert.deepEqual(
      result.categorical,
      ['branch'],
      'codes with leading zeros are categories, ages and years are numbers',
    );
  });

  it("takes .rml.json's settings first, when the dataset has those columns", () => {
    const result = survey(applicants(), {
      label: 'hired',
      sensitive: ['sex'],
      privileged: { sex: 'M', race: 'white' },
      weightColumn: 'weight',
    });
    assert.deepEqual(result.suggested.sensitive, ['sex']);
    assert.deepEqual(result.suggested.privileged, { sex: 'M' });
    assert.ok(
      result.suggested.features.includes('race') && result.suggested.features.includes('zip'),
      'not sensitive here: offered',
    );
    const absent = survey(applicants(), { label: 'approved' });
    assert.equal(absent.suggested.label, 'hired', 'a configured label the file lacks is not suggested');
  });

  it('suggests the text column of a text dataset, and never offers it as a feature', () => {
    const reviews = readFileSync(path.join(__dirname, '../../fixtures/training/reviews.csv'), 'utf8');
    const result = survey(reviews);
    assert.equal(result.suggested.label, 'label');
    assert.equal(result.suggested.text, 'text');
    assert.ok(!result.suggested.features.includes('text'));
  });
});

describe('the column suggestions leave out personal data', () => {
  it("never suggests people's names, emails, phone numbers or values unique to each row", () => {
    const lines = ['ticket,first_name,file_name,email,phone,score,hired'];
    for (let i = 0; i < 200; i++) {
      const phone = `+1 415 555 ${String(1000 + i).slice(-4)}`;
      lines.push(
        [
          `T-${(i * 7919) % 100000}x`,
          ['Ana', 'Ben', 'Chloe'][i % 3],
          `f${i % 4}.txt`,
          `user${i}@example.com`,
          phone,
          i % 9,
          i % 3 ? 'yes' : 'no',
        ].join(','),
      );
    }
    const result = survey(`${lines.join('\n')}\n`, { label: 'hired', sensitive: [] });
    assert.deepEqual(result.suggested.features, ['file_name', 'score']);
    assert.equal(result.notSuggested['first_name']?.reason, 'personal-data');
    assert.match(result.notSuggested['email']?.detail ?? '', /^pii\/email in 200 of 200 sampled values/);
    assert.match(result.notSuggested['phone']?.detail ?? '', /^pii\/phone in \d+ of 200 sampled values/);
    assert.equal(result.notSuggested['ticket']?.reason, 'id');
  });

  it("leaves out the audit's direct identifiers: dates of birth and street addresses, with the kind in the detail", () => {
    const lines = ['dob,street_address,score,hired'];
    for (let i = 0; i < 60; i++)
      lines.push([`19${50 + (i % 40)}-0${1 + (i % 9)}-1${i % 10}`, `${i % 7} Elm St`, i % 9, i % 3 ? 1 : 0].join(','));
    const result = survey(`${lines.join('\n')}\n`, { label: 'hired', sensitive: [] });
    assert.deepEqual(result.suggested.features, ['score']);
    assert.match(result.notSuggested['dob']?.detail ?? '', /^dates of birth: training on them memorises people/);
    assert.equal(result.notSuggested['street_address']?.reason, 'personal-data');
    assert.match(result.notSuggested['street_address']?.detail ?? '', /^street addresses/);
  });
});
