import assert from 'node:assert/strict';
import type { EpochMetrics } from '../../../src/shared/runs';
import { alignEpochs, comparisonRows, type ComparisonRow } from '../../../webviews/training/model/comparison';
import { FIXTURE_RUN_IDS, readFixtureRun } from './fixtureRuns';

function epoch(n: number, validationLoss: number): EpochMetrics {
  return {
    epoch: n,
    epochs: 3,
    trainLoss: 1,
    trainAccuracy: 0.5,
    validationLoss,
    validationAccuracy: 0.5,
    seconds: 2,
    examplesPerSecond: 1,
  };
}

function find(rows: ComparisonRow[], section: string, label: string): ComparisonRow {
  const row = rows.find((candidate) => candidate.section === section && candidate.label === label);
  assert.ok(row, `no row ${section}: ${label}`);
  return row;
}

describe('run comparison', () => {
  it('aligns epochs by number, with gaps where a run is shorter', () => {
    const aligned = alignEpochs([epoch(1, 0.9), epoch(2, 0.8)], [epoch(1, 0.7), epoch(2, 0.6), epoch(3, 0.5)]);
    assert.deepEqual(aligned.epochs, [1, 2, 3]);
    assert.deepEqual(
      aligned.a.map((e) => e?.validationLoss ?? null),
      [0.9, 0.8, null],
    );
    assert.deepEqual(
      aligned.b.map((e) => e?.validationLoss ?? null),
      [0.7, 0.6, 0.5],
    );
  });

  it("gives the change from A to B and which run is better, by each figure's direction", async () => {
    const a = await readFixtureRun(FIXTURE_RUN_IDS.biased);
    const b = await readFixtureRun(FIXTURE_RUN_IDS.reweighed);
    const rows = comparisonRows(a, b);
    const accuracy = find(rows, 'Test split', 'Accuracy');
    assert.equal(accuracy.a, a.report?.test.accuracy);
    assert.ok(
      Math.abs((accuracy.delta ?? NaN) - ((b.report?.test.accuracy ?? 0) - (a.report?.test.accuracy ?? 0))) < 1e-12,
    );
    assert.equal(accuracy.better, (accuracy.delta ?? 0) > 0 ? 'b' : 'a');
    const logLoss = find(rows, 'Test split', 'Log loss');
    assert.equal(logLoss.better, (logLoss.delta ?? 0) < 0 ? 'b' : 'a', 'lower log loss is better');
    const epochs = find(rows, 'Training', 'Epochs completed');
    assert.deepEqual([epochs.a, epochs.b, epochs.better], [8, 10, null]);
    const impact = find(rows, 'Fairness: sex', 'Disparate impact (unprivileged / privileged)');
    assert.deepEqual(impact.flagged, [true, false]);
    assert.equal(impact.better, 'b', '0.95 is nearer parity than 0.46');
    assert.ok(rows.some((row) => row.section === 'Fairness: sex,age_band'));
  });

  it('judges ratios by their distance from parity on a log scale (0.5 and 2 are equally far)', async () => {
    const a = await readFixtureRun(FIXTURE_RUN_IDS.biased);
    const at = (value: number) => {
      const copy = structuredClone(a);
      const sex = copy.report?.test.fairness?.byColumn['sex'];
      if (sex) sex.report.disparateImpact = value;
      return copy;
    };
    const row = (x: number, y: number) =>
      find(comparisonRows(at(x), at(y)), 'Fairness: sex', 'Disparate impact (unprivileged / privileged)');
    assert.equal(row(0.5, 2).better, null);
    assert.equal(row(0.5, 1.9).better, 'b');
    assert.equal(row(0.9, 1.2).better, 'a');
  });

  it('leaves figures a run does not have empty, without a delta or a winner', async () => {
    const a = await readFixtureRun(FIXTURE_RUN_IDS.biased);
    const failed = await readFixtureRun(FIXTURE_RUN_IDS.failed);
    const accuracy = find(comparisonRows(a, failed), 'Test split', 'Accuracy');
    assert.deepEqual([accuracy.b, accuracy.delta, accuracy.better], [null, null, null]);
    const impact = find(comparisonRows(a, failed), 'Fairness: sex', 'Disparate impact (unprivileged / privileged)');
    assert.deepEqual(impact.flagged, [true, false]);
    assert.equal(impact.b, null);
  });
});
