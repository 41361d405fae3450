import assert from 'node:assert/strict';
import type { AttributeAudit } from '../../../src/engine/bias';
import { auditRecords, handRecords } from './helpers';

function close(actual: number | null | undefined, expected: number, tolerance = 1e-6): void {
  assert.ok(
    actual !== null && actual !== undefined && Math.abs(actual - expected) <= tolerance,
    `${actual} ≠ ${expected}`,
  );
}

function rates(audit: AttributeAudit | undefined): Record<string, number | null> {
  return Object.fromEntries((audit?.groups ?? []).map((group) => [group.value, group.baseRate]));
}

describe('bias: group metrics with Fairlearn semantics', () => {
  it('Fairlearn docs example: selection rates a 0.75, b 0.5, c 0.5; difference 0.25, ratio 2/3', () => {
    // Reference: reference-values.md, "Fairlearn — docs example" (perform_fairness_assessment.rst): the label audited
    // here plays y_pred's part, so base rates are Fairlearn's selection rates.
    const yPred = [0, 0, 1, 0, 1, 1, 1, 0, 0, 1, 1, 1, 1, 0, 0, 1, 1, 0];
    const group = ['b', 'b', 'a', 'b', 'b', 'c', 'c', 'c', 'a', 'a', 'c', 'a', 'b', 'c', 'c', 'b', 'c', 'c'];
    const { header, records } = handRecords(
      ['group', 'y'],
      group.map((g, i) => [g, String(yPred[i])]),
    );
    const [audit] = auditRecords(header, records, {
      label: 'y',
      sensitive: ['group'],
      favorable: '1',
      thresholds: { minGroupSize: 1 },
    }).attributes;
    assert.deepEqual(rates(audit), { a: 0.75, b: 0.5, c: 0.5 });
    assert.deepEqual(
      audit?.groups.map((g) => g.count),
      [4, 6, 8],
    );
    close(audit?.demographicParityDifference, 0.25);
    close(audit?.demographicParityRatio, 2 / 3);
  });

  it('MetricFrame docstring: selection rate Female 0.8, Male 0.4 (difference 0.4, ratio 0.5)', () => {
    // Reference: reference-values.md, "Fairlearn — MetricFrame docstring" (fairlearn/metrics/_metric_frame.py).
    const yPred = [0, 1, 1, 1, 1, 0, 0, 0, 1, 1];
    const sex = [...Array(5).fill('Female'), ...Array(5).fill('Male')] as string[];
    const { header, records } = handRecords(
      ['sex', 'y'],
      sex.map((s, i) => [s, String(yPred[i])]),
    );
    const [audit] = auditRecords(header, records, {
      label: 'y',
      sensitive: ['sex'],
      favorable: '1',
      thresholds: { minGroupSize: 1 },
    }).attributes;
    assert.deepEqual(rates(audit), { Female: 0.8, Male: 0.4 });
    close(audit?.demographicParityDifference, 0.4);
    close(audit?.demographicParityRatio, 0.5);
    assert.equal(audit?.test, 'fisher-exact', 'expected counts below 5 use the exact test');
  });

  it('intersections are the cross product of two sensitive columns, named as rml fairness names them', () => {
    const rows: string[][] = [];
    for (const sex of ['F', 'M']) {
      for (const race of ['black', 'white']) {
        const favourable = sex === 'F' && race === 'black' ? 5 : 30;
        for (let i = 0; i < 50; i++) rows.push([sex, race, i < favourable ? '1' : '0']);
      }
    }
    const { header, records } = handRecords(['sex', 'race', 'y'], rows);
    const result = auditRecords(header, records, { label: 'y', sensitive: ['sex', 'race'], favorable: '1' });
    assert.equal(result.intersections.length, 1);
    const intersection = result.intersections[0];
    assert.equal(intersection?.column, 'sex × race');
    assert.deepEqual(
      intersection?.groups.map((g) => g.value),
      ['F,black', 'F,white', 'M,black', 'M,white'],
    );
    assert.deepEqual(intersection?.groups[0]?.values, ['F', 'black']);
    close(intersection?.demographicParityRatio, 0.1 / 0.6);
    assert.equal(intersection?.verdict, 'disparity');
    assert.equal(intersection?.lowest, 'F,black');
    // Each single attribute averages the gap out partly but still shows it.
    close(result.attributes.find((a) => a.column === 'sex')?.demographicParityRatio, 0.35 / 0.6);
  });

  it('groups below the minimum size are shown but not judged; too few judged groups make the attribute too small', () => {
    const rows = [...Array(40).fill(['A', '1']), ...Array(40).fill(['B', '0']), ['C', '0'], ['C', '0']] as string[][];
    const { header, records } = handRecords(['race', 'y'], rows);
    const [audit] = auditRecords(header, records, {
      label: 'y',
      sensitive: ['race'],
      favorable: '1',
      thresholds: { minGroupSize: 20 },
    }).attributes;
    assert.deepEqual(
      audit?.groups.map((g) => [g.value, g.tooSmall]),
      [
        ['A', false],
        ['B', false],
        ['C', true],
      ],
    );
    assert.equal(audit?.demographicParityDifference, 1, 'C (0 %) and B (0 %) are both in');
    assert.deepEqual(audit?.smallGroups, ['C']);
    const small = auditRecords(header, records, {
      label: 'y',
      sensitive: ['race'],
      favorable: '1',
      thresholds: { minGroupSize: 50 },
    });
    assert.equal(small.attributes[0]?.verdict, 'too-small');
    // Fairlearn's figures are computed over small groups too (as SPD and DI are), and the groups are named small.
    assert.equal(small.attributes[0]?.demographicParityDifference, 1);
    assert.equal(small.attributes[0]?.demographicParityRatio, 0);
    assert.deepEqual(small.attributes[0]?.smallGroups, ['A', 'B', 'C']);
  });

  it('Wilson intervals on each base rate', () => {
    const rows = [
      ...Array(8).fill(['F', '1']),
      ...Array(2).fill(['F', '0']),
      ...Array(10).fill(['M', '1']),
    ] as string[][];
    const { header, records } = handRecords(['sex', 'y'], rows);
    const [audit] = auditRecords(header, records, {
      label: 'y',
      sensitive: ['sex'],
      favorable: '1',
      thresholds: { minGroupSize: 1 },
    }).attributes;
    // SciPy 1.17.1: binomtest(8, 10).proportion_ci(method='wilson') = (0.49016…, 0.94331…).
    close(audit?.groups[0]?.ci[0], 0.4901624715366418, 1e-9);
    close(audit?.groups[0]?.ci[1], 0.9433178485456248, 1e-9);
  });

  it('multi-class labels are audited one-vs-rest, per class', () => {
    const rows: string[][] = [];
    for (let i = 0; i < 60; i++) rows.push(['x', ['cat', 'dog', 'bird'][i % 3] ?? '']);
    for (let i = 0; i < 60; i++) rows.push(['y', i < 40 ? 'cat' : i < 50 ? 'dog' : 'bird']);
    const { header, records } = handRecords(['region', 'class'], rows);
    const result = auditRecords(header, records, { sensitive: ['region'] });
    assert.equal(result.label, 'class', 'the label column is found by name');
    assert.equal(result.favorable, null);
    assert.deepEqual(
      result.attributes.map((a) => a.favorable),
      ['cat', 'dog', 'bird'],
    );
    const cat = result.attributes[0];
    assert.deepEqual(rates(cat), { x: 20 / 60, y: 40 / 60 });
    close(cat?.demographicParityRatio, 0.5);
  });

  it('privileged group: AIF360 pooled SPD and DI, and each group against the privileged one', () => {
    const rows: string[][] = [];
    const favourable: Record<string, number> = { white: 60, black: 30, asian: 54 };
    for (const [race, count] of Object.entries(favourable))
      for (let i = 0; i < 100; i++) rows.push([race, i < count ? 'yes' : 'no']);
    const { header, records } = handRecords(['race', 'approved'], rows);
    const result = auditRecords(header, records, {
      label: 'approved',
      sensitive: ['race'],
      privileged: { race: 'white' },
    });
    assert.equal(result.favorable, 'yes', "'yes' is taken as favourable");
    const [audit] = result.attributes;
    close(audit?.statisticalParityDifference, 0.42 - 0.6);
    close(audit?.disparateImpact, 0.42 / 0.6);
    close(audit?.groups.find((g) => g.value === 'black')?.disparateImpact, 0.5);
    assert.equal(audit?.lowest, 'black');
    assert.equal(audit?.highest, 'white');
    assert.equal(audit?.verdict, 'disparity');
  });
});
