import type { EpochMetrics, RunRecord } from '../../../src/shared/runs';
import { bestValidationEpoch } from './series';
import { groupingViews, type GroupingView } from './groupTable';
import type { DisparityRow } from './disparities';

/** Two runs side by side: their epochs aligned by number, and their headline figures with the change from A to B. */

export interface AlignedEpochs {
  epochs: number[];
  a: Array<EpochMetrics | null>;
  b: Array<EpochMetrics | null>;
}

/** Every epoch number either run reached, ascending; null where one run has no such epoch (shorter or still running). */
export function alignEpochs(a: readonly EpochMetrics[], b: readonly EpochMetrics[]): AlignedEpochs {
  const epochs = [...new Set([...a, ...b].map((epoch) => epoch.epoch))].sort((x, y) => x - y);
  const lookup = (history: readonly EpochMetrics[]) =>
    epochs.map((n) => history.find((epoch) => epoch.epoch === n) ?? null);
  return { epochs, a: lookup(a), b: lookup(b) };
}

/** Which way a figure improves; `none` for figures that are not better or worse (epochs run). */
export type Goal = 'higher' | 'lower' | 'closer-to-0' | 'closer-to-1' | 'none';
export type ValueFormat = 'rate' | 'loss' | 'count' | 'seconds';

export interface ComparisonRow {
  section: string;
  label: string;
  a: number | null;
  b: number | null;
  /** b − a. */
  delta: number | null;
  goal: Goal;
  format: ValueFormat;
  /** Which run is better on this figure; null when equal, undefined or not a matter of better. */
  better: 'a' | 'b' | null;
  /** Disparities only: whether each run crosses the threshold. */
  flagged?: [boolean, boolean];
}

function distance(value: number, goal: Goal): number {
  if (goal === 'higher') return -value;
  if (goal === 'lower') return value;
  if (goal === 'closer-to-0') return Math.abs(value);
  // Ratios: 0.5 and 2 are equally far from parity.
  if (goal === 'closer-to-1') return value > 0 ? Math.abs(Math.log(value)) : Infinity;
  return 0;
}

function betterOf(a: number | null, b: number | null, goal: Goal): 'a' | 'b' | null {
  if (a === null || b === null || goal === 'none') return null;
  const da = distance(a, goal);
  const db = distance(b, goal);
  if (Math.abs(da - db) < 1e-12) return null;
  return da < db ? 'a' : 'b';
}

function finite(value: number | null | undefined): number | null {
  return value !== null && value !== undefined && Number.isFinite(value) ? value : null;
}

function row(
  section: string,
  label: string,
  a: number | null | undefined,
  b: number | null | undefined,
  goal: Goal,
  format: ValueFormat,
): ComparisonRow {
  const x = finite(a);
  const y = finite(b);
  return {
    section,
    label,
    a: x,
    b: y,
    delta: x !== null && y !== null ? y - x : null,
    goal,
    format,
    better: betterOf(x, y, goal),
  };
}

function testRows(a: RunRecord, b: RunRecord): ComparisonRow[] {
  const ta = a.report?.test;
  const tb = b.report?.test;
  const section = 'Test split';
  return [
    row(section, 'Accuracy', ta?.accuracy, tb?.accuracy, 'higher', 'rate'),
    row(section, 'Macro F1', ta?.macroF1, tb?.macroF1, 'higher', 'rate'),
    row(section, 'ROC AUC', ta?.rocAuc, tb?.rocAuc, 'higher', 'rate'),
    row(section, 'Log loss', ta?.logLoss, tb?.logLoss, 'lower', 'loss'),
    row(
      section,
      'Expected calibration error',
      ta?.calibration.expectedCalibrationError,
      tb?.calibration.expectedCalibrationError,
      'lower',
      'rate',
    ),
  ];
}

function trainingRows(a: RunRecord, b: RunRecord): ComparisonRow[] {
  const last = (run: RunRecord) => run.metrics[run.metrics.length - 1];
  const seconds = (run: RunRecord) =>
    run.metrics.length ? run.metrics.reduce((sum, epoch) => sum + epoch.seconds, 0) : null;
  const section = 'Training';
  return [
    row(section, 'Epochs completed', a.metrics.length, b.metrics.length, 'none', 'count'),
    row(section, 'Final validation loss', last(a)?.validationLoss, last(b)?.validationLoss, 'lower', 'loss'),
    row(
      section,
      'Best validation loss',
      bestValidationEpoch(a.metrics)?.validationLoss,
      bestValidationEpoch(b.metrics)?.validationLoss,
      'lower',
      'loss',
    ),
    row(
      section,
      'Final validation accuracy',
      last(a)?.validationAccuracy,
      last(b)?.validationAccuracy,
      'higher',
      'rate',
    ),
    row(section, 'Training time', seconds(a), seconds(b), 'lower', 'seconds'),
  ];
}

function goalOf(disparity: DisparityRow): Goal {
  return disparity.key.endsWith('Ratio') || disparity.key === 'disparateImpact' ? 'closer-to-1' : 'closer-to-0';
}

/** Disparities of every grouping either run has, matched by grouping name and figure. */
function fairnessRows(a: RunRecord, b: RunRecord): ComparisonRow[] {
  const views = (run: RunRecord) => (run.report ? groupingViews(run.report.test) : []);
  const va = views(a);
  const vb = views(b);
  const names = [...new Set([...va, ...vb].map((view) => view.name))];
  return names.flatMap((name) => {
    const ga: GroupingView | undefined = va.find((view) => view.name === name);
    const gb: GroupingView | undefined = vb.find((view) => view.name === name);
    const keys = [...new Set([...(ga?.disparities ?? []), ...(gb?.disparities ?? [])].map((d) => d.key))];
    return keys.map((key) => {
      const da = ga?.disparities.find((d) => d.key === key);
      const db = gb?.disparities.find((d) => d.key === key);
      const shown = (da ?? db) as DisparityRow;
      return {
        ...row(`Fairness: ${name}`, shown.label, da?.value, db?.value, goalOf(shown), 'rate'),
        flagged: [da?.flagged ?? false, db?.flagged ?? false],
      };
    });
  });
}

export function comparisonRows(a: RunRecord, b: RunRecord): ComparisonRow[] {
  return [...testRows(a, b), ...trainingRows(a, b), ...fairnessRows(a, b)];
}
