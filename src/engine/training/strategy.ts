/**
 * How a job trains each epoch: plainly (here), or privately / under a fairness constraint (engine/privacy and
 * engine/mitigation, which register a factory). A registry rather than an import, because those folders build on
 * this one (loop, models, Adam): training importing them would make a folder cycle. The CLI and the worker's entry
 * (`src/engine/trainingWorker.ts`) import `engine/mitigation/register` before running jobs.
 */
import type * as tf from '@tensorflow/tfjs';
import type { MitigationRequest, PrivacyRequest, RunMitigation, RunPrivacy } from '../../shared/mitigation';
import type { EpochMetrics } from '../../shared/runs';
import type { AdamTrainer } from './adam';
import { trainOneEpoch, type LabelledSplit, type SplitFigures } from './loop';

export interface StrategyContext {
  model: tf.LayersModel;
  optimizer: AdamTrainer;
  /** A fresh, untrained model of the same architecture and seed (refits of reductions). */
  build(): tf.LayersModel;
  splits: { train: LabelledSplit; validation: LabelledSplit; test: LabelledSplit };
  /** Each example's group: its sensitive values joined with ','; empty without sensitive columns. */
  groups: { train: string[]; validation: string[]; test: string[] };
  sensitive: string[];
  classes: number;
  positiveClass: number;
  batchSize: number;
  epochs: number;
  learningRate: number;
  seed: number;
  privacy?: PrivacyRequest;
  mitigation?: MitigationRequest;
  log(line: string): void;
  signal?: AbortSignal;
}

export interface EpochTrainer {
  trainEpoch(order: Int32Array): Promise<SplitFigures & { extras?: Pick<EpochMetrics, 'privacy' | 'penalty'> }>;
  /** What config.json records about the method (σ resolved from a target ε, the constraint). */
  readonly record: { privacy?: RunPrivacy; mitigation?: MitigationRequest };
  /** After the test evaluation: the mitigation outcome for mitigation.json (written by the job). */
  finish?(): Promise<RunMitigation>;
}

export type StrategyFactory = (context: StrategyContext) => EpochTrainer | Promise<EpochTrainer>;

let registered: StrategyFactory | undefined;

export function registerStrategyFactory(factory: StrategyFactory): void {
  registered = factory;
}

/** Plain training unless the job asks for privacy or a mitigation (then the registered factory decides). */
export async function createEpochTrainer(context: StrategyContext): Promise<EpochTrainer> {
  if (context.privacy || context.mitigation) {
    if (!registered)
      throw new Error(
        'private or constrained training is not available in this build (engine/mitigation/register was not loaded)',
      );
    return registered(context);
  }
  return {
    record: {},
    trainEpoch: (order) =>
      trainOneEpoch(context.model, context.optimizer, context.splits.train, order, context.batchSize, context.signal),
  };
}
