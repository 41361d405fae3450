import type { EvaluationReport } from '../../../src/shared/reports';
import { dataTable, el } from '../../common/dom';
import { RATE_AXIS } from '../model/axes';
import type { DisparityRow } from '../model/disparities';
import { formatCount, formatInterval, formatLoss, formatRate } from '../model/format';
import { GROUP_RATES, groupingViews, rateBars, rowShares, type GroupRow, type GroupingView } from '../model/groupTable';
import type { BarSpec } from './charts';
import { chartFigure } from './figure';

/** The test-split evaluation of a completed run: headline figures, then per-group rates, disparities and confusion matrices. */

function rateCell(row: GroupRow, key: (typeof GROUP_RATES)[number]['key']): Node {
  const { value, interval } = row.rates[key];
  return el(
    'span',
    { class: 'rate' },
    formatRate(value),
    interval ? el('span', { class: 'interval' }, ` ${formatInterval(interval)}`) : null,
  );
}

function groupTable(view: GroupingView, level: string): HTMLTableElement {
  const cells = (row: GroupRow) => [
    row.group,
    formatCount(row.count),
    ...GROUP_RATES.map((rate) => rateCell(row, rate.key)),
  ];
  return dataTable({
    caption: `Rates by group of ${view.name} on the test split${level}`,
    headers: ['Group', 'Examples', ...GROUP_RATES.map((rate) => rate.label)],
    rows: view.groups.map(cells),
    footer: [cells(view.overall)],
    className: 'group-table',
  });
}

function smallGroupsText(row: DisparityRow, minGroupSize: number): string {
  const groups = row.smallGroups.map(({ group, count }) => `${group}: ${formatCount(count)} examples`).join(', ');
  return `outside the threshold, but it rests on a group below ${formatCount(minGroupSize)} examples (${groups}): too small to judge`;
}

function verdict(row: DisparityRow, view: GroupingView): Node {
  if (row.value === null) return el('span', { class: 'verdict undefined' }, 'undefined for these groups');
  if (row.verdict === 'uninformative') {
    return el(
      'span',
      { class: 'verdict uninformative' },
      'uninformative: the model does not tell examples apart (see the warning above)',
    );
  }
  if (row.verdict === 'small-group')
    return el('span', { class: 'verdict small' }, smallGroupsText(row, view.thresholds.minGroupSize));
  const text = row.flagged ? 'outside the threshold' : 'within the threshold';
  return el(
    'span',
    { class: `verdict ${row.flagged ? 'flag' : 'ok'}` },
    row.flagged ? `⚠ ${text}` : text,
    row.uncertain ? ' (the interval crosses it: not conclusive)' : '',
  );
}

function disparityTable(view: GroupingView): HTMLTableElement {
  return dataTable({
    caption: `Disparities between the groups of ${view.name}`,
    headers: ['Figure', 'Value', 'Interval', 'Acceptable', 'Verdict'],
    rows: view.disparities.map((row) => [
      row.label,
      formatRate(row.value),
      formatInterval(row.interval),
      row.threshold,
      verdict(row, view),
    ]),
    rowAttributes: (index) => {
      const row = view.disparities[index];
      return { class: row?.flagged ? 'flagged' : undefined, 'data-disparity': row?.key, 'data-verdict': row?.verdict };
    },
    className: 'disparity-table',
  });
}

function confusionMatrix(group: string, matrix: number[][], classes: string[]): HTMLTableElement {
  const shares = rowShares(matrix);
  return dataTable({
    caption: `${group}: true class by row, predicted class by column`,
    headers: ['True \\ predicted', ...classes],
    rows: matrix.map((row, i) => [
      classes[i] ?? String(i),
      ...row.map((count, j) =>
        el('span', { title: `${formatRate(shares[i]?.[j])} of true ${classes[i] ?? i}` }, formatCount(count)),
      ),
    ]),
    className: 'confusion',
  });
}

function rateChart(view: GroupingView) {
  const bars = rateBars(view);
  const spec: BarSpec = {
    kind: 'bar',
    labels: bars.labels,
    y: { ...RATE_AXIS, title: 'Rate (test split)' },
    series: bars.series.map((series, index) => ({
      label: series.group,
      values: series.values,
      intervals: series.intervals,
      color: index,
    })),
  };
  const description = `Selection rate, true and false positive rates and accuracy of each group of ${view.name}, with bootstrap intervals as error bars. The table below lists the values.`;
  return chartFigure(`Rates by ${view.name}`, spec, description, `rates-${view.name}`);
}

function groupingSection(view: GroupingView, level: string): HTMLElement {
  const heading = view.kind === 'intersection' ? `By ${view.name} together` : `By ${view.name}`;
  const flags =
    view.uninformative.length > 0
      ? el(
          'span',
          { class: 'flag-count uninformative' },
          'figures uninformative: the model does not tell examples apart',
        )
      : view.flagged > 0
        ? el(
            'span',
            { class: 'flag-count' },
            `⚠ ${view.flagged} ${view.flagged === 1 ? 'disparity crosses its threshold' : 'disparities cross their thresholds'}`,
          )
        : null;
  return el(
    'section',
    { class: 'grouping', 'data-grouping': view.name },
    el('h4', {}, heading, ' ', flags),
    rateChart(view).element,
    groupTable(view, level),
    disparityTable(view),
    el(
      'div',
      { class: 'confusion-grid' },
      ...view.confusion.map((entry) => confusionMatrix(entry.group, entry.matrix, view.classes)),
    ),
  );
}

function headlineTable(report: EvaluationReport): HTMLTableElement {
  const interval = (key: 'accuracy' | 'macroF1' | 'rocAuc' | 'logLoss' | 'expectedCalibrationError') =>
    formatInterval(report.intervals?.[key]);
  return dataTable({
    caption: `Test split: ${formatCount(report.examples)} examples`,
    headers: ['Figure', 'Value', 'Interval'],
    rows: [
      ['Accuracy', formatRate(report.accuracy), interval('accuracy')],
      ['Macro precision', formatRate(report.macroPrecision), ''],
      ['Macro recall', formatRate(report.macroRecall), ''],
      ['Macro F1', formatRate(report.macroF1), interval('macroF1')],
      ['ROC AUC', formatRate(report.rocAuc), interval('rocAuc')],
      ['Log loss', formatLoss(report.logLoss), interval('logLoss')],
      [
        'Expected calibration error',
        formatRate(report.calibration.expectedCalibrationError),
        interval('expectedCalibrationError'),
      ],
    ],
    className: 'headline-table',
  });
}

function intervalNote(report: EvaluationReport): string {
  const intervals = Object.values(report.fairness?.byColumn ?? {}).find((entry) => entry.report.intervals)?.report
    .intervals;
  return intervals
    ? ` (${Math.round(intervals.level * 100)} % bootstrap intervals, ${intervals.resamples} resamples)`
    : '';
}

/** The evaluation's warnings (a model predicting one class, or ranking at chance), first and loud. */
function warningsNote(report: EvaluationReport): HTMLElement | null {
  const warnings = report.warnings ?? [];
  if (warnings.length === 0) return null;
  return el(
    'div',
    { class: 'model-warnings', role: 'alert' },
    el('strong', {}, '⚠ The fairness figures below are uninformative'),
    el('ul', {}, ...warnings.map((warning) => el('li', { 'data-code': warning.code }, warning.message))),
  );
}

export function evaluationSection(report: EvaluationReport): HTMLElement {
  const views = groupingViews(report);
  const level = intervalNote(report);
  return el(
    'section',
    { class: 'evaluation', 'aria-label': 'Evaluation on the test split' },
    el('h3', {}, 'Evaluation on the test split'),
    warningsNote(report),
    el(
      'div',
      { class: 'headline' },
      headlineTable(report),
      confusionMatrix('All examples', report.confusionMatrix, report.classes),
    ),
    report.fairness
      ? el('p', { class: 'note' }, `Favourable class: ${report.fairness.positiveClass}.`)
      : el('p', { class: 'note' }, 'No sensitive columns: no per-group figures.'),
    ...views.map((view) => groupingSection(view, level)),
  );
}
