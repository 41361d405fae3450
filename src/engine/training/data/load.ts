import type { ResolvedTrainingConfig } from '../config';
import type { ResolvedSplit } from '../types';
import { cellChecks, classIndices, classNames, columnsToRead, examplesFromTable, selectExamples, type Examples } from './examples';
import { stratifiedSplit } from './split';
import { inferFormat, readDataTable, sha256File, type TrainingFormat } from './table';

/** The three splits of a job's data, with labels as class indices. */
export interface TrainingData {
  classes: string[];
  train: Examples;
  validation: Examples;
  test: Examples;
  dataset: { path: string; sha256: string; format: TrainingFormat; rows: number };
  split: ResolvedSplit;
}

/** Without a validation file, this share of the training file is held out for validation. */
const VALIDATION_SHARE_OF_TRAIN_FILE = 0.15;

/** Reads the dataset (and split files) with the project's parser and splits it as configured. */
export async function loadTrainingData(config: ResolvedTrainingConfig): Promise<TrainingData> {
  const main = await readExamples(config, config.dataset, config.format);
  const dataset = { path: config.dataset, sha256: await sha256File(config.dataset), format: config.format, rows: main.count };
  if (config.split.kind === 'ratio') {
    const classes = classNames(main.labels);
    const rows = stratifiedSplit(classIndices(main.labels, classes), config.split, config.seed);
    const [train, validation, test] = [rows.train, rows.validation, rows.test].map((split) => selectExamples(main, split)) as [Examples, Examples, Examples];
    const counts = { train: train.count, validation: validation.count, test: test.count };
    return { classes, train, validation, test, dataset, split: { ...config.split, counts } };
  }
  const test = await readExamples(config, config.split.test, inferFormat(config.split.test));
  const validationFile = config.split.validation;
  const [train, validation] = validationFile
    ? [main, await readExamples(config, validationFile, inferFormat(validationFile))]
    : holdOutValidation(main, config.seed);
  const classes = classNames([...train.labels, ...validation.labels, ...test.labels]);
  const split: ResolvedSplit = {
    kind: 'files',
    test: { path: config.split.test, sha256: await sha256File(config.split.test) },
    ...(validationFile ? { validation: { path: validationFile, sha256: await sha256File(validationFile) } } : {}),
    counts: { train: train.count, validation: validation.count, test: test.count },
  };
  return { classes, train, validation, test, dataset, split };
}

async function readExamples(config: ResolvedTrainingConfig, file: string, format: TrainingFormat): Promise<Examples> {
  const table = await readDataTable(file, format, columnsToRead(config.roles), cellChecks(config.roles));
  return examplesFromTable(table, config.roles);
}

function holdOutValidation(examples: Examples, seed: number): [Examples, Examples] {
  const classes = classNames(examples.labels);
  const ratios = { train: 1 - VALIDATION_SHARE_OF_TRAIN_FILE, validation: VALIDATION_SHARE_OF_TRAIN_FILE, test: 0 };
  const rows = stratifiedSplit(classIndices(examples.labels, classes), ratios, seed);
  return [selectExamples(examples, rows.train), selectExamples(examples, rows.validation)];
}
