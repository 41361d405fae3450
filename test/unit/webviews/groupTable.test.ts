import assert from 'node:assert/strict';
import { evaluateClassifier } from '../../../src/engine/evaluation/evaluate';
import { groupingViews, rateBars, rowShares } from '../../../webviews/training/model/groupTable';
import { FIXTURE_RUN_IDS, readFixtureRun } from './fixtureRuns';

const close = (actual: number | undefined, expected: number) =>
  assert.ok(actual !== undefined && Math.abs(actual - expected) < 1e-6, `${actual} ≉ ${expected}`);

describe('fairness panel: per-group tables', () => {
  // Fairlearn MetricFrame docstring (fairlearn/metrics/_metric_frame.py, via /work/shared/notes/reference-values.md):
  // selection rate Female 0.8, Male 0.4; accuracy Female 0.8, Male 0.6.
  const yPred = [0, 1, 1, 1, 1, 0, 0, 0, 1, 1];
  const metricFrame = evaluateClassifier({
    yTrue: [1, 1, 1, 1, 1, 0, 0, 1, 1, 0],
    probabilities: yPred.map((p) => (p === 1 ? [0.1, 0.9] : [0.9, 0.1])),
    classes: ['0', '1'],
    positiveClass: 1,
    sensitive: { sex: ['Female', 'Female', 'Female', 'Female', 'Female', 'Male', 'Male', 'Male', 'Male', 'Male'] },
  });

  it("lists each group with Fairlearn's rates", () => {
    const [sex] = groupingViews(metricFrame);
    assert.equal(sex?.name, 'sex');
    assert.deepEqual(
      sex?.groups.map((row) => row.group),
      ['Female', 'Male'],
    );
    const [female, male] = sex?.groups ?? [];
    close(female?.rates.selectionRate.value, 0.8);
    close(male?.rates.selectionRate.value, 0.4);
    close(female?.rates.accuracy.value, 0.8);
    close(male?.rates.accuracy.value, 0.6);
    assert.equal(female?.count, 5);
    assert.equal(sex?.overall.count, 10);
    assert.equal(female?.rates.accuracy.interval, null, 'no bootstrap, no interval');
  });

  it("keeps each group's confusion matrix, rows true and columns predicted", () => {
    const [sex] = groupingViews(metricFrame);
    assert.deepEqual(sex?.confusion, [
      {
        group: 'Female',
        matrix: [
          [0, 0],
          [1, 4],
        ],
      },
      {
        group: 'Male',
        matrix: [
          [2, 1],
          [1, 1],
        ],
      },
    ]);
    assert.deepEqual(
      rowShares([
        [2, 1],
        [1, 1],
        [0, 0],
      ]),
      [
        [2 / 3, 1 / 3],
        [0.5, 0.5],
        [0, 0],
      ],
    );
  });

  it('has nothing to show without sensitive columns', () => {
    assert.deepEqual(groupingViews({ ...metricFrame, fairness: undefined }), []);
  });

  it('reads a run report: columns, then the intersection, with bootstrap intervals and flags', async () => {
    const run = await readFixtureRun(FIXTURE_RUN_IDS.biased);
    const views = groupingViews(run.report?.test ?? assert.fail('no report'));
    assert.deepEqual(
      views.map((view) => [view.name, view.kind]),
      [
        ['sex', 'column'],
        ['age_band', 'column'],
        ['sex,age_band', 'intersection'],
      ],
    );
    const [sex, , intersection] = views;
    assert.equal(intersection?.groups.length, 6);
    assert.equal(
      sex?.groups.reduce((sum, row) => sum + row.count, 0),
      run.report?.test.examples,
    );
    const interval = sex?.groups[0]?.rates.selectionRate.interval;
    assert.ok(
      interval &&
        interval.lower <= (sex?.groups[0]?.rates.selectionRate.value ?? NaN) &&
        interval.upper >= interval.lower,
    );
    assert.ok(
      sex?.disparities.some((row) => row.key === 'disparateImpact' && row.flagged),
      'disparate impact 0.46 is flagged',
    );
    assert.equal(sex?.flagged, sex?.disparities.filter((row) => row.flagged).length);
  });

  it('turns a grouping into bars: one series per group, one bar per rate, each with its interval', async () => {
    const run = await readFixtureRun(FIXTURE_RUN_IDS.biased);
    const [sex] = groupingViews(run.report?.test ?? assert.fail('no report'));
    const bars = rateBars(sex ?? assert.fail('no sex grouping'));
    assert.deepEqual(bars.labels, ['Selection rate', 'True positive rate', 'False positive rate', 'Accuracy']);
    assert.deepEqual(
      bars.series.map((series) => series.group),
      ['F', 'M'],
    );
    assert.deepEqual(bars.series[0]?.values, [
      sex?.groups[0]?.rates.selectionRate.value,
      sex?.groups[0]?.rates.truePositiveRate.value,
      sex?.groups[0]?.rates.falsePositiveRate.value,
      sex?.groups[0]?.rates.accuracy.value,
    ]);
    assert.equal(bars.series[1]?.intervals.filter((interval) => interval !== null).length, 4);
  });
});
