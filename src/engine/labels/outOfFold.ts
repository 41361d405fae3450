import type * as tf from '@tensorflow/tfjs';
import {
  AdamTrainer,
  autoBatchSize,
  classIndices,
  positiveClassIndex,
  selectExamples,
  type ColumnRoles,
  type Examples,
  seededRandom,
  shuffleInPlace,
  encodeSplit,
  fitPreprocessing,
  type EncodedSplit,
  predictProbabilities,
  trainOneEpoch,
  buildTabularClassifier,
  buildTextClassifier,
  type ResolvedModelSpec,
} from '../training';

export interface OutOfFoldOptions {
  spec: ResolvedModelSpec;
  roles: Pick<ColumnRoles, 'text' | 'features'>;
  /** Default 5, as Cleanlab's `cv_n_folds`. */
  folds?: number;
  /** Seeds the folds, the shuffles and the initial weights (default 42). */
  seed?: number;
  /** Epochs per fold (default 5). */
  epochs?: number;
  learningRate?: number;
  batchSize?: number;
  signal?: AbortSignal;
  onFold?(fold: number, folds: number): void;
}

/**
 * Out-of-fold predicted probabilities, as Cleanlab's `estimate_cv_predicted_probabilities` gets them: a seeded
 * stratified k-fold split; for each fold a fresh model of the project's own kind is fitted (preprocessing included)
 * on the other folds and predicts the fold it never saw. Returns [examples × classes] row-major.
 */
export async function outOfFoldProbabilities(
  examples: Examples,
  classes: string[],
  options: OutOfFoldOptions,
): Promise<Float64Array> {
  const folds = options.folds ?? 5;
  const seed = options.seed ?? 42;
  if (!Number.isInteger(folds) || folds < 2)
    throw new RangeError(`--folds must be an integer of at least 2 (got ${folds})`);
  if (folds > examples.count)
    throw new RangeError(`${folds} folds need at least ${folds} rows (the dataset has ${examples.count})`);
  const labels = classIndices(examples.labels, classes);
  const assignment = stratifiedFolds(labels, folds, seed);
  // Hashed text features are fitted on nothing: encode every row once rather than once per fold.
  const encodedText =
    options.spec.kind === 'text-embedding-bag' ? encodeAllTexts(examples, classes, options) : undefined;
  const out = new Float64Array(examples.count * classes.length);
  for (let fold = 0; fold < folds; fold++) {
    options.signal?.throwIfAborted();
    options.onFold?.(fold + 1, folds);
    const train = Int32Array.from(indicesWhere(assignment, (f) => f !== fold));
    const held = Int32Array.from(indicesWhere(assignment, (f) => f === fold));
    const probabilities = await trainAndPredict(examples, classes, train, held, {
      ...options,
      seed: seed + fold,
      encodedText,
    });
    held.forEach((row, i) => {
      for (let k = 0; k < classes.length; k++) out[row * classes.length + k] = probabilities[i * classes.length + k]!;
    });
  }
  return out;
}

/**
 * Each class's rows, shuffled with the seed, dealt round-robin to the folds (continuing from where the previous
 * class stopped, so folds differ in size by at most one), like scikit-learn's StratifiedKFold(shuffle=True).
 */
export function stratifiedFolds(labels: Int32Array, folds: number, seed: number): Int32Array {
  const random = seededRandom(seed, 'label-folds');
  const assignment = new Int32Array(labels.length);
  const byClass = new Map<number, number[]>();
  labels.forEach((label, row) => {
    const rows = byClass.get(label);
    if (rows) rows.push(row);
    else byClass.set(label, [row]);
  });
  let dealt = 0;
  for (const label of [...byClass.keys()].sort((a, b) => a - b)) {
    const rows = shuffleInPlace(Int32Array.from(byClass.get(label)!), random);
    rows.forEach((row) => (assignment[row] = dealt++ % folds));
  }
  return assignment;
}

function indicesWhere(values: Int32Array, keep: (value: number) => boolean): number[] {
  const out: number[] = [];
  values.forEach((value, i) => keep(value) && out.push(i));
  return out;
}

function encodeAllTexts(examples: Examples, classes: string[], options: OutOfFoldOptions): EncodedSplit {
  const positive = classes[positiveClassIndex(classes)]!;
  const roles = { ...options.roles, features: options.roles.features ?? [] };
  return encodeSplit(fitPreprocessing(options.spec, roles, examples, classes, positive), examples);
}

/** The rows `rows` of an encoded split, as a split of their own. */
function subsetOf(encoded: EncodedSplit, rows: Int32Array): EncodedSplit {
  return { count: rows.length, batch: (subset) => encoded.batch(Int32Array.from(subset, (i) => rows[i]!)) };
}

async function trainAndPredict(
  examples: Examples,
  classes: string[],
  trainRows: Int32Array,
  heldRows: Int32Array,
  options: OutOfFoldOptions & { seed: number; encodedText: EncodedSplit | undefined },
): Promise<Float32Array> {
  const train = selectExamples(examples, trainRows);
  const positive = classes[positiveClassIndex(classes)]!;
  const preprocessing = fitPreprocessing(
    options.spec,
    { ...options.roles, features: options.roles.features ?? [] },
    train,
    classes,
    positive,
  );
  const encoded = options.encodedText ? subsetOf(options.encodedText, trainRows) : encodeSplit(preprocessing, train);
  const split = {
    encoded,
    labels: classIndices(train.labels, classes),
    weights: new Float32Array(train.count).fill(1),
  };
  const model: tf.LayersModel =
    preprocessing.kind === 'text'
      ? buildTextClassifier(options.spec, classes.length, options.seed)
      : buildTabularClassifier(options.spec, preprocessing.encoding.width, classes.length, options.seed);
  const optimizer = new AdamTrainer(options.learningRate ?? 0.01);
  try {
    const batchSize = options.batchSize ?? autoBatchSize(train.count);
    const shuffle = seededRandom(options.seed, 'label-epochs');
    const order = Int32Array.from({ length: train.count }, (_, i) => i);
    for (let epoch = 0; epoch < (options.epochs ?? 5); epoch++) {
      await trainOneEpoch(model, optimizer, split, shuffleInPlace(order, shuffle), batchSize, options.signal);
    }
    const held = options.encodedText
      ? subsetOf(options.encodedText, heldRows)
      : encodeSplit(preprocessing, selectExamples(examples, heldRows));
    return await predictProbabilities(model, held, classes.length, Math.max(batchSize, 256));
  } finally {
    model.dispose();
    optimizer.dispose();
  }
}
