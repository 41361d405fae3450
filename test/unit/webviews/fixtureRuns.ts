import path from 'node:path';
import { readRun, type RunRecord } from '../../../src/engine/runs';

/** The hand-made runs of `test/fixtures/runs` (see its generate.ts), read with the engine's own reader. */
export const FIXTURE_RUNS_ROOT = path.join(__dirname, '..', '..', 'fixtures', 'runs');

export const FIXTURE_RUN_IDS = {
  /** Logistic regression, 8 epochs, completed; its model selects women far less often (disparate impact 0.46). */
  biased: '20250301-101500-a1b2c3',
  /** MLP on reweighed data, 10 epochs, completed; within the four-fifths rule for sex. */
  reweighed: '20250302-143000-d4e5f6',
  /** Failed after 2 of 10 epochs; no report. */
  failed: '20250303-090000-0f9e8d',
} as const;

export function readFixtureRun(id: string): Promise<RunRecord> {
  return readRun(path.join(FIXTURE_RUNS_ROOT, id));
}

/** A run as the view sees it while training: the first `epochs` epochs, still running, no report yet. */
export function runningAfter(run: RunRecord, epochs: number): RunRecord {
  const { report: _report, ...rest } = run;
  return {
    ...rest,
    metrics: run.metrics.slice(0, epochs),
    status: {
      state: 'running',
      startedAt: run.status.startedAt,
      updatedAt: run.status.updatedAt,
      epochsCompleted: epochs,
      epochs: run.status.epochs,
    },
  };
}
