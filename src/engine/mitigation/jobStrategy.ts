/**
 * Private and constrained training jobs (registered with training/strategy.ts by ./register.ts):
 * - privacy: DP-SGD (engine/privacy) every epoch, ε spent so far in each epoch's metrics;
 * - mitigation 'regularizer': cross-entropy + λ · the DP or EO penalty every epoch;
 * - mitigation 'expgrad': the epochs train the unconstrained model; then ExponentiatedGradient refits that model's
 *   architecture under the constraint, and mitigation.json compares the two (the saved model stays the
 *   unconstrained one; the randomized mixture is described by its hypotheses' weights).
 */
import * as tf from '@tensorflow/tfjs';
import type {
  MitigationFigures,
  MitigationRequest,
  PrivacyRequest,
  RunMitigation,
  RunPrivacy,
} from '../../shared/mitigation';
import { noiseMultiplierFor, DpSgdTrainer, sampleRateFor } from '../privacy';
import {
  predictProbabilities,
  trainOneEpoch,
  type LabelledSplit,
  type EpochTrainer,
  type StrategyContext,
} from '../training';
import { mitigationFigures } from './expectedFairness';
import { exponentiatedGradient } from './reductions/exponentiatedGradient';
import { REDUCTION_CONSTRAINTS } from './reductions/moments';
import { mixtureProbabilities, TfjsLearner } from './reductions/tfjsLearner';
import { trainOneEpochWithPenalty } from './regularizer';

const DEFAULT_DELTA = 1e-5;

export async function mitigationStrategy(context: StrategyContext): Promise<EpochTrainer> {
  if (context.privacy && context.mitigation)
    throw new Error(
      'DP-SGD cannot be combined with a fairness mitigation in one run (the penalty is not clipped per example, and expgrad refits would spend the budget many times)',
    );
  if (context.privacy) return privateTraining(context, context.privacy);
  const mitigation = context.mitigation!;
  if (context.classes !== 2)
    throw new Error(`fairness mitigation needs a binary task (this one has ${context.classes} classes)`);
  if (context.sensitive.length === 0)
    throw new Error('fairness mitigation needs sensitive columns to define the groups');
  if (!REDUCTION_CONSTRAINTS.includes(mitigation.constraint))
    throw new Error(`unknown constraint '${mitigation.constraint}' (known: ${REDUCTION_CONSTRAINTS.join(', ')})`);
  return mitigation.method === 'regularizer'
    ? regularisedTraining(context, mitigation)
    : reductionsTraining(context, mitigation);
}

/** P(positive) > 0.5 of each example: the deterministic prediction of one model. */
async function hardPredictions(
  model: tf.LayersModel,
  split: LabelledSplit,
  positiveClass: number,
): Promise<Float64Array> {
  const p = await predictProbabilities(model, split.encoded, 2, 512);
  return Float64Array.from({ length: split.encoded.count }, (_, i) => (p[2 * i + positiveClass]! > 0.5 ? 1 : 0));
}

function figures(
  split: LabelledSplit,
  pPositive: ArrayLike<number>,
  groups: string[],
  positiveClass: number,
): MitigationFigures {
  return mitigationFigures(
    Uint8Array.from(split.labels, (label) => (label === positiveClass ? 1 : 0)),
    pPositive,
    groups,
    split.weights,
  );
}

async function modelFigures(context: StrategyContext): Promise<RunMitigation['test']> {
  const { model, splits, groups, positiveClass } = context;
  return {
    after: figures(splits.test, await hardPredictions(model, splits.test, positiveClass), groups.test, positiveClass),
  };
}

function resolvePrivacy(context: StrategyContext, request: PrivacyRequest): RunPrivacy {
  const count = context.splits.train.labels.length;
  const sampleRate = sampleRateFor(context.batchSize, count);
  const delta = request.delta ?? DEFAULT_DELTA;
  const maxGradNorm = request.maxGradNorm ?? 1;
  if (!(delta > 0 && delta < 1)) throw new Error(`δ must be in (0, 1) (got ${delta})`);
  if (delta >= 1 / count)
    context.log(`warning: δ = ${delta} is not below 1/n = ${(1 / count).toPrecision(3)}: the guarantee is weak`);
  let noiseMultiplier = request.noiseMultiplier;
  if (request.targetEpsilon !== undefined) {
    const steps = context.epochs * Math.round(1 / sampleRate);
    noiseMultiplier = noiseMultiplierFor({ targetEpsilon: request.targetEpsilon, delta, sampleRate, steps });
    context.log(
      `DP-SGD: noise multiplier ${noiseMultiplier.toFixed(4)} for ε ≤ ${request.targetEpsilon} at δ ${delta} over ${steps} steps`,
    );
  }
  if (noiseMultiplier === undefined) throw new Error('DP-SGD needs a noise multiplier or a target ε');
  return {
    noiseMultiplier,
    maxGradNorm,
    delta,
    sampleRate,
    expectedBatchSize: sampleRate * count,
    ...(request.targetEpsilon !== undefined ? { targetEpsilon: request.targetEpsilon } : {}),
    conversion: 'improved',
    secureNoise: false,
  };
}

function privateTraining(context: StrategyContext, request: PrivacyRequest): EpochTrainer {
  const privacy = resolvePrivacy(context, request);
  const trainer = new DpSgdTrainer(context.model, context.optimizer, {
    noiseMultiplier: privacy.noiseMultiplier,
    maxGradNorm: privacy.maxGradNorm,
    sampleRate: privacy.sampleRate,
    seed: context.seed,
  });
  if (!trainer.vectorised)
    context.log(
      'DP-SGD: this model is outside the closed-form per-example gradients; computing them one example at a time',
    );
  const spent = () => {
    const { epsilon, order, conversion } = trainer.accountant.privacySpent(privacy.delta);
    return { epsilon, delta: privacy.delta, order, conversion, steps: trainer.accountant.steps };
  };
  return {
    record: { privacy },
    async trainEpoch() {
      const result = await trainer.trainEpoch(context.splits.train, context.signal);
      const privacyNow = spent();
      context.log(
        `ε = ${privacyNow.epsilon.toFixed(3)} at δ ${privacy.delta} after ${privacyNow.steps} steps (RDP, improved conversion)`,
      );
      return { ...result, extras: { privacy: privacyNow } };
    },
    async finish() {
      const { model, splits, groups, positiveClass } = context;
      return {
        version: 1,
        method: 'dp-sgd',
        parameters: {
          noiseMultiplier: privacy.noiseMultiplier,
          maxGradNorm: privacy.maxGradNorm,
          delta: privacy.delta,
          sampleRate: privacy.sampleRate,
        },
        sensitive: context.sensitive,
        validation: {
          after: figures(
            splits.validation,
            await hardPredictions(model, splits.validation, positiveClass),
            groups.validation,
            positiveClass,
          ),
        },
        test: await modelFigures(context),
        privacy: spent(),
      };
    },
  };
}

function regularisedTraining(context: StrategyContext, mitigation: MitigationRequest): EpochTrainer {
  if (mitigation.constraint !== 'demographic_parity' && mitigation.constraint !== 'equalized_odds') {
    throw new Error(`the regulariser penalises demographic_parity or equalized_odds (got '${mitigation.constraint}')`);
  }
  const weight = mitigation.weight ?? 1;
  if (!(weight >= 0)) throw new Error(`the penalty weight λ must be ≥ 0 (got ${weight})`);
  const names = [...new Set(context.groups.train)].sort();
  const groups = Int32Array.from(context.groups.train, (group) => names.indexOf(group));
  const settings = {
    kind: mitigation.constraint,
    weight,
    groups,
    groupCount: names.length,
    positiveClass: context.positiveClass,
  };
  return {
    record: { mitigation: { ...mitigation, weight } },
    async trainEpoch(order) {
      const { penalty, ...result } = await trainOneEpochWithPenalty(
        context.model,
        context.optimizer,
        context.splits.train,
        order,
        context.batchSize,
        settings,
        context.signal,
      );
      return { ...result, extras: { penalty } };
    },
    async finish() {
      const { model, splits, groups, positiveClass } = context;
      return {
        version: 1,
        method: 'regularizer',
        constraint: mitigation.constraint,
        parameters: { weight },
        sensitive: context.sensitive,
        validation: {
          after: figures(
            splits.validation,
            await hardPredictions(model, splits.validation, positiveClass),
            groups.validation,
            positiveClass,
          ),
        },
        test: await modelFigures(context),
      };
    },
  };
}

function reductionsTraining(context: StrategyContext, mitigation: MitigationRequest): EpochTrainer {
  const eps = mitigation.eps ?? 0.01;
  return {
    record: { mitigation: { ...mitigation, eps } },
    trainEpoch: (order) =>
      trainOneEpoch(context.model, context.optimizer, context.splits.train, order, context.batchSize, context.signal),
    async finish() {
      const { splits, groups, positiveClass } = context;
      const learner = new TfjsLearner({
        build: context.build,
        train: splits.train,
        classes: 2,
        positiveClass,
        epochs: context.epochs,
        batchSize: context.batchSize,
        learningRate: context.learningRate,
        seed: context.seed,
        ...(context.signal ? { signal: context.signal } : {}),
      });
      try {
        const labels = Uint8Array.from(splits.train.labels, (label) => (label === positiveClass ? 1 : 0));
        context.log(
          `ExponentiatedGradient: ${mitigation.constraint}, eps ${eps}, refitting the model under the constraint`,
        );
        const result = await exponentiatedGradient(labels, groups.train, learner, {
          constraint: mitigation.constraint,
          eps,
          differenceBound: eps,
        });
        context.log(
          `ExponentiatedGradient: ${result.hypotheses.length} classifiers, ${result.oracleCalls} refits, best gap ${result.bestGap.toPrecision(3)}`,
        );
        const side = async (name: 'train' | 'validation' | 'test') => ({
          before: figures(
            splits[name],
            await hardPredictions(context.model, splits[name], positiveClass),
            groups[name],
            positiveClass,
          ),
          after: figures(
            splits[name],
            await mixtureProbabilities(learner, result, splits[name].encoded),
            groups[name],
            positiveClass,
          ),
        });
        return {
          version: 1,
          method: 'expgrad',
          constraint: mitigation.constraint,
          parameters: { eps },
          sensitive: context.sensitive,
          train: await side('train'),
          validation: await side('validation'),
          test: await side('test'),
          expgrad: {
            hypotheses: result.hypotheses.length,
            weights: result.hypotheses.map((h) => h.weight),
            bestGap: result.bestGap,
            oracleCalls: result.oracleCalls,
            iterations: result.lastIteration + 1,
          },
        };
      } finally {
        learner.dispose();
      }
    },
  };
}
