import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { binaryMetrics } from '../../../src/engine/fairness/baseMetrics';
import { metricFrame } from '../../../src/engine/fairness/metricFrame';
import { fairnessReport, type FairnessReport } from '../../../src/engine/fairness/report';
import { assertAllClose, assertClose, FAIRLEARN_DOCS, KAMIRAN_CALDERS } from './helpers';

const docs = {
  yTrue: FAIRLEARN_DOCS.yTrue.map(String),
  yPred: FAIRLEARN_DOCS.yPred.map(String),
  sensitive: { group: FAIRLEARN_DOCS.group },
  posLabel: '1',
};

describe('fairnessReport', () => {
  // Fairlearn docs example: every quantity of the table that the report carries.
  it('reproduces the Fairlearn docs example', () => {
    const report = fairnessReport(docs);
    assertAllClose(report as unknown as Record<string, number>, {
      demographicParityDifference: 0.25,
      demographicParityRatio: 2 / 3,
      equalizedOddsDifference: 1.0,
      equalizedOddsRatio: 0.0,
      equalOpportunityDifference: 0.2,
      equalOpportunityRatio: 0.666667,
    });
    assertAllClose(
      { ...report.overall },
      { truePositiveRate: 0.5, falsePositiveRate: 0.666667, selectionRate: 0.555556, count: 18 },
      'overall',
    );
    assertAllClose(
      { ...report.byGroup.a },
      { truePositiveRate: 0.5, falsePositiveRate: 1, selectionRate: 0.75, count: 4 },
      'a',
    );
    assertAllClose(
      { ...report.byGroup.b },
      { truePositiveRate: 0.6, falsePositiveRate: 0, selectionRate: 0.5, count: 6 },
      'b',
    );
    assertAllClose(
      { ...report.byGroup.c },
      { truePositiveRate: 0.4, falsePositiveRate: 0.666667, selectionRate: 0.5, count: 8 },
      'c',
    );
  });

  it('has exactly the keys of the CLI contract, AIF360 ones only with a privileged group', () => {
    const base = [
      'overall',
      'byGroup',
      'demographicParityDifference',
      'demographicParityRatio',
      'equalizedOddsDifference',
      'equalizedOddsRatio',
      'equalOpportunityDifference',
      'equalOpportunityRatio',
    ];
    assert.deepEqual(Object.keys(fairnessReport(docs)), base);
    const withPrivileged = fairnessReport({ ...docs, privileged: [{ column: 'group', value: 'b' }] });
    assert.deepEqual(Object.keys(withPrivileged), [
      ...base,
      'statisticalParityDifference',
      'disparateImpact',
      'averageOddsDifference',
    ]);
    assert.deepEqual(Object.keys(withPrivileged.overall), [
      'count',
      'accuracy',
      'selectionRate',
      'truePositiveRate',
      'falsePositiveRate',
    ]);
  });

  // AIF360 Reweighing worked example (Kamiran & Calders 2012), the labels used as predictions.
  it('reproduces AIF360 statistical parity difference −0.4 and disparate impact 0.5, and 0 / 1 after reweighing', () => {
    const input = {
      yTrue: KAMIRAN_CALDERS.y,
      yPred: KAMIRAN_CALDERS.y,
      sensitive: { protected: KAMIRAN_CALDERS.protected },
      posLabel: '1',
      privileged: [{ column: 'protected', value: '1' }],
    };
    const before = fairnessReport(input);
    assertClose(before.statisticalParityDifference, -0.4, 'SPD before');
    assertClose(before.disparateImpact, 0.5, 'DI before');
    assertClose(before.averageOddsDifference, 0, 'perfect predictions: equal odds');
    const after = fairnessReport({ ...input, sampleWeight: KAMIRAN_CALDERS.weights });
    assertClose(after.statisticalParityDifference, 0, 'SPD after');
    assertClose(after.disparateImpact, 1, 'DI after');
    assert.equal(after.overall.count, 10, 'count ignores weights, as Fairlearn count');
  });

  it('computes average odds difference as ½[(FPR_u − FPR_p) + (TPR_u − TPR_p)] over all unprivileged rows', () => {
    // Privileged b: TPR 3/5, FPR 0. Unprivileged a ∪ c pooled: TP 3 of 7 positives, FP 4 of 5 negatives, 7 of 12 selected.
    const report = fairnessReport({ ...docs, privileged: [{ column: 'group', value: 'b' }] });
    assertClose(report.averageOddsDifference, 0.5 * (4 / 5 - 0 + (3 / 7 - 3 / 5)), 'AOD');
    assertClose(report.statisticalParityDifference, 7 / 12 - 1 / 2, 'SPD');
    assertClose(report.disparateImpact, 7 / 12 / (1 / 2), 'DI');
  });

  it('combines privileged assignments: same column OR, different columns AND', () => {
    const sex = ['M', 'M', 'M', 'F', 'F', 'F'];
    const race = ['white', 'asian', 'black', 'white', 'asian', 'black'];
    const yPred = ['1', '1', '0', '0', '0', '0'];
    const report = fairnessReport({
      yTrue: yPred,
      yPred,
      sensitive: { sex, race },
      posLabel: '1',
      privileged: [
        { column: 'sex', value: 'M' },
        { column: 'race', value: 'white' },
        { column: 'race', value: 'asian' },
      ],
    });
    // Privileged = {M,white; M,asian}: both selected. Unprivileged = the other four: none selected.
    assertClose(report.statisticalParityDifference, -1, 'SPD');
    assertClose(report.disparateImpact, 0, 'DI');
  });

  it('reports disparate impact as null when the privileged group is never selected', () => {
    const report = fairnessReport({
      yTrue: ['1', '0', '1', '0'],
      yPred: ['0', '0', '1', '0'],
      sensitive: { g: ['p', 'p', 'u', 'u'] },
      posLabel: '1',
      privileged: [{ column: 'g', value: 'p' }],
    });
    assert.equal(report.disparateImpact, null);
    assertClose(report.statisticalParityDifference, 0.5, 'SPD');
  });

  it('agrees with metricFrame on random data, weighted and intersectional', () => {
    const row = fc.tuple(
      fc.constantFrom('0', '1'),
      fc.constantFrom('0', '1'),
      fc.constantFrom('F', 'M'),
      fc.constantFrom('x', 'y'),
      fc.double({ min: 0.1, max: 3, noNaN: true }),
    );
    fc.assert(
      fc.property(fc.array(row, { minLength: 1, maxLength: 30 }), (rows) => {
        const input = {
          yTrue: rows.map((r) => r[0]),
          yPred: rows.map((r) => r[1]),
          sampleWeight: rows.map((r) => r[4]),
        };
        const sensitive = { sex: rows.map((r) => r[2]), race: rows.map((r) => r[3]) };
        const report = fairnessReport({ ...input, sensitive, posLabel: '1' });
        const frame = metricFrame({ ...input, metrics: binaryMetrics('1'), sensitiveFeatures: sensitive });
        for (const [group, rates] of Object.entries(report.byGroup)) {
          assertAllClose(frame.byGroup[group] ?? {}, { ...rates }, group);
        }
        const difference = frame.difference();
        assertClose(report.demographicParityDifference, difference.selectionRate ?? NaN, 'DPD', 1e-9);
        assertClose(
          report.equalizedOddsDifference,
          Math.max(difference.truePositiveRate ?? NaN, difference.falsePositiveRate ?? NaN),
          'EOD',
          1e-9,
        );
      }),
    );
  });

  it('rejects unusable input with messages naming the problem', () => {
    assert.throws(() => fairnessReport({ ...docs, yTrue: [], yPred: [], sensitive: { group: [] } }), /empty/);
    assert.throws(() => fairnessReport({ ...docs, posLabel: 'yes' }), /posLabel yes is not among the labels 0, 1/);
    assert.throws(
      () => fairnessReport({ ...docs, privileged: [{ column: 'race', value: 'x' }] }),
      /'race' is not a sensitive column/,
    );
    assert.throws(
      () => fairnessReport({ ...docs, privileged: [{ column: 'group', value: 'z' }] }),
      /'z' does not occur in column 'group'/,
    );
    assert.throws(
      () => fairnessReport({ ...docs, privileged: ['a', 'b', 'c'].map((value) => ({ column: 'group', value })) }),
      /every example is privileged/,
    );
    const zeroWeightForA = FAIRLEARN_DOCS.group.map((g) => (g === 'a' ? 0 : 1));
    assert.throws(
      () => fairnessReport({ ...docs, sampleWeight: zeroWeightForA }),
      /group 'a': its sample weights sum to 0/,
    );
  });
});

describe('fairnessReport bootstrap intervals', () => {
  const withBootstrap = (seed: number): FairnessReport =>
    fairnessReport({ ...docs, privileged: [{ column: 'group', value: 'b' }], bootstrap: { resamples: 300, seed } });

  it('keeps the base report unchanged and adds intervals under their own key', () => {
    const report = withBootstrap(7);
    const { intervals, ...base } = report;
    assert.deepEqual(base, fairnessReport({ ...docs, privileged: [{ column: 'group', value: 'b' }] }));
    assert.ok(intervals);
    assert.deepEqual(
      { method: intervals.method, resamples: intervals.resamples, seed: intervals.seed, level: intervals.level },
      { method: 'percentile', resamples: 300, seed: 7, level: 0.95 },
    );
    assert.deepEqual(Object.keys(intervals.disparities).length, 9);
    assert.deepEqual(Object.keys(intervals.byGroup), ['a', 'b', 'c']);
  });

  it('is deterministic for a seed and changes with it', () => {
    assert.deepEqual(withBootstrap(7).intervals, withBootstrap(7).intervals);
    assert.notDeepEqual(withBootstrap(7).intervals?.disparities, withBootstrap(8).intervals?.disparities);
  });

  it('brackets each statistic with lower ≤ upper, and collapses a constant one', () => {
    const { intervals } = withBootstrap(11);
    for (const interval of Object.values(intervals?.disparities ?? {})) {
      assert.ok(interval && interval.lower <= interval.upper, JSON.stringify(interval));
    }
    // Group b has one negative, predicted negative: its FPR is 0 in every resample that contains b.
    assert.deepEqual(
      { ...intervals?.byGroup.b?.falsePositiveRate, resamples: 0 },
      { lower: 0, upper: 0, resamples: 0 },
    );
  });

  it('skips resamples that miss a group and says how many defined the statistic', () => {
    const report = fairnessReport({
      yTrue: ['1', '0', '1', '0', '1', '1', '0', '0', '1', '0', '1', '1'],
      yPred: ['1', '0', '0', '0', '1', '1', '0', '1', '1', '0', '1', '0'],
      sensitive: { g: ['rare', 'x', 'x', 'x', 'x', 'x', 'x', 'x', 'x', 'x', 'x', 'x'] },
      posLabel: '1',
      bootstrap: { resamples: 200, seed: 5 },
    });
    const rare = report.intervals?.byGroup.rare?.selectionRate;
    assert.ok(
      rare && rare.resamples < 200 && rare.resamples > 0,
      `rare group present in some resamples: ${rare?.resamples}`,
    );
    assert.equal(report.intervals?.byGroup.x?.selectionRate?.resamples, 200);
  });

  it('rejects bad bootstrap settings', () => {
    assert.throws(
      () => fairnessReport({ ...docs, bootstrap: { resamples: 0, seed: 1 } }),
      /resamples must be an integer ≥ 1/,
    );
    assert.throws(() => fairnessReport({ ...docs, bootstrap: { resamples: 10, seed: -1 } }), /seed must be an integer/);
    assert.throws(
      () => fairnessReport({ ...docs, bootstrap: { resamples: 10, seed: 1, level: 1 } }),
      /level must be in \(0, 1\)/,
    );
  });
});
