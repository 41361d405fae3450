import { argMax } from '../training';
import { gradientTimesInput, saliency } from './gradients';
import { integratedGradients } from './integratedGradients';
import { kernelShap } from './kernelShap';
import {
  AttributionInputError,
  type AttributionModel,
  type AttributionUnit,
  type BaselineKind,
  type ModelInput,
  type PreparedExample,
} from './model';
import { featureAblation, occlusion } from './perturbation';
import type { IntegrationMethod } from './quadrature';

export const ATTRIBUTION_METHODS = ['ig', 'gradxinput', 'saliency', 'occlusion', 'ablation', 'kernelshap'] as const;
export type AttributionMethod = (typeof ATTRIBUTION_METHODS)[number];

export interface ExplainOptions {
  /** Default `ig` (integrated gradients). */
  method?: AttributionMethod;
  /** Class name (or index) whose probability is explained; default the predicted class. */
  target?: string | number;
  /** Default: the model's first baseline (`pad` for text, `zero` for tabular). */
  baseline?: BaselineKind;
  /** Integrated gradients: steps (default 50), rule (default `gausslegendre`), path points per pass. */
  steps?: number;
  integration?: IntegrationMethod;
  internalBatchSize?: number;
  /** Occlusion: units per window (default 3 words for text, 1 column for tabular) and stride (default 1). */
  window?: number;
  stride?: number;
  /** KernelSHAP: coalitions (default 500) and seed (default 0). */
  samples?: number;
  seed?: number;
}

export interface ScoredUnit extends AttributionUnit {
  score: number;
}

/** Why the model predicted what it did, for one input. JSON-able. */
export interface Explanation {
  classes: string[];
  /** In `classes` order. */
  probabilities: number[];
  prediction: string;
  target: string;
  method: AttributionMethod;
  baseline: BaselineKind;
  /** Gradient methods and integrated gradients: per input unit; others per switched-off unit. */
  units: ScoredUnit[];
  /** Integrated gradients only: Σ scores − (F(input) − F(baseline)), Captum's convergence delta; else null. */
  delta: number | null;
  /** F(input) and F(baseline): the target's probability for the input and for the baseline. */
  output: number;
  baselineOutput: number;
  /** Integrated gradients: the rule and its steps. */
  integration?: { method: IntegrationMethod; steps: number };
}

/** Explains `input`'s prediction by `model` with one attribution method. */
export function explain(model: AttributionModel, input: ModelInput, options: ExplainOptions = {}): Explanation {
  const method = options.method ?? 'ig';
  const baseline = options.baseline ?? model.baselines[0]!;
  if (!model.baselines.includes(baseline)) {
    throw new AttributionInputError(
      `baseline '${baseline}' does not apply to this ${model.kind} model (use ${model.baselines.join(' or ')})`,
    );
  }
  const probabilities = model.predict([input])[0]!;
  const predicted = argMax(probabilities);
  const target = targetIndex(model.classes, options.target, predicted);
  const prepared = model.prepare(input, target, baseline);
  const scored = attribute(prepared, method, options, model.kind, probabilities[target]!);
  return {
    classes: model.classes,
    probabilities,
    prediction: model.classes[predicted]!,
    target: model.classes[target]!,
    method,
    baseline,
    units: prepared.units.map((unit, i) => ({ ...unit, score: scored.scores[i] ?? 0 })),
    delta: scored.delta,
    output: scored.output,
    baselineOutput: scored.baselineOutput,
    ...(method === 'ig'
      ? { integration: { method: options.integration ?? 'gausslegendre', steps: options.steps ?? 50 } }
      : {}),
  };
}

interface Scored {
  scores: Float64Array;
  delta: number | null;
  output: number;
  baselineOutput: number;
}

function attribute(
  prepared: PreparedExample,
  method: AttributionMethod,
  options: ExplainOptions,
  kind: AttributionModel['kind'],
  predictedOutput: number,
): Scored {
  const { problem } = prepared;
  if (problem.size === 0) {
    // Nothing the model reads (a text without words): the input is its own baseline, every score is 0.
    const scores = new Float64Array(prepared.units.length);
    return { scores, delta: method === 'ig' ? 0 : null, output: predictedOutput, baselineOutput: predictedOutput };
  }
  switch (method) {
    case 'ig': {
      const result = integratedGradients(problem, {
        ...(options.integration ? { method: options.integration } : {}),
        ...(options.steps !== undefined ? { steps: options.steps } : {}),
        ...(options.internalBatchSize !== undefined ? { internalBatchSize: options.internalBatchSize } : {}),
      });
      return {
        scores: prepared.toUnits(result.attributions),
        delta: result.delta,
        output: result.output,
        baselineOutput: result.baselineOutput,
      };
    }
    case 'gradxinput':
    case 'saliency': {
      const result = method === 'saliency' ? saliency(problem) : gradientTimesInput(problem);
      return {
        scores: prepared.toUnits(result.attributions),
        delta: null,
        output: result.output,
        baselineOutput: result.baselineOutput,
      };
    }
    case 'occlusion':
    case 'ablation':
    case 'kernelshap': {
      const result =
        method === 'kernelshap'
          ? kernelShap(problem, {
              ...(options.samples !== undefined ? { samples: options.samples } : {}),
              ...(options.seed !== undefined ? { seed: options.seed } : {}),
            })
          : method === 'ablation'
            ? featureAblation(problem)
            : occlusion(problem, { window: options.window ?? (kind === 'text' ? 3 : 1), stride: options.stride ?? 1 });
      return { scores: result.scores, delta: null, output: result.output, baselineOutput: result.baselineOutput };
    }
  }
}

/** A class name or index → its index; undefined → the predicted class. */
export function targetIndex(
  classes: readonly string[],
  target: string | number | undefined,
  predicted: number,
): number {
  if (target === undefined) return predicted;
  const index = typeof target === 'number' ? target : classes.indexOf(target);
  if (!Number.isInteger(index) || index < 0 || index >= classes.length) {
    throw new AttributionInputError(
      `target class '${target}' is not one of the model's classes (${classes.join(', ')})`,
    );
  }
  return index;
}
