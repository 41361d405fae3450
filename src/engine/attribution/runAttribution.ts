import path from 'node:path';
import type { CounterfactualReport, RunAttribution } from '../../shared/attribution';
import { RUN_FILES, type RunConfigRecord } from '../../shared/runs';
import type { SplitSpec } from '../../shared/training';
import { counterfactualGap, DEFAULT_GAP_THRESHOLD } from '../counterfactual';
import { writeFileAtomically } from '../io';
import { readRun } from '../runs';
import {
  resolveTrainingConfig,
  type Examples,
  loadTrainingData,
  loadTrainedModel,
  type TrainedModel,
} from '../training';
import { globalImportance } from './globalImportance';
import { attributionModelFor } from './load';
import type { AttributionModel, ModelInput } from './model';

export interface RunAttributionOptions {
  id: string;
  signal?: AbortSignal;
  /** Test examples explained at most for global importance (default 300, a seeded sample beyond). */
  maxExamples?: number;
  /** Integrated-gradient steps for global importance (default 20: an average over many examples needs less). */
  steps?: number;
  gapThreshold?: number;
  seed?: number;
}

/** Pairs kept in the run file: the largest changes. */
const KEPT_PAIRS = 100;

/**
 * What a run records about its predictions once trained: global importance on the test split (integrated
 * gradients, overall and per sensitive group) and, for text models, the counterfactual token fairness gap.
 * A part that fails becomes a warning; cancellation (the signal) propagates.
 */
export async function computeRunAttribution(
  trained: TrainedModel,
  test: Examples,
  options: RunAttributionOptions,
): Promise<RunAttribution> {
  const model = attributionModelFor(trained);
  const warnings: string[] = [];
  try {
    const inputs = testInputs(model, trained, test);
    const importance = await globalImportance(model, inputs, {
      method: 'ig',
      steps: options.steps ?? 20,
      groups: test.sensitive,
      maxExamples: options.maxExamples ?? 300,
      seed: options.seed ?? 0,
      ...(options.signal ? { signal: options.signal } : {}),
    });
    const counterfactual =
      model.kind === 'text' ? gapOf(model, test, options.gapThreshold ?? DEFAULT_GAP_THRESHOLD, warnings) : undefined;
    return {
      version: 1,
      id: options.id,
      finishedAt: new Date().toISOString(),
      globalImportance: importance,
      ...(counterfactual ? { counterfactual } : {}),
      warnings,
    };
  } finally {
    model.dispose();
  }
}

function testInputs(model: AttributionModel, trained: TrainedModel, test: Examples): ModelInput[] {
  if (model.kind === 'text') return test.text.map((text) => ({ text }));
  const columns = trained.preprocessing.kind === 'tabular' ? trained.preprocessing.columns : [];
  return Array.from({ length: test.count }, (_, row) => ({
    record: Object.fromEntries(columns.map((column, c) => [column, test.features[c]?.[row] ?? ''])),
  }));
}

function gapOf(
  model: AttributionModel,
  test: Examples,
  threshold: number,
  warnings: string[],
): RunAttribution['counterfactual'] {
  try {
    const report: CounterfactualReport = counterfactualGap(
      test.text.map((text) => ({ text })),
      (texts) => model.predict(texts.map((text) => ({ text }))),
      model,
    );
    const pairs = [...report.pairs].sort((a, b) => Math.abs(b.delta) - Math.abs(a.delta)).slice(0, KEPT_PAIRS);
    return { ...report, pairs, threshold, exceeds: report.gap > threshold };
  } catch (error) {
    warnings.push(`counterfactual token fairness: ${error instanceof Error ? error.message : String(error)}`);
    return undefined;
  }
}

/** Writes `attribution.json` into the run directory (atomically). */
export async function writeRunAttribution(runDir: string, attribution: RunAttribution): Promise<void> {
  await writeFileAtomically(path.join(runDir, RUN_FILES.attribution), `${JSON.stringify(attribution, null, 2)}\n`);
}

/**
 * Computes and writes `attribution.json` for a completed run, after its job: the model comes from `model/`, the test
 * split is made again from `config.json` (same dataset, columns, split and seed give the same rows). Refuses when
 * the dataset changed since training (its SHA-256 differs), since the rows would not be the ones tested.
 */
export async function attributeCompletedRun(
  runDir: string,
  options: Omit<RunAttributionOptions, 'id'> = {},
): Promise<RunAttribution> {
  const run = await readRun(runDir);
  if (run.status.state !== 'completed' || !run.config || !run.hasModel) {
    throw new Error(`${runDir}: only a completed run with a saved model can be explained (it is ${run.status.state})`);
  }
  const test = await testSplitOf(runDir, run.config);
  const trained = await loadTrainedModel(path.join(runDir, RUN_FILES.model));
  try {
    const attribution = await computeRunAttribution(trained, test, {
      ...options,
      id: run.id,
      seed: options.seed ?? run.config.seed,
    });
    await writeRunAttribution(runDir, attribution);
    return attribution;
  } finally {
    trained.model.dispose();
  }
}

async function testSplitOf(runDir: string, config: RunConfigRecord): Promise<Examples> {
  // A relative dataset path is relative to the folder holding .rml/runs/<id>/, as the server reads it.
  const dataset = path.resolve(runDir, '..', '..', '..', config.dataset.path);
  const { columns } = config;
  const resolved = resolveTrainingConfig(
    {
      dataset,
      format: config.dataset.format as 'csv' | 'tsv' | 'jsonl' | 'json',
      label: columns.label,
      ...(columns.text ? { text: columns.text } : { features: columns.features ?? [] }),
      sensitive: columns.sensitive,
      sensitiveAsFeatures: columns.sensitiveAsFeatures,
      ...(columns.weight ? { weight: columns.weight } : {}),
      positiveClass: config.positiveClass,
      model: config.model,
      seed: config.seed,
      split: splitSpecOf(config),
    },
    path.dirname(dataset),
  );
  const data = await loadTrainingData(resolved);
  if (data.dataset.sha256 !== config.dataset.sha256) {
    throw new Error(
      `${dataset} changed since run ${config.id} trained on it (SHA-256 differs): its test split cannot be made again`,
    );
  }
  return data.test;
}

function splitSpecOf(config: RunConfigRecord): SplitSpec {
  const split = config.split;
  if (split.kind === 'ratio')
    return { kind: 'ratio', train: split.train, validation: split.validation, test: split.test };
  return { kind: 'files', test: split.test.path, ...(split.validation ? { validation: split.validation.path } : {}) };
}
