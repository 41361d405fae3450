import { argMax } from '../training/loop';
import { CounterfactualGenerator, type Counterfactual } from './counterfactuals';

/** Probability rows for texts, columns in class order (a model's own predict). */
export type PredictTexts = (texts: readonly string[]) => number[][];

/** One swapped text beside its original, with the change in the explained class's probability. */
export interface CounterfactualPair {
  /** 1-based line of the row in its file (0 when the text came from elsewhere). */
  line: number;
  /** 0-based data row. */
  row: number;
  original: string;
  counterfactual: string;
  /** The occurrence swapped and its replacement. */
  swapped: { from: string; to: string; category: string; start: number; end: number };
  /** P(target | counterfactual) − P(target | original). */
  delta: number;
}

/** Counterfactual token fairness over a set of texts. JSON-able. */
export interface CounterfactualReport {
  /** Garg et al. 2019's CTF gap: the mean over examples with a swap of the mean |delta| of their counterfactuals. */
  gap: number;
  /** Examples with at least one swappable term. */
  examples: number;
  /** Texts looked at. */
  texts: number;
  /** The class whose probability is compared: the positive class (two classes), else each original's prediction. */
  target: string;
  pairs: CounterfactualPair[];
  /** Mean |delta| by category of the term swapped. */
  byCategory: Record<string, { pairs: number; meanAbsDelta: number }>;
}

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
export function counterfactualGap(rows: readonly TextRow[], predict: PredictTexts, options: GapOptions): CounterfactualReport {
  const generator = options.generator ?? new CounterfactualGenerator();
  const binary = options.classes.length === 2;
  const positive = options.classes.indexOf(options.positiveClass);
  const swaps = rows.map((row) => generator.counterfactuals(row.text));
  const withSwaps = rows.flatMap((row, index) => (swaps[index]!.length > 0 ? [index] : []));
  const originals = batchedPredict(withSwaps.map((index) => rows[index]!.text), predict, options.batchSize);
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
  for (let start = 0; start < texts.length; start += batchSize) out.push(...predict(texts.slice(start, start + batchSize)));
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
  return Object.fromEntries([...totals].sort(([a], [b]) => a.localeCompare(b)).map(([category, { pairs: n, sum }]) => [category, { pairs: n, meanAbsDelta: sum / n }]));
}
