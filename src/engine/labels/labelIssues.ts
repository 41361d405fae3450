import type { LabelIssuesReport } from '../../shared/attribution';
import { resolveTrainingConfig, classIndices, DatasetError, type ModelKind } from '../training';
import { rowArgMax, type LabelledProbabilities } from './confidentJoint';
import { readLabelledDataset } from './dataset';
import { findLabelIssues, type LabelFilter } from './filters';
import { outOfFoldProbabilities } from './outOfFold';
import { readPredictedProbabilities } from './predictedProbabilities';
import { labelQualityScore, orderLabelIssues, type RankMethod } from './scores';

export type { LabelIssue, LabelIssuesReport } from '../../shared/attribution';

export interface FindOptions {
  filter?: LabelFilter;
  rank?: RankMethod;
}

/** Confident learning on given labels and probabilities; `lines[row]` is the row's 1-based line. */
export function labelIssuesFrom(
  data: LabelledProbabilities,
  classes: string[],
  lines: readonly number[],
  options: FindOptions,
): Omit<LabelIssuesReport, 'probabilities'> {
  const filter = options.filter ?? 'prune_by_noise_rate';
  const { issues, joint } = findLabelIssues(data, filter);
  const flagged = issues.flatMap((flag, row) => (flag ? [row] : []));
  const ordered = options.rank
    ? orderLabelIssues(data, flagged, options.rank)
    : flagged.map((row) => ({ row, score: labelQualityScore(data, row, 'self_confidence') }));
  return {
    classes,
    rows: data.labels.length,
    filter,
    rank: options.rank ?? null,
    issues: ordered.map(({ row, score }) => ({
      line: lines[row] ?? row + 1,
      row,
      given: classes[data.labels[row]!]!,
      suggested: classes[rowArgMax(data, row)]!,
      score,
    })),
    thresholds: joint.thresholds,
    confidentJoint: joint.calibrated,
  };
}

export type ProbabilitySource =
  | { kind: 'file'; file: string }
  | {
      kind: 'k-fold';
      text?: string;
      features?: string[];
      model?: ModelKind;
      folds?: number;
      seed?: number;
      epochs?: number;
      signal?: AbortSignal;
    };

/**
 * Label issues of a dataset file: probabilities from the user's predictions file, or out of fold from seeded k-fold
 * training of the project's own model (the caller selects the tfjs backend first).
 */
export async function findDatasetLabelIssues(
  file: string,
  label: string,
  source: ProbabilitySource,
  options: FindOptions & { cwd?: string; log?: (line: string) => void } = {},
): Promise<LabelIssuesReport> {
  if (source.kind === 'file') {
    const predicted = await readPredictedProbabilities(source.file);
    const dataset = await readLabelledDataset(file, { label, classes: predicted.classes });
    if (predicted.rows !== dataset.examples.count) {
      throw new DatasetError(
        `${source.file}: ${predicted.rows} rows of probabilities for the ${dataset.examples.count} data rows of ${file}`,
      );
    }
    const data = {
      labels: classIndices(dataset.examples.labels, dataset.classes),
      probabilities: predicted.probabilities,
      classes: dataset.classes.length,
    };
    return {
      ...labelIssuesFrom(data, dataset.classes, dataset.lines, options),
      probabilities: { source: 'file', file: source.file },
    };
  }
  const resolved = resolveTrainingConfig(
    {
      dataset: file,
      label,
      ...(source.text ? { text: source.text } : { features: source.features ?? [] }),
      ...(source.model ? { model: { kind: source.model } } : {}),
    },
    options.cwd ?? process.cwd(),
  );
  const dataset = await readLabelledDataset(resolved.dataset, {
    label,
    ...(source.text ? { text: source.text } : { features: resolved.roles.features }),
  });
  if (dataset.classes.length < 2)
    throw new DatasetError(`${file}: column '${label}' has a single class: no label can be wrong`);
  const folds = source.folds ?? 5;
  const seed = source.seed ?? 42;
  const epochs = source.epochs ?? 5;
  const probabilities = await outOfFoldProbabilities(dataset.examples, dataset.classes, {
    spec: resolved.model,
    roles: resolved.roles,
    folds,
    seed,
    epochs,
    ...(source.signal ? { signal: source.signal } : {}),
    onFold: (fold, total) => options.log?.(`fold ${fold}/${total}: training on the other folds`),
  });
  const data = {
    labels: classIndices(dataset.examples.labels, dataset.classes),
    probabilities,
    classes: dataset.classes.length,
  };
  return {
    ...labelIssuesFrom(data, dataset.classes, dataset.lines, options),
    probabilities: { source: 'k-fold', folds, seed, model: resolved.model.kind, epochs },
  };
}
