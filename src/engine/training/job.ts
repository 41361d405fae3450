import * as tf from '@tensorflow/tfjs';
import { access } from 'node:fs/promises';
import path from 'node:path';
import { createDefaultLoaders, selectBackend, selectSynchronousBackend } from '../compute';
import type { SelectedBackend } from '../../shared/compute';
import { writeJsonAtomic } from '../io';
import { createRunDir } from '../runs';
import { recordRunInLedger } from '../accountability';
import { RUN_FILES, type EpochMetrics, type TrainingEvent } from '../../shared/runs';
import { resolveTrainingConfig, type ResolvedTrainingConfig } from './config';
import type { ColumnRoles } from './data/examples';
import { EarlyStopping, SavedWeights } from './earlyStopping';
import { seededRandom, shuffleInPlace } from './data/split';
import { groupEpochMetrics } from './groupMetrics';
import { predictProbabilities, splitFigures, TrainingCancelled } from './loop';
import { createEpochTrainer, type EpochTrainer } from './strategy';
import { saveTrainedModel } from './modelStore';
import { buildTabularClassifier, buildTextClassifier } from './models/classifiers';
import { RunRecorder } from './runRecorder';
import { prepareJob, type PreparedJob } from './preparedJob';
import { evaluateTest, writePredictions } from './testSplit';
import { AdamTrainer } from './adam';
import type { RunResult, TrainingConfig, TrainingHooks } from './types';

/** A job that failed after its run directory existed: the directory records the failure too. */
export class TrainingJobError extends Error {
  override readonly name = 'TrainingJobError';
  constructor(
    message: string,
    readonly runDir: string,
  ) {
    super(message);
  }
}

/**
 * Trains and evaluates one model, writing `.rml/runs/<id>/` as it goes. Resolves with the run (completed, or
 * cancelled through `hooks.signal`, which stops between batches); rejects when the configuration is invalid
 * (before any directory is made) or when training fails (`TrainingJobError`, the run marked failed).
 */
export async function runTrainingJob(
  config: TrainingConfig,
  hooks: TrainingHooks = {},
  cwd: string = process.cwd(),
): Promise<RunResult> {
  const emit = hooks.onEvent ?? (() => {});
  let runId = config.runId ?? '';
  const log = (line: string) => emit({ kind: 'log', runId, line });
  const resolved = resolveTrainingConfig(config, cwd, log);
  await access(resolved.dataset).catch(() => {
    throw new Error(`${resolved.dataset}: dataset not found or not readable`);
  });
  const { id, dir } = await createRunDir(resolved.runsRoot, config.runId);
  runId = id;
  const recorder = new RunRecorder(id, dir, resolved.epochs);
  await recorder.start();
  log(`run ${id} in ${dir}`);
  const state: JobState = {
    recorder,
    resolved,
    hooks,
    log,
    extras: { privacy: config.privacy, mitigation: config.mitigation },
  };
  // `finished` is the job's last word: the run folder and the ledger entry are written before it is said, so
  // whoever reacts to it (the server, a test cleaning up) finds them complete.
  let finished: Extract<TrainingEvent, { kind: 'finished' }> = { kind: 'finished', runId, state: 'completed' };
  try {
    return await trainAndEvaluate(state);
  } catch (error) {
    if (error instanceof TrainingCancelled || hooks.signal?.aborted) {
      await recorder.finish('cancelled');
      log('cancelled');
      finished = { kind: 'finished', runId, state: 'cancelled' };
      return cancelledResult(state);
    }
    const message = error instanceof Error ? error.message : String(error);
    await recorder.finish('failed', message);
    finished = { kind: 'finished', runId, state: 'failed', error: message };
    throw new TrainingJobError(message, dir);
  } finally {
    state.model?.dispose();
    state.optimizer?.dispose();
    await recordRunInLedger(dir, log);
    emit(finished);
  }
}

interface JobState {
  recorder: RunRecorder;
  resolved: ResolvedTrainingConfig;
  hooks: TrainingHooks;
  log: (line: string) => void;
  /** What the job asks beyond plain training (the resolved config does not carry it). */
  extras: Pick<TrainingConfig, 'privacy' | 'mitigation'>;
  backend?: SelectedBackend;
  splits?: RunResult['splits'];
  model?: tf.LayersModel;
  optimizer?: AdamTrainer;
}

async function trainAndEvaluate(state: JobState): Promise<RunResult> {
  const { resolved, recorder, log } = state;
  const loaderOptions = {
    extraModuleDirs: resolved.extraModuleDirs,
    ...(resolved.wasmDir ? { wasmDir: resolved.wasmDir } : {}),
  };
  // DP-SGD and the fairness regularizer read per-batch figures synchronously, which webgpu cannot do in Node.
  const readsSynchronously = Boolean(state.extras.privacy || state.extras.mitigation);
  state.backend = readsSynchronously
    ? await selectSynchronousBackend(resolved.backend, loaderOptions, log)
    : await selectBackend(resolved.backend, createDefaultLoaders(loaderOptions), log);
  const job = await prepareJob(resolved, log);
  state.splits = job.data.split.counts;
  state.hooks.signal?.throwIfAborted();
  const model = (state.model = buildModel(job, resolved));
  const optimizer = (state.optimizer = new AdamTrainer(resolved.learningRate));
  const trainer = await epochTrainer(state, job, model, optimizer);
  await recorder.writeConfig({ ...configRecord(state, job, model.countParams()), ...trainer.record });
  state.hooks.onEvent?.({ kind: 'started', runId: recorder.id, runDir: recorder.dir, backend: state.backend });
  const stopping = await trainEpochs(state, job, model, trainer);
  const { test, probabilities } = await evaluateTest(model, job, resolved);
  await writePredictions(path.join(recorder.dir, RUN_FILES.predictions), job, probabilities);
  await saveTrainedModel(model, path.join(recorder.dir, RUN_FILES.model), job.preprocessing);
  const finishedAt = new Date().toISOString();
  const finalEpoch = recorder.epochs.at(-1);
  const warnings = test.warnings ?? [];
  const training = {
    epochsRun: recorder.epochs.length,
    bestEpoch: stopping.bestEpoch,
    stoppedEarly: stopping.stoppedEarly,
    bestValidationLoss: stopping.bestLoss,
  };
  await recorder.writeReport({
    version: 1,
    id: recorder.id,
    finishedAt,
    splits: state.splits,
    test,
    ...(finalEpoch ? { finalEpoch } : {}),
    ...(warnings.length ? { warnings } : {}),
    training,
  });
  const mitigation = await trainer.finish?.();
  if (mitigation) await writeJsonAtomic(path.join(recorder.dir, RUN_FILES.mitigation), mitigation);
  await recorder.finish('completed');
  for (const warning of warnings) log(`warning: ${warning.message} (${warning.code})`);
  log(`completed: test accuracy ${test.accuracy.toFixed(4)}`);
  const positiveClass = job.data.classes[job.positiveClass]!;
  return {
    id: recorder.id,
    runDir: recorder.dir,
    state: 'completed',
    backend: state.backend,
    epochs: recorder.epochs,
    test,
    splits: state.splits,
    positiveClass,
    ...(warnings.length ? { warnings } : {}),
    bestEpoch: stopping.bestEpoch,
    stoppedEarly: stopping.stoppedEarly,
    ...(mitigation ? { mitigation } : {}),
  };
}

/**
 * The epoch loop, with early stopping on the validation loss: the best epoch's weights are kept aside and put
 * back when later epochs did not beat it, so the saved model and the test report are the best epoch's.
 */
async function trainEpochs(state: JobState, job: PreparedJob, model: tf.LayersModel, trainer: EpochTrainer) {
  const { resolved, recorder, log } = state;
  const stopper = new EarlyStopping(resolved.earlyStopping);
  const best = new SavedWeights();
  const shuffle = seededRandom(resolved.seed, 'epochs');
  const order = Int32Array.from({ length: job.train.labels.length }, (_, i) => i);
  let stoppedEarly = false;
  try {
    for (let epoch = 1; epoch <= resolved.epochs; epoch++) {
      const started = performance.now();
      const { extras, ...train } = await trainer.trainEpoch(shuffleInPlace(order, shuffle));
      const metrics = { ...(await validationEpoch(model, job, epoch, resolved.epochs, train, started)), ...extras };
      await recorder.recordEpoch(metrics);
      state.hooks.onEvent?.({ kind: 'epoch', runId: recorder.id, metrics });
      log(
        `epoch ${epoch}/${resolved.epochs}: loss ${metrics.trainLoss.toFixed(4)}, validation loss ${metrics.validationLoss.toFixed(4)}, validation accuracy ${metrics.validationAccuracy.toFixed(4)}`,
      );
      const outcome = stopper.observe(epoch, metrics.validationLoss);
      if (outcome === 'improved' && resolved.earlyStopping) best.keep(model);
      if (outcome === 'stop' && epoch < resolved.epochs) {
        stoppedEarly = true;
        log(
          `early stopping: no validation loss improvement for ${resolved.earlyStopping?.patience} epochs; keeping epoch ${stopper.bestEpoch}'s weights (validation loss ${stopper.bestLoss.toFixed(4)})`,
        );
        break;
      }
    }
    if (resolved.earlyStopping && stopper.bestEpoch !== recorder.epochs.length) best.restore(model);
  } finally {
    best.dispose();
  }
  return { bestEpoch: stopper.bestEpoch || recorder.epochs.length, bestLoss: stopper.bestLoss, stoppedEarly };
}

/** Plain, private (DP-SGD) or constrained epochs, as `config.privacy` / `config.mitigation` ask (see strategy.ts). */
function epochTrainer(
  state: JobState,
  job: PreparedJob,
  model: tf.LayersModel,
  optimizer: AdamTrainer,
): Promise<EpochTrainer> {
  const { resolved } = state;
  const sensitive = Object.entries(job.data.train.sensitive).map(([name]) => name);
  const groupsOf = (examples: { count: number; sensitive: Record<string, string[]> }) =>
    sensitive.length === 0
      ? []
      : Array.from({ length: examples.count }, (_, i) =>
          sensitive.map((name) => examples.sensitive[name]![i]!).join(','),
        );
  return createEpochTrainer({
    model,
    optimizer,
    build: () => buildModel(job, resolved),
    splits: { train: job.train, validation: job.validation, test: job.test },
    groups: {
      train: groupsOf(job.data.train),
      validation: groupsOf(job.data.validation),
      test: groupsOf(job.data.test),
    },
    sensitive,
    classes: job.data.classes.length,
    positiveClass: job.positiveClass,
    batchSize: job.batchSize,
    epochs: resolved.epochs,
    learningRate: resolved.learningRate,
    seed: resolved.seed,
    ...(state.extras.privacy ? { privacy: state.extras.privacy } : {}),
    ...(state.extras.mitigation ? { mitigation: state.extras.mitigation } : {}),
    log: state.log,
    ...(state.hooks.signal ? { signal: state.hooks.signal } : {}),
  });
}

function buildModel(job: PreparedJob, resolved: ResolvedTrainingConfig): tf.LayersModel {
  const classes = job.data.classes.length;
  if (job.preprocessing.kind === 'text') return buildTextClassifier(resolved.model, classes, resolved.seed);
  return buildTabularClassifier(resolved.model, job.preprocessing.encoding.width, classes, resolved.seed);
}

async function validationEpoch(
  model: tf.LayersModel,
  job: PreparedJob,
  epoch: number,
  epochs: number,
  train: { loss: number; accuracy: number },
  started: number,
): Promise<EpochMetrics> {
  const classes = job.data.classes.length;
  const probabilities = await predictProbabilities(
    model,
    job.validation.encoded,
    classes,
    Math.max(job.batchSize, 256),
  );
  const validation = splitFigures(probabilities, job.validation.labels, job.validation.weights, classes);
  const seconds = (performance.now() - started) / 1000;
  const sensitive = job.data.validation.sensitive;
  const groups =
    classes === 2 && Object.keys(sensitive).length > 0
      ? { groups: groupEpochMetrics(probabilities, job.validation.labels, classes, job.positiveClass, sensitive) }
      : {};
  return {
    epoch,
    epochs,
    trainLoss: train.loss,
    trainAccuracy: train.accuracy,
    validationLoss: validation.loss,
    validationAccuracy: validation.accuracy,
    ...groups,
    seconds,
    examplesPerSecond: job.train.labels.length / seconds,
  };
}

function configRecord(state: JobState, job: PreparedJob, parameters: number) {
  const { resolved } = state;
  const roles: ColumnRoles = job.data.roles;
  const stopping = resolved.earlyStopping;
  return {
    version: 1 as const,
    id: state.recorder.id,
    createdAt: new Date().toISOString(),
    dataset: job.data.dataset,
    columns: {
      label: roles.label,
      ...(roles.text ? { text: roles.text } : { features: roles.features }),
      sensitive: roles.sensitive,
      sensitiveAsFeatures: resolved.sensitiveAsFeatures,
      ...(roles.weight ? { weight: roles.weight } : {}),
      ...(job.data.weightSource ? { weightSource: job.data.weightSource } : {}),
    },
    classes: job.data.classes,
    positiveClass: job.data.classes[job.positiveClass]!,
    model: { ...resolved.model, parameters },
    training: {
      epochs: resolved.epochs,
      batchSize: job.batchSize,
      learningRate: resolved.learningRate,
      optimizer: 'adam' as const,
      classWeight: resolved.classWeight,
      ...(stopping
        ? { earlyStopping: { monitor: 'validationLoss' as const, ...stopping, restoreBestWeights: true as const } }
        : {}),
    },
    backend: state.backend!,
    seed: resolved.seed,
    split: job.data.split,
  };
}

function cancelledResult(state: JobState): RunResult {
  const backend = state.backend ?? {
    name: 'cpu',
    device: 'cpu',
    detail: 'not selected before cancellation',
    warnings: [],
  };
  const splits = state.splits ?? { train: 0, validation: 0, test: 0 };
  return {
    id: state.recorder.id,
    runDir: state.recorder.dir,
    state: 'cancelled',
    backend,
    epochs: state.recorder.epochs,
    splits,
  };
}
