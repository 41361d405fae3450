import assert from 'node:assert/strict';
import { fairnessReport } from '../../../src/engine/fairness/report';
import type { FairnessReport } from '../../../src/shared/reports';
import {
  DEFAULT_DISPARITY_THRESHOLDS,
  disparityRows,
  type DisparityRow,
} from '../../../webviews/training/model/disparities';

function rowOf(rows: DisparityRow[], key: DisparityRow['key']): DisparityRow {
  const row = rows.find((candidate) => candidate.key === key);
  assert.ok(row, `no ${key} row`);
  return row;
}

const strings = (values: number[]) => values.map(String);

describe('fairness panel: disparities against thresholds', () => {
  // Fairlearn docs example (docs/user_guide/assessment/perform_fairness_assessment.rst, via
  // /work/shared/notes/reference-values.md): DP difference 0.25, DP ratio 2/3, EO difference 1.0, EO ratio 0.
  const fairlearn = fairnessReport({
    yTrue: strings([0, 1, 1, 1, 1, 0, 1, 0, 1, 0, 0, 0, 1, 1, 1, 1, 1, 1]),
    yPred: strings([0, 0, 1, 0, 1, 1, 1, 0, 0, 1, 1, 1, 1, 0, 0, 1, 1, 0]),
    sensitive: { group: ['b', 'b', 'a', 'b', 'b', 'c', 'c', 'c', 'a', 'a', 'c', 'a', 'b', 'c', 'c', 'b', 'c', 'c'] },
    posLabel: '1',
  });

  it("shows Fairlearn's figures and flags the ones crossing their thresholds", () => {
    const rows = disparityRows(fairlearn, { ...DEFAULT_DISPARITY_THRESHOLDS, minGroupSize: 1 });
    const dpd = rowOf(rows, 'demographicParityDifference');
    assert.ok(Math.abs((dpd.value ?? NaN) - 0.25) < 1e-6);
    assert.equal(dpd.flagged, true, '0.25 > 0.1');
    const dpr = rowOf(rows, 'demographicParityRatio');
    assert.ok(Math.abs((dpr.value ?? NaN) - 2 / 3) < 1e-6);
    assert.equal(dpr.flagged, true, '2/3 < 0.8 (four-fifths rule)');
    assert.match(dpr.threshold, /≥ 0\.800 \(four-fifths rule\)/);
    const eod = rowOf(rows, 'equalizedOddsDifference');
    assert.ok(Math.abs((eod.value ?? NaN) - 1) < 1e-6);
    assert.equal(eod.flagged, true);
    assert.ok(Math.abs(rowOf(rows, 'equalizedOddsRatio').value ?? NaN) < 1e-6);
  });

  it("lists AIF360's figures only when a privileged group was named", () => {
    assert.equal(
      disparityRows(fairlearn).some((row) => row.key === 'disparateImpact'),
      false,
    );
    // AIF360 reweighing worked example (Kamiran & Calders 2012, via reference-values.md): disparate impact 0.5,
    // statistical parity difference −0.4 before reweighing.
    const aif = fairnessReport({
      yTrue: strings([1, 1, 1, 1, 0, 0, 0, 1, 0, 1]),
      yPred: strings([1, 1, 1, 1, 0, 0, 0, 1, 0, 1]),
      sensitive: { protected: strings([1, 1, 1, 1, 1, 0, 0, 0, 0, 0]) },
      privileged: [{ column: 'protected', value: '1' }],
      posLabel: '1',
    });
    const rows = disparityRows(aif);
    const impact = rowOf(rows, 'disparateImpact');
    assert.ok(Math.abs((impact.value ?? NaN) - 0.5) < 1e-6);
    assert.equal(impact.flagged, true);
    const spd = rowOf(rows, 'statisticalParityDifference');
    assert.ok(Math.abs((spd.value ?? NaN) + 0.4) < 1e-6);
    assert.equal(spd.flagged, true, '|−0.4| > 0.1');
  });

  function report(overrides: Partial<FairnessReport>): FairnessReport {
    const rates = { count: 10, accuracy: 0.8, selectionRate: 0.5, truePositiveRate: 0.6, falsePositiveRate: 0.2 };
    return {
      overall: rates,
      byGroup: { a: rates, b: rates },
      demographicParityDifference: 0,
      demographicParityRatio: 1,
      equalizedOddsDifference: 0,
      equalizedOddsRatio: 1,
      equalOpportunityDifference: 0,
      equalOpportunityRatio: 1,
      ...overrides,
    };
  }

  it('flags disparate impact on both sides of parity (0.8 to 1.25)', () => {
    const band = (value: number) =>
      rowOf(
        disparityRows(report({ disparateImpact: value, statisticalParityDifference: 0, averageOddsDifference: 0 })),
        'disparateImpact',
      ).flagged;
    assert.equal(band(0.79), true);
    assert.equal(band(0.8), false);
    assert.equal(band(1.25), false);
    assert.equal(band(1.26), true);
  });

  it('treats an undefined figure as neither flagged nor fine', () => {
    const row = rowOf(disparityRows(report({ demographicParityRatio: NaN })), 'demographicParityRatio');
    assert.equal(row.value, null);
    assert.equal(row.flagged, false);
  });

  it('marks a verdict as not conclusive when the bootstrap interval reaches across the threshold', () => {
    const withInterval = (lower: number, upper: number) =>
      rowOf(
        disparityRows(
          report({
            demographicParityRatio: 0.85,
            intervals: {
              method: 'percentile',
              resamples: 100,
              seed: 1,
              level: 0.95,
              overall: {} as never,
              byGroup: {},
              disparities: { demographicParityRatio: { lower, upper, resamples: 100 } },
            },
          }),
        ),
        'demographicParityRatio',
      );
    assert.equal(withInterval(0.7, 0.95).uncertain, true);
    assert.equal(withInterval(0.82, 0.95).uncertain, false);
    assert.equal(withInterval(0.6, 0.75).uncertain, false, 'wholly outside: conclusive');
  });

  it('takes other thresholds when given', () => {
    const rows = disparityRows(fairlearn, { ...DEFAULT_DISPARITY_THRESHOLDS, maxDifference: 0.3, minGroupSize: 1 });
    assert.equal(rowOf(rows, 'demographicParityDifference').flagged, false);
  });

  it('says a verdict rests on a group below minGroupSize instead of flagging it', () => {
    // Groups a, b, c have 4, 6 and 8 examples; DPD 0.25 compares a (0.75) with b (0.5), the first of the lowest.
    const dpd = rowOf(disparityRows(fairlearn), 'demographicParityDifference');
    assert.equal(dpd.verdict, 'small-group');
    assert.equal(dpd.flagged, false);
    assert.deepEqual(dpd.smallGroups, [
      { group: 'a', count: 4 },
      { group: 'b', count: 6 },
    ]);
    const large = rowOf(
      disparityRows(fairlearn, { ...DEFAULT_DISPARITY_THRESHOLDS, minGroupSize: 4 }),
      'demographicParityDifference',
    );
    assert.equal(large.verdict, 'outside');
  });

  it('marks every verdict uninformative when the model does not tell examples apart', () => {
    const rows = disparityRows(fairlearn, { ...DEFAULT_DISPARITY_THRESHOLDS, minGroupSize: 1 }, true);
    assert.ok(rows.every((row) => row.verdict === 'uninformative' && !row.flagged));
  });
});
