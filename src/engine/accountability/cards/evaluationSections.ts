import type { EvaluationReport, GroupRates, RateIntervals } from '../../../shared/reports';
import type { RunEvidence } from '../evidence/runEvidence';
import { ask, bullets, code, interval, notRecorded, num, section, table, text } from './markdown';

/** Evaluation: the held-out test split, the factors (groups), the metrics, and the results with intervals. */
export function evaluationSection(evidence: RunEvidence): string {
  const report = evidence.run.report;
  if (!report)
    return section(2, 'Evaluation', notRecorded(`the run ${evidence.run.status.state} without a test report.`));
  return section(
    2,
    'Evaluation',
    section(
      3,
      'Testing Data, Factors & Metrics',
      section(4, 'Testing Data', testingData(evidence)),
      section(4, 'Factors', factors(report.test)),
      section(4, 'Metrics', METRICS_TEXT),
    ),
    section(3, 'Results', results(report.test)),
    section(4, 'Summary', summary(evidence), ask('what these results mean for the intended use.')),
  );
}

function testingData(evidence: RunEvidence): string {
  const report = evidence.run.report!;
  const split = evidence.run.config?.split;
  const how =
    split?.kind === 'files'
      ? `the test file ${code(split.test.path)}`
      : `the held-out test split of ${code(evidence.dataset?.shownPath ?? 'the dataset')} (stratified, seeded)`;
  return `${report.test.examples} examples from ${how}, never used for training; the validation split (${report.splits.validation} examples) was used only to monitor epochs.`;
}

function factors(test: EvaluationReport): string {
  const byColumn = test.fairness?.byColumn ?? {};
  if (Object.keys(byColumn).length === 0)
    return notRecorded('no sensitive column was named, so results are not disaggregated by group.');
  const items = Object.entries(byColumn).map(
    ([column, group]) =>
      `${code(column)}: ${Object.entries(group.report.byGroup)
        .map(([name, rates]) => `${code(name)} (${rates.count})`)
        .join(', ')}`,
  );
  if (test.fairness?.intersection)
    items.push(`their intersection: ${Object.keys(test.fairness.intersection.report.byGroup).length} groups`);
  return `Results are disaggregated by group (test examples per group in brackets):\n\n${bullets(items)}`;
}

const METRICS_TEXT = bullets([
  'Accuracy; macro-averaged precision, recall and F1 (scikit-learn); ROC AUC; log loss; expected calibration error over equal-width bins.',
  'Per group (Fairlearn MetricFrame): accuracy, selection rate (share predicted positive), true and false positive rates.',
  "Disparities (Fairlearn, between groups): demographic parity, equalized odds and equal opportunity as differences (max − min) and ratios (min / max); with a privileged group, AIF360's statistical parity difference, disparate impact and average odds difference.",
]);

function results(test: EvaluationReport): string {
  const headline: Array<[string, number | null, keyof NonNullable<EvaluationReport['intervals']>]> = [
    ['Accuracy', test.accuracy, 'accuracy'],
    ['Macro F1', test.macroF1, 'macroF1'],
    ['Macro precision', test.macroPrecision, 'macroPrecision'],
    ['Macro recall', test.macroRecall, 'macroRecall'],
    ['ROC AUC', test.rocAuc, 'rocAuc'],
    ['Log loss', test.logLoss, 'logLoss'],
    ['Expected calibration error', test.calibration.expectedCalibrationError, 'expectedCalibrationError'],
  ];
  const intervals = test.intervals;
  const blocks = [
    table(
      ['Metric', 'Value', 'Interval'],
      headline.map(([name, value, key]) => [
        name,
        num(value),
        interval(intervals?.[key] as { lower: number; upper: number } | null | undefined),
      ]),
    ),
    table(
      ['Class', 'Precision', 'Recall', 'F1', 'Support', 'ROC AUC'],
      test.perClass.map((scores) => [
        code(scores.class),
        num(scores.precision),
        num(scores.recall),
        num(scores.f1),
        String(scores.support),
        num(scores.rocAuc),
      ]),
    ),
    `Confusion matrix (rows true, columns predicted):\n\n${table(
      ['', ...test.classes.map(code)],
      test.confusionMatrix.map((row, i) => [code(test.classes[i] ?? ''), ...row.map(String)]),
    )}`,
  ];
  for (const [column, group] of Object.entries(test.fairness?.byColumn ?? {}))
    blocks.push(`**By ${text(column)}**\n\n${groupTable(group.report.byGroup, group.report.intervals?.byGroup)}`);
  return blocks.join('\n\n');
}

function groupTable(byGroup: Record<string, GroupRates>, intervals: Record<string, RateIntervals> | undefined): string {
  const cell = (value: number, ci: { lower: number; upper: number } | null | undefined) =>
    ci ? `${num(value)} ${interval(ci)}` : num(value);
  const rows = Object.entries(byGroup).map(([group, rates]) => {
    const ci = intervals?.[group];
    return [
      code(group),
      String(rates.count),
      cell(rates.accuracy, ci?.accuracy),
      cell(rates.selectionRate, ci?.selectionRate),
      cell(rates.truePositiveRate, ci?.truePositiveRate),
      cell(rates.falsePositiveRate, ci?.falsePositiveRate),
    ];
  });
  return table(['Group', 'Count', 'Accuracy', 'Selection rate', 'True positive rate', 'False positive rate'], rows);
}

function summary(evidence: RunEvidence): string {
  const test = evidence.run.report!.test;
  return `Test accuracy ${num(test.accuracy)} on ${test.examples} held-out examples; the group figures and their verdicts are under Bias, Risks, and Limitations.`;
}
