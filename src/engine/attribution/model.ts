import type { AttributionProblem } from './problem';

/**
 * What replaces a switched-off input. `pad`: the pad token (text models); `zero`: zero vectors (text embeddings, or
 * the encoded tabular vector: numerics at their training mean, no category set).
 */
export type BaselineKind = 'pad' | 'zero';

/** An input to explain: a text (text models) or a record of column → value (tabular models). */
export type ModelInput = { text: string } | { record: Readonly<Record<string, string>> };

/**
 * What attributions are reported on: a word of the text, or an original column of the row. `start`/`end` are
 * UTF-16 offsets into the text (text models); tabular units carry their `column` and the cell value as `text`.
 */
export interface AttributionUnit {
  text: string;
  start: number;
  end: number;
  column?: string;
}

/** One input made ready for the attribution methods, for one target class. */
export interface PreparedExample {
  problem: AttributionProblem;
  /** The units scores are reported on; `problem.features[u]` switches unit u off. */
  units: AttributionUnit[];
  /**
   * Gradient-method scores per input scalar [problem.size] → scores per unit [units.length]. Each unit's score is a
   * sum of its scalars' scores, so totals (and completeness) are kept.
   */
  toUnits(attributions: Float64Array): Float64Array;
}

/**
 * The model adapter every attribution method works through: inputs → (embeddings) → probabilities, with the units
 * (token spans, columns) scores are shown on. The embedding-bag text model and the tabular models implement it; a
 * transformer implements it with its token embeddings as the input and its tokenizer's character offsets as units.
 */
export interface AttributionModel {
  kind: 'text' | 'tabular';
  /** Class names in probability order. */
  classes: string[];
  positiveClass: string;
  /** Baselines this model supports, the default first. */
  baselines: readonly BaselineKind[];
  /** The model's own predictions: one probability row per input, columns in `classes` order. */
  predict(inputs: readonly ModelInput[]): number[][];
  /** The problem for `input` and the probability of class index `target`. */
  prepare(input: ModelInput, target: number, baseline: BaselineKind): PreparedExample;
  dispose(): void;
}

/** An input or option the model cannot explain (a record for a text model, a baseline or class it lacks). */
export class AttributionInputError extends Error {
  override readonly name = 'AttributionInputError';
}

export function inputText(input: ModelInput): string {
  if (!('text' in input)) throw new AttributionInputError('this model explains texts: give a text, not a record');
  return input.text;
}

export function inputRecord(input: ModelInput): Readonly<Record<string, string>> {
  if (!('record' in input))
    throw new AttributionInputError('this model explains table rows: give a record of column values, not a text');
  return input.record;
}
