/**
 * `evaluateClassifier`: the metrics a training run reports for a classifier's predicted probabilities, with
 * scikit-learn's definitions (see each module), per-group fairness when sensitive columns are given, and
 * optional percentile bootstrap intervals.
 */
import { checkBootstrapOptions } from '../fairness';
import { calibration, calibrationData } from './calibration';
import { accuracyFromMatrix, confusionCounts, macroScores, matrixRows, scoresFromMatrix } from './classification';
import { bootstrapEvaluation, type EvaluationContext, type EvaluationIntervalSet } from './evaluationBootstrap';
import { fairnessSection, planFairness } from './groupFairness';
import { meanLogLoss, perExampleLogLoss } from './logLoss';
import { prepareEvaluation, resolvePositiveClass } from './prepare';
import { oneVsRestAuc, scoreOrderings } from './rocAuc';
import type { EvaluationFairness, EvaluationInput, EvaluationReport } from './types';
import { modelWarnings } from './warnings';
import { DEFAULT_DISPARITY_THRESHOLDS } from '../../shared/disparities';

function macroAuc(aucs: ReadonlyArray<number | null>): number | null {
  if (aucs.length === 2) return aucs[1] ?? null;
  if (aucs.some((auc) => auc === null)) return null;
  return (aucs as number[]).reduce((sum, auc) => sum + auc, 0) / aucs.length;
}

function pointEstimates(
  context: EvaluationContext,
  classes: readonly string[],
): Omit<EvaluationReport, 'fairness' | 'intervals'> {
  const { prepared } = context;
  const { k, weight } = prepared;
  const { matrix, present } = confusionCounts(prepared, weight);
  const scores = scoresFromMatrix(matrix, k);
  const aucs = context.orderings.map((ordering, c) => oneVsRestAuc(prepared, ordering, c, weight));
  return {
    examples: prepared.n,
    classes: [...classes],
    accuracy: accuracyFromMatrix(matrix, k),
    ...macroScores(scores, present),
    perClass: scores.map((score, c) => ({ class: classes[c] ?? '', ...score, rocAuc: aucs[c] ?? null })),
    rocAuc: macroAuc(aucs),
    logLoss: meanLogLoss(context.losses, weight),
    calibration: calibration(context.calibration, weight, classes),
    confusionMatrix: matrixRows(matrix, k),
  };
}

function attachFairnessIntervals(fairness: EvaluationFairness, intervals: EvaluationIntervalSet['fairness']): void {
  for (const { grouping, intervals: found } of intervals) {
    const entry = grouping.kind === 'column' ? fairness.byColumn[grouping.name] : fairness.intersection;
    if (entry !== undefined) entry.report.intervals = found;
  }
}

export function evaluateClassifier(input: EvaluationInput): EvaluationReport {
  const settings = input.bootstrap === undefined ? undefined : checkBootstrapOptions(input.bootstrap);
  const prepared = prepareEvaluation(input);
  const positiveClass = resolvePositiveClass(input);
  const context: EvaluationContext = {
    prepared,
    orderings: scoreOrderings(prepared),
    losses: perExampleLogLoss(prepared),
    calibration: calibrationData(prepared, positiveClass),
    plan: planFairness(prepared, input, positiveClass),
  };
  const report: EvaluationReport = pointEstimates(context, input.classes);
  if (context.plan !== undefined) {
    report.fairness = fairnessSection(prepared, context.plan, input.classes);
    report.fairness.thresholds = input.fairnessThresholds ?? DEFAULT_DISPARITY_THRESHOLDS;
  }
  const warnings = modelWarnings({ predicted: prepared.predicted, classes: input.classes, rocAuc: report.rocAuc });
  if (warnings.length > 0) report.warnings = warnings;
  if (settings !== undefined) {
    const intervals = bootstrapEvaluation(context, report.fairness, settings);
    report.intervals = intervals.headline;
    if (report.fairness !== undefined) attachFairnessIntervals(report.fairness, intervals.fairness);
  }
  return report;
}

/**
 * The checks `evaluateClassifier` makes on everything but the predictions — class indices, weights, sensitive
 * columns, privileged groups present on both sides, bootstrap options — so a training job can fail before its
 * first epoch instead of after its last. Throws the same errors the evaluation would.
 */
export function checkEvaluationInput(input: Omit<EvaluationInput, 'probabilities'>): void {
  if (input.bootstrap !== undefined) checkBootstrapOptions(input.bootstrap);
  const k = input.classes.length;
  const uniform = Array.from({ length: k }, () => 1 / k);
  const prepared = prepareEvaluation({ ...input, probabilities: input.yTrue.map(() => uniform) });
  planFairness(prepared, { ...input, probabilities: [] }, resolvePositiveClass({ ...input, probabilities: [] }));
}
