import assert from 'node:assert/strict';
import { auditFindings, BIAS_CODES } from '../../../src/engine/bias';
import { describeCode } from '../../../src/engine/codes';
import { auditCsv, csvOf } from './helpers';

/** F: 12 % favourable, M: 41 %, 100 rows each. */
function hiringCsv(extraColumn = false): string {
  const rows: Array<Array<string | number>> = [];
  for (const [sex, favourable] of [
    ['F', 12],
    ['M', 41],
  ] as const) {
    for (let i = 0; i < 100; i++) rows.push([...(extraColumn ? ['x'] : []), sex, i < favourable ? 1 : 0]);
  }
  return csvOf([...(extraColumn ? ['note'] : []), 'sex', 'hired'], rows);
}

describe('bias: audit findings', () => {
  it('a disparity is a warning on the sensitive header, with the per-group table in the hover', () => {
    const result = auditCsv(hiringCsv(), { label: 'hired', sensitive: ['sex'], privileged: { sex: 'M' } });
    const [finding] = auditFindings(result, 'hiring.csv').filter(
      (candidate) => candidate.code === 'bias/label-disparity',
    );
    assert.ok(finding);
    assert.equal(finding.severity, 'warning');
    assert.equal(
      finding.message,
      'sex: hired=1 for 12 % of F vs 41 % of M; disparate impact 0.29 < 0.8',
      'names the column, the label and both groups',
    );
    assert.deepEqual(finding.range, { start: { line: 0, character: 0 }, end: { line: 0, character: 3 } });
    assert.deepEqual(finding.data?.fixes, ['reweigh']);
    const hover = String(finding.data?.hover);
    assert.match(hover, /\| sex \| rows \| label 1 \| rate \(95 % CI\) \| DI \|/);
    assert.match(hover, /\| F \| 100 \| 12 \| 12 % \(7 %–20 %\) \| 0\.29 \|/);
    assert.match(hover, /\| M \*privileged\* \| 100 \| 41 \| 41 % /);
    assert.ok(finding.data?.evidence?.includes('chi-square test: p = 7.3e-6'));
  });

  it("quotes a favourable value that is not a plain word, so `class='>50K'` does not read as `=>`", () => {
    const csv = hiringCsv().replace(/,1$/gm, ',>50K').replace(/,0$/gm, ',<=50K').replace('hired', 'class');
    const result = auditCsv(csv, { label: 'class', sensitive: ['sex'], favorable: '>50K' });
    const [finding] = auditFindings(result, 'adult.csv').filter(
      (candidate) => candidate.code === 'bias/label-disparity',
    );
    assert.match(finding?.message ?? '', /^sex: class='>50K' for 12 % of F vs 41 % of M;/);
  });

  it('fingerprints name what was found, not where: moving the column keeps them', () => {
    const fingerprints = (text: string) =>
      auditFindings(auditCsv(text, { label: 'hired', sensitive: ['sex'] }), 'hiring.csv').map(
        (finding) => `${finding.code} ${finding.data?.fingerprint}`,
      );
    const before = fingerprints(hiringCsv());
    assert.ok(before.length > 0);
    assert.deepEqual(fingerprints(hiringCsv(true)), before);
    assert.match(before[0] ?? '', /^bias\/label-disparity [0-9a-f]{16}$/);
  });

  it('without a disparity the header still carries the group table, as a hint', () => {
    const rows = ['F', 'M'].flatMap((sex) => Array.from({ length: 50 }, (_, i) => [sex, i % 2]));
    const result = auditCsv(csvOf(['sex', 'hired'], rows), { label: 'hired', sensitive: ['sex'], favorable: '1' });
    const findings = auditFindings(result, 'x.csv');
    assert.deepEqual(
      findings.map((finding) => [finding.code, finding.severity]),
      [['bias/group-rates', 'hint']],
    );
    assert.equal(findings[0]?.message, 'rate of favourable by sex: F 50 %, M 50 %');
    assert.match(String(findings[0]?.data?.hover), /\| F \| 50 \| 25 \|/);
  });

  it('suggests unconfigured sensitive-looking columns, with the mark-sensitive fix', () => {
    const rows = Array.from({ length: 40 }, (_, i) => [i % 2 ? 'F' : 'M', i % 3 ? 'married' : 'single', 30 + i, i % 2]);
    const result = auditCsv(csvOf(['sex', 'marital', 'age', 'y'], rows), { label: 'y', sensitive: ['sex'] });
    const suggested = auditFindings(result, 'x.csv').filter(
      (finding) => finding.code === 'bias/sensitive-column-suggested',
    );
    assert.deepEqual(
      suggested.map((finding) => finding.data?.column),
      ['marital', 'age'],
    );
    assert.deepEqual(suggested[0]?.data?.fixes, ['mark-sensitive']);
    assert.equal(
      suggested[0]?.message,
      "column 'marital' looks like a protected attribute (marital-status): mark it sensitive to audit it",
    );
    // With nothing configured the audit audits what it suggests: the finding says so instead of asking for it.
    const unconfigured = auditFindings(auditCsv(csvOf(['sex', 'marital', 'age', 'y'], rows), { label: 'y' }), 'x.csv');
    const audited = unconfigured.find(
      (finding) => finding.code === 'bias/sensitive-column-suggested' && finding.data?.column === 'sex',
    );
    assert.equal(
      audited?.message,
      "column 'sex' looks like a protected attribute (gender): audited as sensitive; mark it sensitive to keep it so",
    );
  });

  it('no label but sensitive columns: says so on the likeliest two-valued column, with a set-label fix per candidate', () => {
    const rows = Array.from({ length: 60 }, (_, i) => [
      i + 1,
      i % 3 ? 'Male' : 'Female',
      20 + (i % 40),
      i % 2 ? 'F' : 'M',
      i % 5 ? 0 : 1,
    ]);
    const header = ['id', 'sex', 'age', 'c_charge_degree', 'two_year_recid'];
    const result = auditCsv(csvOf(header, rows));
    assert.equal(result.label, null);
    const [unknown, ...more] = auditFindings(result, 'recid.csv').filter(
      (finding) => finding.code === 'bias/label-unknown',
    );
    assert.ok(unknown);
    assert.equal(more.length, 0);
    assert.equal(unknown.severity, 'information');
    assert.deepEqual(unknown.data?.candidates, ['two_year_recid', 'c_charge_degree']);
    assert.deepEqual(unknown.data?.fixes, ['set-label']);
    assert.deepEqual(unknown.range, result.columns['two_year_recid']);
    assert.match(
      unknown.message,
      /^No label column: label rates of sex, age cannot be compared\. Name the label in \.rml\.json; two-valued columns: 'two_year_recid', 'c_charge_degree'$/,
    );
    const named = auditCsv(csvOf(header, rows), { label: 'two_year_recid' });
    assert.equal(
      auditFindings(named, 'recid.csv').filter((finding) => finding.code === 'bias/label-unknown').length,
      0,
    );
    assert.ok(describeCode('bias/label-unknown').title === 'No label column');
  });

  it('under-representation against the minimum share and against a reference distribution', () => {
    const rows = [
      ...Array.from({ length: 190 }, () => ['white', 1]),
      ...Array.from({ length: 8 }, () => ['black', 1]),
      ['asian', 0],
      ['asian', 1],
    ];
    const result = auditCsv(csvOf(['race', 'y'], rows), {
      label: 'y',
      sensitive: ['race'],
      reference: { race: { white: 0.6, black: 0.3, asian: 0.1 } },
    });
    const representation = auditFindings(result, 'x.csv').filter((finding) => finding.code === 'bias/representation');
    const messages = representation.map((finding) => finding.message);
    assert.deepEqual(representation[0]!.data!.evidence, ['2 rows']);
    const single = auditCsv(csvOf(['race', 'y'], [...rows, ['pacific islander', 1]]), {
      label: 'y',
      sensitive: ['race'],
    });
    const one = auditFindings(single, 'x.csv').find((finding) =>
      finding.message.startsWith("group 'pacific islander'"),
    );
    assert.deepEqual(one?.data?.evidence, ['1 row']);
    assert.deepEqual(messages, [
      "group 'asian' of 'race' is 1 % of rows (below 5 %)",
      "group 'black' of 'race' is 4 % of rows (below 5 %)",
      "group 'black' of 'race' is 4 % of rows vs 30 % in the reference (p < 1e-6)",
      "group 'asian' of 'race' is 1 % of rows vs 10 % in the reference (p < 1e-6)",
    ]);
  });

  it('every code the audit emits is registered and documented', () => {
    for (const info of BIAS_CODES) assert.equal(describeCode(info.code).title, info.title);
    assert.ok(BIAS_CODES.some((info) => info.code === 'data/train-test-leak'));
  });
});
