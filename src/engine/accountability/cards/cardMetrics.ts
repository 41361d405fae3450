import type { ConfidenceInterval, EvaluationReport, HeadlineMetric, RateName } from '../../../shared/reports';
import { DISPARITIES } from '../evidence/disparities';

/**
 * The metrics a card lists in its `model-index` metadata (Hugging Face's `type`, `value`, `name`, `args`), and how
 * each is read back from a run's `report.json`: the card writes them, card lint checks them against the run.
 */
export interface CardMetric {
  type: string;
  name: string;
  value: number;
  args?: Record<string, string>;
  /** The bootstrap interval the run recorded for it, if any (the Model Card Toolkit export reports it). */
  interval?: ConfidenceInterval;
}

interface HeadlineDefinition {
  type: string;
  name: string;
  /** Its key in the report's `intervals`. */
  key: HeadlineMetric;
  args?: Record<string, string>;
  read: (report: EvaluationReport) => number | null;
}

const HEADLINE: readonly HeadlineDefinition[] = [
  { type: 'accuracy', name: 'Test accuracy', key: 'accuracy', read: (report) => report.accuracy },
  { type: 'f1', name: 'Test macro F1', key: 'macroF1', args: { average: 'macro' }, read: (report) => report.macroF1 },
  {
    type: 'precision',
    name: 'Test macro precision',
    key: 'macroPrecision',
    args: { average: 'macro' },
    read: (report) => report.macroPrecision,
  },
  {
    type: 'recall',
    name: 'Test macro recall',
    key: 'macroRecall',
    args: { average: 'macro' },
    read: (report) => report.macroRecall,
  },
  { type: 'roc_auc', name: 'Test ROC AUC', key: 'rocAuc', read: (report) => report.rocAuc },
  { type: 'log_loss', name: 'Test log loss', key: 'logLoss', read: (report) => report.logLoss },
  {
    type: 'expected_calibration_error',
    name: 'Test expected calibration error',
    key: 'expectedCalibrationError',
    read: (report) => report.calibration.expectedCalibrationError,
  },
];

const GROUP_RATES: ReadonlyArray<[type: string, key: RateName, label: string]> = [
  ['accuracy', 'accuracy', 'accuracy'],
  ['selection_rate', 'selectionRate', 'selection rate'],
  ['true_positive_rate', 'truePositiveRate', 'true positive rate'],
  ['false_positive_rate', 'falsePositiveRate', 'false positive rate'],
];

/** A disparity's metric type on a card: its report key in snake case (`demographic_parity_ratio`). */
export const disparityType = (key: string) => key.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);

/**
 * Every metric of a run's test report, headline first, then disparities and group rates per sensitive column, each
 * with its bootstrap interval when the run computed one.
 */
export function cardMetricsOf(report: EvaluationReport): CardMetric[] {
  const metrics: CardMetric[] = [];
  for (const definition of HEADLINE) {
    const value = definition.read(report);
    if (isNumber(value))
      metrics.push({
        type: definition.type,
        name: definition.name,
        value,
        ...(definition.args ? { args: definition.args } : {}),
        ...intervalOf(report.intervals?.[definition.key]),
      });
  }
  for (const [column, fairness] of Object.entries(report.fairness?.byColumn ?? {})) {
    const intervals = fairness.report.intervals;
    for (const disparity of DISPARITIES) {
      const value = fairness.report[disparity.key];
      if (isNumber(value))
        metrics.push({
          type: disparityType(disparity.key),
          name: `${disparity.label} (${column})`,
          value,
          args: { sensitive: column },
          ...intervalOf(intervals?.disparities[disparity.key]),
        });
    }
    for (const [group, rates] of Object.entries(fairness.report.byGroup)) {
      for (const [type, key, label] of GROUP_RATES) {
        const value = rates[key];
        if (isNumber(value))
          metrics.push({
            type,
            name: `Test ${label} (${column} = ${group})`,
            value,
            args: { sensitive: column, group },
            ...intervalOf(intervals?.byGroup[group]?.[key]),
          });
      }
    }
  }
  return metrics;
}

function intervalOf(interval: ConfidenceInterval | null | undefined): { interval?: ConfidenceInterval } {
  return interval && isNumber(interval.lower) && isNumber(interval.upper) ? { interval } : {};
}

/**
 * The run's value of a metric as a card names it: a number, null when the run leaves it undefined, or undefined
 * when the card names a metric this list does not know (card lint then leaves it alone).
 */
export function runValueOf(
  report: EvaluationReport,
  type: string,
  args: Record<string, unknown> = {},
): number | null | undefined {
  const sensitive = typeof args['sensitive'] === 'string' ? args['sensitive'] : undefined;
  const group = typeof args['group'] === 'string' ? args['group'] : undefined;
  if (sensitive === undefined) {
    const definition = HEADLINE.find(
      (candidate) =>
        candidate.type === type &&
        (candidate.args?.['average'] ?? undefined) === (args['average'] ?? candidate.args?.['average']),
    );
    return definition ? numberOrNull(definition.read(report)) : undefined;
  }
  const fairness = report.fairness?.byColumn[sensitive]?.report;
  if (group !== undefined) {
    const rate = GROUP_RATES.find(([candidate]) => candidate === type);
    if (!rate) return undefined;
    return fairness ? numberOrNull(fairness.byGroup[group]?.[rate[1]]) : null;
  }
  const disparity = DISPARITIES.find((candidate) => disparityType(candidate.key) === type);
  if (!disparity) return undefined;
  return fairness ? numberOrNull(fairness[disparity.key]) : null;
}

function isNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

function numberOrNull(value: unknown): number | null {
  return isNumber(value) ? value : null;
}
