import assert from 'node:assert/strict';
import { auditFindings } from '../../../src/engine/bias';
import { directIdentifierColumns } from '../../../src/engine/bias/directIdentifiers';
import { auditTextReport } from '../../../src/engine/bias/report';
import { auditCsv, csvOf } from './helpers';

const kinds = (columns: string[], values: Record<string, string[]>) =>
  directIdentifierColumns(columns, new Map(Object.entries(values))).map(
    (identifier) => `${identifier.column}: ${identifier.kind} (${identifier.evidence})`,
  );

describe('bias: columns that identify people', () => {
  it('knows names, street addresses, dates of birth and document numbers by their headers', () => {
    const some = ['x y', 'z w'];
    assert.deepEqual(
      kinds(['first_name', 'LastName', 'patient_name', 'address', 'Date of Birth', 'passport_no', 'mrn'], {
        first_name: ['Cesar', 'George'],
        LastName: ['Aguilar', 'Alvarez'],
        patient_name: ['Ann Lee', 'Bo Chen'],
        address: ['2009 W. 6th St.', 'Main & College streets'],
        'Date of Birth': ['1990-01-02', '1984-11-30'],
        passport_no: ['X1234567', 'Y7654321'],
        mrn: ['100234', '100235'],
        ...{ unused: some },
      }),
      [
        'first_name: names (column name)',
        'LastName: names (column name)',
        'patient_name: names (column name)',
        'address: street addresses (column name)',
        'Date of Birth: dates of birth (column name)',
        'passport_no: identity document numbers (column name)',
        'mrn: identity document numbers (column name)',
      ],
    );
  });

  it('leaves look-alikes alone: other addresses, product names, numeric codes, empty columns', () => {
    assert.deepEqual(
      kinds(['ip_address', 'email_address', 'wallet_address', 'name', 'customer_name', 'surname', 'file_name'], {
        ip_address: ['203.0.113.7', '198.51.100.2'],
        email_address: ['a@b.org', 'c@d.org'],
        wallet_address: ['0xabc', '0xdef'],
        name: ['widget', 'gadget pro', 'Blue', 'X-200'],
        customer_name: ['1001', '1002'],
        surname: ['', 'NA'],
        file_name: ['Report Final', 'Notes Draft'],
      }),
      [],
    );
  });

  it("a bare 'name' counts when most of its values are distinct, capitalised words like people's names", () => {
    const people = ['Ada Lovelace', 'Alan Turing', "Mary-Jane O'Neil", 'Cesar A. Aguilar', 'Grace Hopper'];
    assert.deepEqual(kinds(['name'], { name: people }), ['name: names (column name and values)']);
    assert.deepEqual(kinds(['name'], { name: ['Adelie', 'Gentoo', 'Chinstrap', 'Adelie', 'Gentoo'] }), []);
    assert.deepEqual(kinds(['name'], { name: ['Standard Plan', 'Standard Plan', 'Standard Plan', 'Pro Plan'] }), []);
  });

  it('the audit reports each as a warning on its header, leaves it out of duplicate keys, and says so in text', () => {
    const streets = ['Vermont & Manchester avenues', '2009 W. 6th Street, Westlake', '4300 Crenshaw Boulevard'];
    const rows = Array.from({ length: 30 }, (_, i) => [
      `Person${String.fromCharCode(65 + (i % 26))}`,
      streets[i % 3]!,
      i % 2 ? 'Male' : 'Female',
      i % 3 ? 'yes' : 'no',
    ]);
    const result = auditCsv(csvOf(['first_name', 'address', 'gender', 'hired'], rows));
    assert.deepEqual(
      result.directIdentifiers.map((identifier) => identifier.column),
      ['first_name', 'address'],
    );
    // Ten people share each street address: without the exclusion, 'address' (long, spaced) keyed duplicate rows
    // as a text column; it is one column of the whole row now.
    assert.deepEqual(result.textColumns, []);
    assert.equal(result.duplicates.keyKind, 'row');
    const findings = auditFindings(result, 'people.csv').filter((finding) => finding.code === 'data/direct-identifier');
    assert.deepEqual(
      findings.map((finding) => [finding.severity, finding.range, finding.data?.kind]),
      [
        ['warning', result.columns['first_name'], 'names'],
        ['warning', result.columns['address'], 'street addresses'],
      ],
    );
    assert.match(
      findings[1]!.message,
      /^column 'address' holds street addresses \(column name\): it identifies people/,
    );
    assert.match(auditTextReport(result), /^direct identifier: 'first_name' holds names \(column name\)$/m);
  });

  it('a share just under the minimum is not printed as the minimum itself', () => {
    const rows = [
      ...Array.from({ length: 60 }, (_, i) => ['A', i % 2]),
      ...Array.from({ length: 3 }, (_, i) => ['B', i % 2]),
    ];
    const result = auditCsv(csvOf(['race', 'label'], rows), { sensitive: ['race'] });
    const finding = auditFindings(result, 'r.csv').find((candidate) => candidate.code === 'bias/representation');
    assert.equal(finding?.message, "group 'B' of 'race' is 4.8 % of rows (below 5 %)");
  });
});
