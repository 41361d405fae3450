/**
 * A HotFlip-style attack (Ebrahimi, Rao, Lowd, Dou 2018) on the project's text classifier: word substitutions chosen
 * by the gradient, within an edit budget. HotFlip ranks a flip a → b by the first-order change of the loss,
 * ∇_x L · (x_b − x_a); here x is the model's mean of hashed n-gram embeddings h, and a word swap changes the word's
 * own ids (the word and its character n-grams) and the two bigrams around it, so the estimate is ∇_h L · (h' − h) with
 * h' recomputed from sums (ignoring the maxTokens cut). The best few estimates are then checked with the real model
 * and the flip that raises the true loss most is kept — a greedy search with one verified beam step per edit.
 */
import * as tf from '@tensorflow/tfjs';
import { denseChainOf, type DenseChain } from '../privacy';
import { type TextFeatureOptions, hashedTokenIds, textTokens, tokenId, words } from '../text';
import { type TrainedModel, predictRecords } from '../training';

export interface HotFlipOptions {
  /** Most words changed per text. */
  budget: number;
  /** Replacement words (e.g. the most frequent words of the training split). */
  vocabulary: readonly string[];
  /** Candidates checked with the real model per edit (default 8). */
  beam?: number;
}

export interface HotFlipExample {
  index: number;
  success: boolean;
  edits: number;
  adversarial: string;
}

export interface HotFlipResult {
  budget: number;
  /** Texts the model got right before the attack (only those are attacked). */
  attacked: number;
  succeeded: number;
  /** succeeded / attacked: how often ≤ budget word swaps change a correct prediction. */
  successRate: number;
  /** Mean word swaps of the successful attacks. */
  meanEdits: number;
  examples: HotFlipExample[];
}

/** Own ids of a word (the word and its character n-grams, without bigrams), as hashedText makes them. */
function ownIds(word: string, options: TextFeatureOptions): number[] {
  return textTokens(word, { ...options, wordBigrams: false }).map((token) => tokenId(token, options.hashBuckets));
}

interface Embeddings {
  table: Float32Array;
  dim: number;
}

function sumInto(target: Float64Array, ids: readonly number[], embeddings: Embeddings, sign: number): void {
  for (const id of ids) {
    const from = id * embeddings.dim;
    for (let j = 0; j < embeddings.dim; j++) target[j]! += sign * embeddings.table[from + j]!;
  }
}

/** P(class) rows of h [n, dim] through the dense head. */
function headLoss(chain: DenseChain, h: tf.Tensor2D, labels: tf.Tensor1D): tf.Scalar {
  let x: tf.Tensor2D = h;
  for (const layer of chain.dense) {
    const a: tf.Tensor2D = layer.bias ? tf.add(tf.matMul(x, layer.kernel), layer.bias) : tf.matMul(x, layer.kernel);
    x =
      layer.activation === 'relu'
        ? tf.relu(a)
        : layer.activation === 'sigmoid'
          ? tf.sigmoid(a)
          : layer.activation === 'softmax'
            ? tf.softmax(a)
            : a;
  }
  const p = tf.clipByValue(x, 1e-7, 1 - 1e-7);
  if (chain.binary) {
    const y = tf.expandDims(tf.cast(labels, 'float32'), 1);
    return tf.neg(tf.sum(tf.add(tf.mul(y, tf.log(p)), tf.mul(tf.sub(1, y), tf.log(tf.sub(1, p)))))) as tf.Scalar;
  }
  return tf.neg(tf.sum(tf.mul(tf.oneHot(labels, x.shape[1]), tf.log(p)))) as tf.Scalar;
}

export async function hotFlipAttack(
  trained: TrainedModel,
  texts: readonly string[],
  labels: ArrayLike<number>,
  options: HotFlipOptions,
): Promise<HotFlipResult> {
  const { preprocessing } = trained;
  if (preprocessing.kind !== 'text') throw new Error('HotFlip attacks a text model; this run trained a tabular one');
  if (preprocessing.bpe) {
    throw new Error(
      'HotFlip (--attack hotflip) attacks the embedding-bag text model only (its word swaps are scored on hashed n-gram embeddings); this run trained a transformer: run the perturbation suite without --attack',
    );
  }
  const chain = denseChainOf(trained.model);
  if (!chain?.embedding) throw new Error("HotFlip needs the project's embedding-bag text model");
  const embeddings: Embeddings = { table: chain.embedding.dataSync() as Float32Array, dim: chain.embedding.shape[1] };
  const vocabulary = [...new Set(options.vocabulary.flatMap((word) => words(word)))];
  const textOptions = preprocessing.options;
  const own = vocabulary.map((word) => ownIds(word, textOptions));
  const ownSums = own.map((ids) => {
    const sum = new Float64Array(embeddings.dim);
    sumInto(sum, ids, embeddings, 1);
    return sum;
  });
  const column = preprocessing.column;
  const predictClass = (batch: readonly string[]) =>
    predictRecords(
      trained,
      batch.map((text) => ({ [column]: text })),
    );
  const initial = predictClass(texts);
  const examples: HotFlipExample[] = [];
  for (let index = 0; index < texts.length; index++) {
    const row = initial[index]!;
    if (argMax(row) !== labels[index]) continue;
    examples.push(attackOne(index, words(texts[index]!), labels[index]!));
    await new Promise((resolve) => setImmediate(resolve));
  }
  const succeeded = examples.filter((example) => example.success);
  return {
    budget: options.budget,
    attacked: examples.length,
    succeeded: succeeded.length,
    successRate: examples.length === 0 ? 0 : succeeded.length / examples.length,
    meanEdits:
      succeeded.length === 0 ? 0 : succeeded.reduce((sum, example) => sum + example.edits, 0) / succeeded.length,
    examples,
  };

  function attackOne(index: number, tokens: string[], label: number): HotFlipExample {
    let current = [...tokens];
    const changed = new Set<number>();
    for (let edit = 0; edit < options.budget && current.length > 0; edit++) {
      const candidates = rankFlips(current, label, changed);
      if (candidates.length === 0) break;
      const trials = candidates.map(({ position, word }) => current.map((token, i) => (i === position ? word : token)));
      const probabilities = predictClass(trials.map((trial) => trial.join(' ')));
      let best = 0;
      for (let k = 1; k < trials.length; k++) if (probabilities[k]![label]! < probabilities[best]![label]!) best = k;
      current = trials[best]!;
      changed.add(candidates[best]!.position);
      if (argMax(probabilities[best]!) !== label)
        return { index, success: true, edits: edit + 1, adversarial: current.join(' ') };
    }
    return { index, success: false, edits: changed.size, adversarial: current.join(' ') };
  }

  /** The `beam` flips with the largest first-order loss increase, one word changed at most once. */
  function rankFlips(tokens: string[], label: number, changed: Set<number>): Array<{ position: number; word: string }> {
    const text = tokens.join(' ');
    const ids = Array.from(hashedTokenIds(text, textOptions));
    if (ids.length === 0) return [];
    const sum = new Float64Array(embeddings.dim);
    sumInto(sum, ids, embeddings, 1);
    const gradient = tf.tidy(() => {
      const h = tf.tensor2d(
        Float32Array.from(sum, (v) => v / ids.length),
        [1, embeddings.dim],
      );
      const y = tf.tensor1d([label], 'int32');
      return Array.from(
        tf
          .grad((x: tf.Tensor) => headLoss(chain!, x as tf.Tensor2D, y))(h)
          .dataSync(),
      );
    });
    const scored: Array<{ position: number; word: string; score: number }> = [];
    const bigram = (a: string, b: string) => tokenId(`b:${a} ${b}`, textOptions.hashBuckets);
    const withBigrams = textOptions.wordBigrams;
    for (let position = 0; position < tokens.length; position++) {
      if (changed.has(position)) continue;
      const old = tokens[position]!;
      const removed = [...ownIds(old, textOptions)];
      if (withBigrams && position > 0) removed.push(bigram(tokens[position - 1]!, old));
      if (withBigrams && position + 1 < tokens.length) removed.push(bigram(old, tokens[position + 1]!));
      const base = Float64Array.from(sum);
      sumInto(base, removed, embeddings, -1);
      vocabulary.forEach((word, v) => {
        if (word === old) return;
        const next = Float64Array.from(base);
        for (let j = 0; j < embeddings.dim; j++) next[j]! += ownSums[v]![j]!;
        const added: number[] = [];
        if (withBigrams && position > 0) added.push(bigram(tokens[position - 1]!, word));
        if (withBigrams && position + 1 < tokens.length) added.push(bigram(word, tokens[position + 1]!));
        sumInto(next, added, embeddings, 1);
        const count = ids.length - removed.length + own[v]!.length + added.length;
        let score = 0;
        for (let j = 0; j < embeddings.dim; j++)
          score += gradient[j]! * (next[j]! / Math.max(1, count) - sum[j]! / ids.length);
        scored.push({ position, word, score });
      });
    }
    scored.sort((a, b) => b.score - a.score);
    return scored.slice(0, options.beam ?? 8);
  }
}

function argMax(row: readonly number[]): number {
  let best = 0;
  for (let j = 1; j < row.length; j++) if (row[j]! > row[best]!) best = j;
  return best;
}

/** The `size` most frequent words of some texts (ties by first appearance): HotFlip's replacement vocabulary. */
export function frequentWords(texts: readonly string[], size: number): string[] {
  const counts = new Map<string, number>();
  for (const text of texts) for (const word of words(text)) counts.set(word, (counts.get(word) ?? 0) + 1);
  return [...counts.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, size)
    .map(([word]) => word);
}
