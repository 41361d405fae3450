import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import {
  accuracy,
  binaryMetrics,
  count,
  falsePositiveRate,
  selectionRate,
  truePositiveRate,
  type MetricFn,
} from '../../../src/engine/fairness/baseMetrics';
import { metricFrame } from '../../../src/engine/fairness/metricFrame';
import { assertAllClose, FAIRLEARN_DOCS, METRIC_FRAME_DOCSTRING } from './helpers';

const docsMetrics: Record<string, MetricFn> = {
  tpr: (t, p, w) => truePositiveRate(t, p, { sampleWeight: w }),
  fpr: (t, p, w) => falsePositiveRate(t, p, { sampleWeight: w }),
  sel: (t, p, w) => selectionRate(t, p, { sampleWeight: w }),
  count: (t, p) => count(t, p),
};

describe('metricFrame', () => {
  // Fairlearn docs: perform_fairness_assessment.rst / common_fairness_metrics.rst — every row of the table.
  describe('Fairlearn docs example', () => {
    const frame = metricFrame({
      metrics: docsMetrics,
      yTrue: FAIRLEARN_DOCS.yTrue,
      yPred: FAIRLEARN_DOCS.yPred,
      sensitiveFeatures: { group: FAIRLEARN_DOCS.group },
    });

    it('overall', () =>
      assertAllClose(frame.overall, { tpr: 0.5, fpr: 0.666667, sel: 0.555556, count: 18 }, 'overall'));
    it('by group', () => {
      assert.deepEqual(Object.keys(frame.byGroup), ['a', 'b', 'c']);
      assertAllClose(frame.byGroup.a ?? {}, { tpr: 0.5, fpr: 1.0, sel: 0.75, count: 4 }, 'a');
      assertAllClose(frame.byGroup.b ?? {}, { tpr: 0.6, fpr: 0.0, sel: 0.5, count: 6 }, 'b');
      assertAllClose(frame.byGroup.c ?? {}, { tpr: 0.4, fpr: 2 / 3, sel: 0.5, count: 8 }, 'c');
    });
    it('difference between groups', () =>
      assertAllClose(frame.difference('between_groups'), { tpr: 0.2, fpr: 1.0, sel: 0.25, count: 4 }));
    it('ratio between groups', () =>
      assertAllClose(frame.ratio('between_groups'), { tpr: 2 / 3, fpr: 0.0, sel: 2 / 3, count: 0.5 }));
    it('difference to overall', () =>
      assertAllClose(frame.difference('to_overall'), { tpr: 0.1, fpr: 2 / 3, sel: 0.194444, count: 14 }));
    it('ratio to overall', () =>
      assertAllClose(frame.ratio('to_overall'), { tpr: 0.8, fpr: 0.0, sel: 0.740741, count: 0.222222 }));
    it('group min and max', () => {
      assertAllClose(frame.groupMin(), { tpr: 0.4, fpr: 0, sel: 0.5, count: 4 });
      assertAllClose(frame.groupMax(), { tpr: 0.6, fpr: 1, sel: 0.75, count: 8 });
    });
  });

  // Fairlearn fairlearn/metrics/_metric_frame.py docstring.
  it('matches the MetricFrame docstring', () => {
    const frame = metricFrame({
      metrics: { selection_rate: (t, p, w) => selectionRate(t, p, { sampleWeight: w }), accuracy },
      yTrue: METRIC_FRAME_DOCSTRING.yTrue,
      yPred: METRIC_FRAME_DOCSTRING.yPred,
      sensitiveFeatures: { sex: METRIC_FRAME_DOCSTRING.sex },
    });
    assertAllClose(frame.byGroup.Female ?? {}, { selection_rate: 0.8, accuracy: 0.8 }, 'Female');
    assertAllClose(frame.byGroup.Male ?? {}, { selection_rate: 0.4, accuracy: 0.6 }, 'Male');
    assertAllClose(frame.difference(), { selection_rate: 0.4, accuracy: 0.2 }, 'difference');
    assertAllClose(frame.ratio(), { selection_rate: 0.5, accuracy: 0.75 }, 'ratio');
  });

  it('names intersections by the column values joined with ","', () => {
    const frame = metricFrame({
      metrics: { count: (t, p) => count(t, p) },
      yTrue: [1, 0, 1, 0],
      yPred: [1, 1, 0, 0],
      sensitiveFeatures: { sex: ['M', 'F', 'F', 'M'], race: ['white', 'black', 'black', 'black'] },
    });
    assert.deepEqual(frame.sensitiveColumns, ['sex', 'race']);
    assert.deepEqual(frame.byGroup, { 'F,black': { count: 2 }, 'M,black': { count: 1 }, 'M,white': { count: 1 } });
  });

  it('agrees on intersections with a single column holding the joined values', () => {
    const row = fc.tuple(
      fc.constantFrom(0, 1),
      fc.constantFrom(0, 1),
      fc.constantFrom('F', 'M'),
      fc.constantFrom('x', 'y', 'z'),
      fc.integer({ min: 1, max: 5 }),
    );
    const example = fc.array(row, { minLength: 1, maxLength: 40 });
    fc.assert(
      fc.property(example, (rows) => {
        const input = {
          metrics: binaryMetrics(1),
          yTrue: rows.map((r) => r[0]),
          yPred: rows.map((r) => r[1]),
          sampleWeight: rows.map((r) => r[4]),
        };
        const two = metricFrame({
          ...input,
          sensitiveFeatures: { a: rows.map((r) => r[2]), b: rows.map((r) => r[3]) },
        });
        const one = metricFrame({ ...input, sensitiveFeatures: { ab: rows.map((r) => `${r[2]},${r[3]}`) } });
        assert.deepEqual(two.byGroup, one.byGroup);
        assert.deepEqual(two.difference(), one.difference());
      }),
    );
  });

  it('throws on empty input, mismatched lengths and ambiguous group names', () => {
    assert.throws(
      () => metricFrame({ metrics: docsMetrics, yTrue: [], yPred: [], sensitiveFeatures: { g: [] } }),
      /empty/,
    );
    assert.throws(
      () => metricFrame({ metrics: docsMetrics, yTrue: [1], yPred: [1], sensitiveFeatures: { g: ['a', 'b'] } }),
      /'g' has 2 values/,
    );
    assert.throws(
      () => metricFrame({ metrics: docsMetrics, yTrue: [1], yPred: [1], sensitiveFeatures: {} }),
      /at least one sensitive/,
    );
    assert.throws(
      () =>
        metricFrame({
          metrics: docsMetrics,
          yTrue: [1, 0],
          yPred: [1, 0],
          sensitiveFeatures: { a: ['x,y', 'x'], b: ['z', 'y,z'] },
        }),
      /both be named 'x,y,z'/,
    );
  });
});
