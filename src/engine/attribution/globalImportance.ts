import { seededRandom, shuffleInPlace } from '../training';
import { explain, type ExplainOptions } from './explain';
import type { AttributionModel, ModelInput } from './model';
import type { GlobalImportance, ImportanceTable } from '../../shared/attribution';

export type { GlobalImportance, ImportanceEntry, ImportanceTable } from '../../shared/attribution';

export interface GlobalImportanceOptions extends Omit<ExplainOptions, 'target'> {
  /** Sensitive column → the group of each input (aligned with the inputs). */
  groups?: Record<string, readonly string[]>;
  /** Examples explained at most (default 2,000), drawn with `seed` when there are more. */
  maxExamples?: number;
  /** Entries kept per table, most important first (default 25). */
  top?: number;
  signal?: AbortSignal;
}

/**
 * Which words or features drive predictions, overall and for each group ("which words drive predictions for group A
 * vs B"): each example is explained for its predicted class, a word's attribution in an example is the sum over its
 * occurrences, and a table ranks features by the mean of |attribution| over the examples of the set.
 */
export async function globalImportance(
  model: AttributionModel,
  inputs: readonly ModelInput[],
  options: GlobalImportanceOptions = {},
): Promise<GlobalImportance> {
  const chosen = sampleRows(inputs.length, options.maxExamples ?? 2_000, options.seed ?? 0);
  const perExample: Array<Map<string, number>> = [];
  for (const row of chosen) {
    options.signal?.throwIfAborted();
    const explanation = explain(model, inputs[row]!, options);
    const scores = new Map<string, number>();
    for (const unit of explanation.units) {
      const feature = unit.column ?? unit.text.normalize('NFKC').toLowerCase();
      scores.set(feature, (scores.get(feature) ?? 0) + unit.score);
    }
    perExample.push(scores);
    if (perExample.length % 64 === 0) await new Promise((resolve) => setImmediate(resolve));
  }
  const top = options.top ?? 25;
  const byGroup: GlobalImportance['byGroup'] = {};
  for (const [column, values] of Object.entries(options.groups ?? {})) {
    const members = new Map<string, number[]>();
    chosen.forEach((row, k) => {
      const group = values[row] ?? '';
      const list = members.get(group);
      if (list) list.push(k);
      else members.set(group, [k]);
    });
    byGroup[column] = Object.fromEntries(
      [...members]
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([group, ks]) => [
          group,
          table(
            ks.map((k) => perExample[k]!),
            top,
          ),
        ]),
    );
  }
  return {
    method: options.method ?? 'ig',
    examples: chosen.length,
    total: inputs.length,
    overall: table(perExample, top),
    byGroup,
  };
}

function table(examples: ReadonlyArray<Map<string, number>>, top: number): ImportanceTable {
  const totals = new Map<string, { abs: number; signed: number; examples: number }>();
  for (const scores of examples) {
    for (const [feature, score] of scores) {
      const entry = totals.get(feature) ?? { abs: 0, signed: 0, examples: 0 };
      entry.abs += Math.abs(score);
      entry.signed += score;
      entry.examples++;
      totals.set(feature, entry);
    }
  }
  const count = Math.max(1, examples.length);
  const entries = [...totals]
    .map(([feature, { abs, signed, examples: n }]) => ({
      feature,
      meanAbs: abs / count,
      mean: signed / count,
      examples: n,
    }))
    .sort((a, b) => b.meanAbs - a.meanAbs || a.feature.localeCompare(b.feature))
    .slice(0, top);
  return { examples: examples.length, entries };
}

/** All rows in order when they fit, else a seeded sample of `limit` rows (in row order). */
function sampleRows(count: number, limit: number, seed: number): number[] {
  const rows = Int32Array.from({ length: count }, (_, i) => i);
  if (count <= limit) return Array.from(rows);
  return Array.from(shuffleInPlace(rows, seededRandom(seed, 'global-importance')).subarray(0, limit)).sort(
    (a, b) => a - b,
  );
}
