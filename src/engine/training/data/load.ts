import { isWeightColumnName } from '../../bias';
import type { ResolvedTrainingConfig } from '../config';
import type { ResolvedSplit } from '../types';
import {
  cellChecks,
  classIndices,
  classNames,
  columnsToRead,
  examplesFromTable,
  selectExamples,
  weightCheck,
  type ColumnRoles,
  type Examples,
} from './examples';
import {
  addToProfile,
  checkNumbersOnly,
  emptyProfile,
  featureKind,
  type ColumnProfile,
  type FeatureKind,
} from './numeric';
import { stratifiedSplit } from './split';
import {
  DatasetError,
  inferFormat,
  readDataTable,
  sha256File,
  type CellObserver,
  type ReadOptions,
  type TrainingFormat,
} from './table';

/** The three splits of a job's data, with labels as class indices. */
export interface TrainingData {
  classes: string[];
  train: Examples;
  validation: Examples;
  test: Examples;
  dataset: { path: string; sha256: string; format: TrainingFormat; rows: number };
  split: ResolvedSplit;
  /** The configured roles, plus what reading the data decided: a weight column found by its name, categoricals. */
  roles: ColumnRoles;
  /** How the weight column was chosen (absent: no instance weights). */
  weightSource?: 'option' | 'config' | 'column-name';
  /** What each feature column holds, decided on the whole dataset file. */
  featureKinds: Record<string, FeatureKind>;
}

/** Without a validation file, this share of the training file is held out for validation. */
const VALIDATION_SHARE_OF_TRAIN_FILE = 0.15;

/**
 * Reads the dataset (and split files) with the project's parser and splits it as configured. A column named for
 * instance weights (`weight`, `sample_weight`…) becomes the weights unless weights were configured or turned off;
 * feature columns are profiled as they are read, so a bad number is reported at its line before any training.
 */
export async function loadTrainingData(
  config: ResolvedTrainingConfig,
  log: (line: string) => void = () => {},
): Promise<TrainingData> {
  const profiles = new Map(config.roles.features.map((column) => [column, emptyProfile()]));
  const main = await readMain(config, profiles);
  const { roles } = main;
  const featureKinds = decideKinds(config.dataset, profiles);
  const categorical = Object.entries(featureKinds)
    .filter(([, kind]) => kind !== 'numeric')
    .map(([column]) => column);
  const finalRoles: ColumnRoles = { ...roles, ...(categorical.length > 0 ? { categorical } : {}) };
  if (roles.weight && !config.roles.weight) {
    log(
      `using column '${roles.weight}' as instance weights (found by its name; --weight none, or weight: false, trains without them)`,
    );
  }
  const weightSource: TrainingData['weightSource'] =
    roles.weight === undefined ? undefined : config.roles.weight ? (config.weightSource ?? 'option') : 'column-name';
  const examples = main.examples;
  const dataset = {
    path: config.dataset,
    sha256: await sha256File(config.dataset),
    format: config.format,
    rows: examples.count,
  };
  const common = { dataset, roles: finalRoles, featureKinds, ...(weightSource ? { weightSource } : {}) };
  if (config.split.kind === 'ratio') {
    const classes = classNames(examples.labels);
    const rows = stratifiedSplit(classIndices(examples.labels, classes), config.split, config.seed);
    const [train, validation, test] = [rows.train, rows.validation, rows.test].map((split) =>
      selectExamples(examples, split),
    ) as [Examples, Examples, Examples];
    const counts = { train: train.count, validation: validation.count, test: test.count };
    return { classes, train, validation, test, split: { ...config.split, counts }, ...common };
  }
  const splitRoles = { ...finalRoles, ...(weightSource === 'column-name' ? { weight: undefined } : {}) };
  const optionalWeight = weightSource === 'column-name' ? roles.weight : undefined;
  const numeric = Object.entries(featureKinds)
    .filter(([, kind]) => kind === 'numeric')
    .map(([column]) => column);
  const readSplit = (file: string) => readExamples(splitRoles, file, { optionalWeight, numeric }, log);
  const test = await readSplit(config.split.test);
  const validationFile = config.split.validation;
  const [train, validation] = validationFile
    ? [examples, await readSplit(validationFile)]
    : holdOutValidation(examples, config.seed);
  const classes = classNames([...train.labels, ...validation.labels, ...test.labels]);
  const split: ResolvedSplit = {
    kind: 'files',
    test: { path: config.split.test, sha256: await sha256File(config.split.test) },
    ...(validationFile ? { validation: { path: validationFile, sha256: await sha256File(validationFile) } } : {}),
    counts: { train: train.count, validation: validation.count, test: test.count },
  };
  return { classes, train, validation, test, split, ...common };
}

/** The dataset file: the configured columns, a weight column found by its name, and feature profiles. */
async function readMain(
  config: ResolvedTrainingConfig,
  profiles: Map<string, ColumnProfile>,
): Promise<{ examples: Examples; roles: ColumnRoles }> {
  const roles = config.roles;
  const taken = new Set([roles.label, ...(roles.text ? [roles.text] : []), ...roles.features, ...roles.sensitive]);
  const searching = config.findWeightColumn && roles.weight === undefined;
  const observe: Record<string, CellObserver> = {};
  for (const [column, profile] of profiles)
    observe[column] = (value, position) => addToProfile(profile, value, position);
  const options: ReadOptions = {
    observe,
    ...(searching ? { optional: isWeightColumnName, optionalCheck: weightCheck } : {}),
  };
  const table = await readDataTable(config.dataset, config.format, columnsToRead(roles), cellChecks(roles), options);
  const found = searching
    ? table.columns.find((column) => isWeightColumnName(column) && table.values.has(column))
    : undefined;
  if (found !== undefined && taken.has(found)) {
    throw new DatasetError(
      `${config.dataset}: column '${found}' holds instance weights (found by its name): it cannot be a feature, the label ` +
        `or a sensitive column. Give --weight none (weight: false) to use it as one`,
    );
  }
  const withWeight: ColumnRoles = found === undefined ? roles : { ...roles, weight: found };
  return { examples: examplesFromTable(table, withWeight), roles: withWeight };
}

function decideKinds(file: string, profiles: Map<string, ColumnProfile>): Record<string, FeatureKind> {
  const kinds: Record<string, FeatureKind> = {};
  for (const [column, profile] of profiles) kinds[column] = featureKind(file, column, profile);
  return kinds;
}

/**
 * A split file: its numeric columns hold numbers only, and a weight column found by its name in the dataset is
 * read here only if this file has it too.
 */
async function readExamples(
  roles: ColumnRoles,
  file: string,
  { optionalWeight, numeric }: { optionalWeight: string | undefined; numeric: readonly string[] },
  log: (line: string) => void,
): Promise<Examples> {
  const profiles = new Map(numeric.map((column) => [column, emptyProfile()]));
  const observe: Record<string, CellObserver> = {};
  for (const [column, profile] of profiles)
    observe[column] = (value, position) => addToProfile(profile, value, position);
  const options: ReadOptions = {
    observe,
    ...(optionalWeight ? { optional: (column: string) => column === optionalWeight, optionalCheck: weightCheck } : {}),
  };
  const table = await readDataTable(file, inferFormat(file), columnsToRead(roles), cellChecks(roles), options);
  for (const [column, profile] of profiles) checkNumbersOnly(file, column, profile);
  const weighted = optionalWeight !== undefined && table.values.has(optionalWeight);
  if (optionalWeight !== undefined && !weighted) log(`${file} has no column '${optionalWeight}': its examples weigh 1`);
  return examplesFromTable(table, weighted ? { ...roles, weight: optionalWeight } : roles);
}

function holdOutValidation(examples: Examples, seed: number): [Examples, Examples] {
  const classes = classNames(examples.labels);
  const ratios = { train: 1 - VALIDATION_SHARE_OF_TRAIN_FILE, validation: VALIDATION_SHARE_OF_TRAIN_FILE, test: 0 };
  const rows = stratifiedSplit(classIndices(examples.labels, classes), ratios, seed);
  return [selectExamples(examples, rows.train), selectExamples(examples, rows.validation)];
}
