import type { EvaluationReport } from '../../../shared/reports';
import type { RunRecord } from '../../../shared/runs';
import { badness, disparityFigures, judgedBy, type DisparityVerdict } from '../evidence/disparities';

/** How much worse a figure must get to count as a regression (absolute, in the figure's units). */
export const DEFAULT_TOLERANCE = 0.01;

export interface Regression {
  kind: 'metric' | 'new-disparity' | 'worse-disparity' | 'epsilon' | 'pii' | 'secret' | 'finding';
  message: string;
}

export interface MetricChange {
  metric: string;
  before: number | null;
  after: number | null;
  change: number | null;
  worse: boolean;
}

export interface DisparityChange {
  /** Sensitive column (runs) or attribute (dataset audits). */
  column: string;
  metric: string;
  before: number | null;
  after: number | null;
  beforeVerdict: DisparityVerdict | string;
  afterVerdict: DisparityVerdict | string;
  worse: boolean;
}

export interface RunSide {
  run: string;
  dataset?: { path: string; sha256: string };
  epsilon?: number;
}

export interface RunDiff {
  before: RunSide;
  after: RunSide;
  datasetChanged: boolean;
  metrics: MetricChange[];
  disparities: DisparityChange[];
  regressions: Regression[];
}

const HEADLINE: ReadonlyArray<
  [name: string, read: (report: EvaluationReport) => number | null, higherIsBetter: boolean]
> = [
  ['accuracy', (report) => report.accuracy, true],
  ['macroF1', (report) => report.macroF1, true],
  ['rocAuc', (report) => report.rocAuc, true],
  ['logLoss', (report) => report.logLoss, false],
  ['expectedCalibrationError', (report) => report.calibration.expectedCalibrationError, false],
];

/** What changed from run `a` to run `b`: headline metrics, each disparity per sensitive column, ε; and the regressions. */
export function diffRuns(a: RunRecord, b: RunRecord, tolerance = DEFAULT_TOLERANCE): RunDiff {
  const metrics =
    a.report && b.report
      ? HEADLINE.map(([name, read, higher]) =>
          metricChange(name, read(a.report!.test), read(b.report!.test), higher, tolerance),
        )
      : [];
  const disparities = disparityChanges(a, b, tolerance);
  const regressions: Regression[] = [];
  for (const change of metrics.filter((metric) => metric.worse))
    regressions.push({ kind: 'metric', message: `${change.metric} ${fmt(change.before)} → ${fmt(change.after)}` });
  for (const change of disparities) {
    if (change.afterVerdict === 'disparity' && change.beforeVerdict !== 'disparity')
      regressions.push({
        kind: 'new-disparity',
        message: `${change.column}: ${change.metric} ${fmt(change.before)} → ${fmt(change.after)}, now outside its threshold`,
      });
    else if (change.worse && change.afterVerdict === 'disparity')
      regressions.push({
        kind: 'worse-disparity',
        message: `${change.column}: ${change.metric} ${fmt(change.before)} → ${fmt(change.after)}, worse`,
      });
  }
  const before = side(a);
  const after = side(b);
  const epsilon = epsilonRegression(before.epsilon, after.epsilon);
  if (epsilon) regressions.push(epsilon);
  return {
    before,
    after,
    datasetChanged: before.dataset?.sha256 !== after.dataset?.sha256,
    metrics,
    disparities,
    regressions,
  };
}

function side(run: RunRecord): RunSide {
  const epsilon = run.mitigation?.privacy?.epsilon ?? run.metrics.at(-1)?.privacy?.epsilon;
  return {
    run: run.id,
    ...(run.config ? { dataset: { path: run.config.dataset.path, sha256: run.config.dataset.sha256 } } : {}),
    ...(epsilon !== undefined ? { epsilon } : {}),
  };
}

function metricChange(
  metric: string,
  before: number | null,
  after: number | null,
  higherIsBetter: boolean,
  tolerance: number,
): MetricChange {
  const change = before !== null && after !== null ? after - before : null;
  const worse = change !== null && (higherIsBetter ? change < -tolerance : change > tolerance);
  return { metric, before, after, change, worse };
}

function disparityChanges(a: RunRecord, b: RunRecord, tolerance: number): DisparityChange[] {
  const before = a.report?.test.fairness?.byColumn ?? {};
  const after = b.report?.test.fairness?.byColumn ?? {};
  const changes: DisparityChange[] = [];
  for (const [column, group] of Object.entries(after)) {
    const old = before[column] ? disparityFigures(before[column].report, judgedBy(a.report?.test)) : [];
    for (const figure of disparityFigures(group.report, judgedBy(b.report?.test))) {
      const previous = old.find((candidate) => candidate.key === figure.key);
      const worse =
        previous?.value != null &&
        figure.value !== null &&
        badness(figure.kind, figure.value) - badness(figure.kind, previous.value) > tolerance;
      changes.push({
        column,
        metric: figure.key,
        before: previous?.value ?? null,
        after: figure.value,
        beforeVerdict: previous?.verdict ?? 'absent',
        afterVerdict: figure.verdict,
        worse,
      });
    }
  }
  return changes;
}

/** A larger ε is a weaker guarantee; losing DP-SGD altogether is worse still. */
export function epsilonRegression(before: number | undefined, after: number | undefined): Regression | undefined {
  if (before === undefined) return undefined;
  if (after === undefined) return { kind: 'epsilon', message: `differential privacy dropped (ε was ${fmt(before)})` };
  return after > before + 1e-9
    ? { kind: 'epsilon', message: `ε ${fmt(before)} → ${fmt(after)}: a weaker privacy guarantee` }
    : undefined;
}

export function fmt(value: number | null | undefined): string {
  return typeof value === 'number' && Number.isFinite(value) ? value.toFixed(4) : '—';
}
