/**
 * Group thresholds for a finished run: ThresholdOptimizer fitted on the run's VALIDATION scores, then measured on its
 * TEST split, which the thresholds never saw — the figures a user can trust. Written to the run as thresholds.json.
 */
import path from 'node:path';
import { recordMitigationInLedger } from '../accountability';
import type { GroupThresholdRule, RunThresholds } from '../../shared/mitigation';
import { writeJsonAtomic } from '../io';
import { disposeRunSplits, loadRunSplits } from '../privacy';
import { RUN_FILES } from '../runs';
import { classIndices, type Examples, encodeSplit, predictProbabilities } from '../training';
import { mitigationFigures } from './expectedFairness';
import {
  fitThresholdOptimizer,
  positiveProbabilities,
  type FittedThresholds,
  type ThresholdConstraint,
  type ThresholdObjective,
} from './thresholdOptimizer';

const jsonThreshold = (value: number) => (value === Infinity ? 'Infinity' : value === -Infinity ? '-Infinity' : value);

function rules(fitted: FittedThresholds): Record<string, GroupThresholdRule> {
  return Object.fromEntries(
    Object.entries(fitted.groups).map(([group, rule]) => [
      group,
      {
        p0: rule.p0,
        operation0: rule.operation0.operator,
        threshold0: jsonThreshold(rule.operation0.threshold),
        p1: rule.p1,
        operation1: rule.operation1.operator,
        threshold1: jsonThreshold(rule.operation1.threshold),
        ...(rule.pIgnore === undefined ? {} : { pIgnore: rule.pIgnore, predictionConstant: rule.predictionConstant! }),
      },
    ]),
  );
}

export async function applyRunThresholds(
  runDir: string,
  options: { constraint?: string; objective?: string } = {},
): Promise<RunThresholds> {
  const splits = await loadRunSplits(runDir);
  try {
    const { config, data, trained } = splits;
    if (data.classes.length !== 2)
      throw new Error(`group thresholds need a binary task (the run has ${data.classes.length} classes)`);
    if (config.columns.sensitive.length === 0) throw new Error('the run has no sensitive columns to define the groups');
    const positive = data.classes.indexOf(config.positiveClass);
    const scored = async (examples: Examples) => {
      const probabilities = await predictProbabilities(
        trained.model,
        encodeSplit(trained.preprocessing, examples),
        2,
        512,
      );
      const scores = Float64Array.from({ length: examples.count }, (_, i) => probabilities[2 * i + positive]!);
      const labels = Uint8Array.from(classIndices(examples.labels, data.classes), (label) =>
        label === positive ? 1 : 0,
      );
      const groups = Array.from({ length: examples.count }, (_, i) =>
        config.columns.sensitive.map((name) => examples.sensitive[name]![i]!.trim()).join(','),
      );
      // "Before": the run's own predictions, the argmax (P(positive) > 0.5; a tie goes to the first class).
      const before = Float64Array.from(scores, (score) =>
        positive === 1 ? (score > 0.5 ? 1 : 0) : score >= 0.5 ? 1 : 0,
      );
      return { scores, labels, groups, before, weights: examples.weights };
    };
    const validation = await scored(data.validation);
    const test = await scored(data.test);
    const fitted = fitThresholdOptimizer(validation.scores, validation.labels, validation.groups, {
      ...(options.constraint ? { constraint: options.constraint as ThresholdConstraint } : {}),
      ...(options.objective ? { objective: options.objective as ThresholdObjective } : {}),
    });
    const measure = (side: typeof test) => ({
      before: mitigationFigures(side.labels, side.before, side.groups, side.weights),
      after: mitigationFigures(
        side.labels,
        positiveProbabilities(fitted, side.scores, side.groups),
        side.groups,
        side.weights,
      ),
    });
    const result: RunThresholds = {
      version: 1,
      constraint: fitted.constraint,
      objective: fitted.objective,
      gridSize: fitted.gridSize,
      flip: fitted.flip,
      sensitive: config.columns.sensitive,
      groups: rules(fitted),
      validation: measure(validation),
      test: measure(test),
    };
    await writeJsonAtomic(path.join(runDir, RUN_FILES.thresholds), result);
    await recordMitigationInLedger(runDir, {
      method: 'group-thresholds',
      runDir,
      summary: `group thresholds (${result.constraint}) on run ${path.basename(runDir)}: test demographic parity difference ${result.test.before.demographicParityDifference.toFixed(4)} → ${result.test.after.demographicParityDifference.toFixed(4)}`,
      inputs: [path.join(runDir, RUN_FILES.predictions)],
      outputs: [path.join(runDir, RUN_FILES.thresholds)],
      details: {
        constraint: result.constraint,
        objective: result.objective,
        accuracyAfter: result.test.after.accuracy,
      },
    });
    return result;
  } finally {
    disposeRunSplits(splits);
  }
}
