import { argMax } from '../training';
import type { CounterfactualPair, CounterfactualReport } from '../../shared/attribution';
import { CounterfactualGenerator, type Counterfactual } from './counterfactuals';

export type { CounterfactualPair, CounterfactualReport } from '../../shared/attribution';

/** Probability rows for texts, columns in class order (a model's own predict). */
export type PredictTexts = (texts: readonly string[]) => number[][];

export interface TextRow {
  text: string;
  line?: number;
}

export interface GapOptions {
  classes: readonly string[];
  positiveClass: string;
  /** Texts predicted per call (default 512). */
  batchSize?: number;
  generator?: CounterfactualGenerator;
}

/**
 * Counterfactual token fairness (Garg, Perot, Limtiaco, Taly, Chi & Beutel 2019): swap each identity-term occurrence
 * (one counterfactual per occurrence), predict both texts, and average how far the prediction moves.
 */
export function counterfactualGap(
  rows: readonly TextRow[],
  predict: PredictTexts,
  options: GapOptions,
): CounterfactualReport {
  const generator = options.generator ?? new CounterfactualGenerator();
  const binary = options.classes.length === 2;
  const positive = options.classes.indexOf(options.positiveClass);
  const swaps = rows.map((row) => generator.counterfactuals(row.text));
  const withSwaps = rows.flatMap((row, index) => (swaps[index]!.length > 0 ? [index] : []));
  const originals = batchedPredict(
    withSwaps.map((index) => rows[index]!.text),
    predict,
    options.batchSize,
  );
  const swappedTexts = withSwaps.flatMap((index) => swaps[index]!.map((swap) => swap.text));
  const swapped = batchedPredict(swappedTexts, predict, options.batchSize);
  const pairs: CounterfactualPair[] = [];
  let gapSum = 0;
  let next = 0;
  withSwaps.forEach((index, k) => {
    const original = originals[k]!;
    const target = binary ? positive : argMax(original);
    let exampleSum = 0;
    for (const swap of swaps[index]!) {
      const delta = swapped[next++]![target]! - original[target]!;
      exampleSum += Math.abs(delta);
      pairs.push(pairOf(rows[index]!, index, swap, delta));
    }
    gapSum += exampleSum / swaps[index]!.length;
  });
  return {
    gap: withSwaps.length > 0 ? gapSum / withSwaps.length : 0,
    examples: withSwaps.length,
    texts: rows.length,
    target: binary ? options.positiveClass : '(predicted class)',
    pairs,
    byCategory: categoryMeans(pairs),
  };
}

function pairOf(row: TextRow, index: number, swap: Counterfactual, delta: number): CounterfactualPair {
  return {
    line: row.line ?? 0,
    row: index,
    original: row.text,
    counterfactual: swap.text,
    swapped: { from: swap.original, to: swap.replacement, category: swap.category, start: swap.start, end: swap.end },
    delta,
  };
}

function batchedPredict(texts: readonly string[], predict: PredictTexts, batchSize = 512): number[][] {
  const out: number[][] = [];
  for (let start = 0; start < texts.length; start += batchSize)
    out.push(...predict(texts.slice(start, start + batchSize)));
  return out;
}

function categoryMeans(pairs: readonly CounterfactualPair[]): CounterfactualReport['byCategory'] {
  const totals = new Map<string, { pairs: number; sum: number }>();
  for (const pair of pairs) {
    const entry = totals.get(pair.swapped.category) ?? { pairs: 0, sum: 0 };
    entry.pairs++;
    entry.sum += Math.abs(pair.delta);
    totals.set(pair.swapped.category, entry);
  }
  return Object.fromEntries(
    [...totals]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([category, { pairs: n, sum }]) => [category, { pairs: n, meanAbsDelta: sum / n }]),
  );
}
