// What `rml train` prints of a finished run: the JSON summary (`--format json`) and the text for a terminal.
import type { EvaluationReport } from '../../engine/evaluation';
import type { FairnessReport } from '../../engine/fairness';
import type { RunResult } from '../../engine/training';
import { DEFAULT_DISPARITY_THRESHOLDS, type DisparityThresholds } from '../../shared/disparities';
import type { ModelWarning } from '../../shared/reports';
import { forTerminal } from '../backendNotes';
import { assessReport, bootstrapText, fairnessTables, number, type DisparityVerdictJson } from '../fairnessText';
import { mitigationLines } from './trainMitigation';

/** The JSON of `rml train --format json`. */
export interface TrainSummary {
  runDir: string;
  runId: string;
  backend: RunResult['backend'];
  splits: RunResult['splits'];
  /** Epochs trained. */
  epochs: number;
  /** The epoch whose weights the model keeps (early stopping keeps the best validation loss). */
  bestEpoch: number;
  stoppedEarly: boolean;
  test: {
    examples: number;
    accuracy: number;
    /** Binary: F1 of the positive class (scikit-learn's default); more classes: macro F1. */
    f1: number;
    macroF1: number;
    /** ROC AUC (binary) or macro one-vs-rest; null when undefined on this test split. */
    auc: number | null;
    logLoss: number;
    expectedCalibrationError: number;
  };
  /** `model/constant-prediction`, `model/chance-level`: the fairness figures below are then uninformative. */
  warnings: ModelWarning[];
  /** The fairness report of `rml fairness` with the same sensitive columns (their intersection when several). */
  fairness?: FairnessReport;
  fairnessByColumn?: Record<string, FairnessReport>;
  /** Every disparity of every grouping with its verdict (what --fail-on-disparity reads). */
  verdicts: DisparityVerdictJson[];
  /** Private or constrained runs: mitigation.json (constraint, achieved disparity and accuracy, final ε). */
  mitigation?: RunResult['mitigation'];
}

export function trainSummary(
  result: RunResult,
  test: EvaluationReport,
  thresholds: DisparityThresholds = DEFAULT_DISPARITY_THRESHOLDS,
): TrainSummary {
  const positive = test.classes.indexOf(result.positiveClass ?? test.classes.at(-1)!);
  const binary = test.classes.length === 2;
  const byColumn = test.fairness
    ? Object.fromEntries(Object.entries(test.fairness.byColumn).map(([column, entry]) => [column, entry.report]))
    : undefined;
  const single = byColumn && Object.keys(byColumn).length === 1 ? Object.values(byColumn)[0] : undefined;
  const intersection = test.fairness?.intersection?.report;
  const fairness = intersection ?? single;
  const warnings = test.warnings ?? [];
  const groupings = [
    ...Object.entries(byColumn ?? {}),
    ...(intersection ? [[Object.keys(byColumn ?? {}).join(','), intersection] as const] : []),
  ];
  return {
    runDir: result.runDir,
    runId: result.id,
    backend: { ...result.backend, warnings: result.backend.warnings.map(forTerminal) },
    splits: result.splits,
    epochs: result.epochs.length,
    bestEpoch: result.bestEpoch ?? result.epochs.length,
    stoppedEarly: result.stoppedEarly ?? false,
    test: {
      examples: test.examples,
      accuracy: test.accuracy,
      f1: binary ? (test.perClass[positive]?.f1 ?? test.macroF1) : test.macroF1,
      macroF1: test.macroF1,
      auc: test.rocAuc,
      logLoss: test.logLoss,
      expectedCalibrationError: test.calibration.expectedCalibrationError,
    },
    warnings,
    ...(fairness ? { fairness } : {}),
    ...(byColumn ? { fairnessByColumn: byColumn } : {}),
    verdicts: groupings.flatMap(([name, report]) => assessReport(name, report, thresholds, warnings)),
    ...(result.mitigation ? { mitigation: result.mitigation } : {}),
  };
}

export function renderText(summary: TrainSummary, thresholds: DisparityThresholds): string {
  const epochs = summary.stoppedEarly
    ? `${summary.epochs} epochs (early stopping; kept epoch ${summary.bestEpoch})`
    : `${summary.epochs} epochs${summary.bestEpoch !== summary.epochs ? ` (kept epoch ${summary.bestEpoch})` : ''}`;
  const lines = [
    `run ${summary.runId}: ${summary.runDir}`,
    `backend: ${summary.backend.detail}`,
    ...summary.backend.warnings.map((warning) => `note: ${warning}`),
    `split: ${summary.splits.train} train / ${summary.splits.validation} validation / ${summary.splits.test} test, ${epochs}`,
    `test: accuracy ${number(summary.test.accuracy)}, F1 ${number(summary.test.f1)}, ` +
      `ROC AUC ${number(summary.test.auc)}, log loss ${number(summary.test.logLoss)}`,
    ...summary.warnings.map((warning) => `WARNING (${warning.code}): ${warning.message}`),
  ];
  const groupings = [...Object.entries(summary.fairnessByColumn ?? {})];
  if (summary.fairness && groupings.length > 1)
    groupings.push([groupings.map(([name]) => name).join(','), summary.fairness]);
  for (const [name, report] of groupings) {
    const verdicts = summary.verdicts.filter((verdict) => verdict.grouping === name);
    const uninformative = summary.warnings.length > 0 ? ' — UNINFORMATIVE: the model does not tell examples apart' : '';
    lines.push(
      '',
      `fairness by ${name} (${bootstrapText(report)})${uninformative}`,
      fairnessTables(report, { groupsTitle: name, thresholds, verdicts }),
    );
  }
  lines.push(...mitigationLines(summary.mitigation));
  return `${lines.join('\n')}\n`;
}
