import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { auditCommand } from '../../../src/cli/commands/audit';
import { UsageError } from '../../../src/cli/io';
import { createRowWeigher, reweighingEdit, type AuditResult } from '../../../src/engine/bias';
import { parseText } from '../../../src/engine/parse/index';
import { applyEdits, auditRecords, handRecords } from './helpers';
import { fakeIo } from '../cli/fakeIo';

// Reference: /work/shared/notes/reference-values.md, "AIF360 Reweighing" — Kamiran & Calders (2012), the formula of
// aif360/algorithms/preprocessing/reweighing.py, worked example as tested in ModelOriented/fairmodels.
const PROTECTED = ['1', '1', '1', '1', '1', '0', '0', '0', '0', '0'];
const Y = ['1', '1', '1', '1', '0', '0', '0', '1', '0', '1'];
const EXPECTED_WEIGHTS = [0.75, 0.75, 0.75, 0.75, 2, 2 / 3, 2 / 3, 1.5, 2 / 3, 1.5];
const FIXTURE = path.resolve(__dirname, '../../fixtures/bias/aif360-reweighing.csv');
const REFERENCE_OPTIONS = {
  label: 'y',
  sensitive: ['protected'],
  favorable: '1',
  privileged: { protected: '1' },
  thresholds: { minGroupSize: 1 },
};

function close(actual: number | null | undefined, expected: number, tolerance = 1e-6): void {
  assert.ok(
    actual !== null && actual !== undefined && Math.abs(actual - expected) <= tolerance,
    `${actual} ≠ ${expected}`,
  );
}

function weightsOfRows(result: AuditResult): number[] {
  assert.ok(result.reweighing, 'reweighing computed');
  const weigh = createRowWeigher(result.reweighing);
  return PROTECTED.map((value, i) =>
    weigh((column) => (column === 'protected' ? value : column === 'y' ? Y[i] : undefined)),
  );
}

describe('bias: AIF360 reweighing reference (engine)', () => {
  const { header, records } = handRecords(
    ['protected', 'y'],
    PROTECTED.map((value, i) => [value, Y[i] ?? '']),
  );
  const result = auditRecords(header, records, REFERENCE_OPTIONS);

  it('before: statistical parity difference −0.4 and disparate impact 0.5', () => {
    const attribute = result.attributes[0];
    close(attribute?.statisticalParityDifference, -0.4);
    close(attribute?.disparateImpact, 0.5);
    close(attribute?.demographicParityDifference, 0.4);
    close(attribute?.demographicParityRatio, 0.5);
  });

  it('weights per (group, label) and per row match the paper', () => {
    weightsOfRows(result).forEach((weight, i) => close(weight, EXPECTED_WEIGHTS[i] ?? NaN, 1e-9));
  });

  it('after: statistical parity difference 0, disparate impact 1, sum of weights unchanged', () => {
    const after = result.reweighing?.after[0];
    close(after?.statisticalParityDifference, 0, 1e-12);
    close(after?.disparateImpact, 1, 1e-12);
    assert.equal(after?.weighted, true);
    close(
      weightsOfRows(result).reduce((sum, weight) => sum + weight, 0),
      10,
      1e-12,
    );
  });
});

describe('bias: AIF360 reweighing reference (rml audit in-process)', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(path.join(tmpdir(), 'rml-reweigh-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const args = [
    '--label',
    'y',
    '--sensitive',
    'protected',
    '--favorable',
    '1',
    '--privileged',
    'protected=1',
    '--min-group-size',
    '1',
  ];

  it('reports the reference metrics as JSON and writes the weights with --reweigh', async () => {
    const io = fakeIo(dir);
    const output = path.join(dir, 'weighted.csv');
    const code = await auditCommand([FIXTURE, ...args, '--reweigh', output, '--format', 'json'], io);
    assert.equal(code, 0, io.err);
    const json = JSON.parse(io.out) as AuditResult;
    assert.equal(json.version, 1);
    assert.equal(json.rows, 10);
    close(json.attributes[0]?.statisticalParityDifference, -0.4);
    close(json.attributes[0]?.disparateImpact, 0.5);
    close(json.reweighing?.after[0]?.statisticalParityDifference, 0, 1e-12);
    const written = parseText(readFileSync(output, 'utf8'), 'csv');
    assert.deepEqual(
      written.header?.map((cell) => cell.column),
      ['protected', 'y', 'weight'],
    );
    const weights = written.records.map((record) => Number(record.cells[2]?.value));
    weights.forEach((weight, i) => close(weight, EXPECTED_WEIGHTS[i] ?? NaN, 1e-9));
    close(
      weights.reduce((sum, weight) => sum + weight, 0),
      10,
      1e-12,
    );
  });

  it('auditing the reweighed file reports weighted metrics: parity difference 0, disparate impact 1', async () => {
    const output = path.join(dir, 'weighted.csv');
    assert.equal(await auditCommand([FIXTURE, ...args, '--reweigh', output], fakeIo(dir)), 0);
    const io = fakeIo(dir);
    assert.equal(await auditCommand([output, ...args, '--format', 'json'], io), 0, io.err);
    const json = JSON.parse(io.out) as AuditResult;
    assert.equal(json.weightColumn, 'weight');
    assert.equal(json.attributes[0]?.weighted, true);
    close(json.attributes[0]?.statisticalParityDifference, 0, 1e-12);
    close(json.attributes[0]?.disparateImpact, 1, 1e-12);
    close(
      json.attributes[0]?.groups.reduce((sum, group) => sum + group.count, 0),
      10,
      1e-12,
    );
  });

  it('never overwrites the input (a usage error, exit 2 through runCli; file unchanged)', async () => {
    const input = path.join(dir, 'data.csv');
    const text = readFileSync(FIXTURE, 'utf8');
    writeFileSync(input, text);
    await assert.rejects(
      auditCommand([input, ...args, '--reweigh', input], fakeIo(dir)),
      (error: Error) => error instanceof UsageError && /refusing to overwrite the input/.test(error.message),
    );
    assert.equal(readFileSync(input, 'utf8'), text);
  });
});

describe('bias: reweighing edit (editor quick fix)', () => {
  const { header, records } = handRecords(
    ['protected', 'y'],
    PROTECTED.map((value, i) => [value, Y[i] ?? '']),
  );
  const weights = auditRecords(header, records, REFERENCE_OPTIONS).reweighing;

  it('appends a weight column to every row, header included, and the result re-parses', () => {
    assert.ok(weights);
    const text = readFileSync(FIXTURE, 'utf8');
    const edited = applyEdits(text, reweighingEdit(text, weights).edits);
    const parsed = parseText(edited, 'csv');
    assert.deepEqual(parsed.issues, []);
    assert.deepEqual(
      parsed.header?.map((cell) => cell.column),
      ['protected', 'y', 'weight'],
    );
    parsed.records.forEach((record, i) => {
      assert.deepEqual(
        record.cells.slice(0, 2).map((cell) => cell.value),
        [PROTECTED[i], Y[i]],
      );
      close(Number(record.cells[2]?.value), EXPECTED_WEIGHTS[i] ?? NaN, 1e-9);
    });
  });

  it('keeps quoted fields valid, pads short rows and handles CRLF', () => {
    assert.ok(weights);
    const text = 'note,protected,y\r\n"a, quoted ""note""",1,1\r\n"multi\r\nline",0,0\r\nshort,1\r\n';
    const edited = applyEdits(text, reweighingEdit(text, weights).edits);
    const parsed = parseText(edited, 'csv');
    const ragged = parsed.issues.filter((issue) => !/fewer|ragged|field/i.test(issue.message));
    assert.deepEqual(ragged, []);
    assert.deepEqual(
      parsed.records.map((record) => record.cells.map((cell) => cell.value)),
      [
        ['a, quoted "note"', '1', '1', '0.75'],
        ['multi\r\nline', '0', '0', String(2 / 3)],
        ['short', '1', '', '1'],
      ],
    );
  });
});
