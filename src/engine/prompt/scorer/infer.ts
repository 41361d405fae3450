import { hashedTokenIds, textTokens, tokenId, type TextFeatureOptions } from '../../text';
import type { ScorerModel } from './model';

// Inference of the exported scorer in plain JavaScript: the same arithmetic as the engine's model
// (EmbeddingBagMean → dense → softmax, see src/engine/training/models/), without tfjs. Hand-written because it is
// a sum and a small matrix product; loading tfjs in the language server for it would cost far more than it does.

/** Class probabilities of one text, exactly as `predictRecords` on the engine's saved model computes them. */
export function classProbabilities(model: ScorerModel, text: string): number[] {
  return softmax(logits(model, meanEmbedding(model, hashedTokenIds(text, model.features))));
}

/** Mean of the embedding rows of `ids` ([dim]); no ids gives the zero vector, as the engine's padding row does. */
export function meanEmbedding(model: ScorerModel, ids: ArrayLike<number>): Float64Array {
  const mean = new Float64Array(model.dim);
  for (let i = 0; i < ids.length; i++) {
    const row = ids[i]! * model.dim;
    for (let d = 0; d < model.dim; d++) mean[d]! += model.table[row + d]!;
  }
  const count = Math.max(1, ids.length);
  for (let d = 0; d < model.dim; d++) mean[d]! /= count;
  return mean;
}

/** x [inputs] · kernel [inputs, units] + bias [units]. */
function dense(x: ArrayLike<number>, kernel: readonly number[], bias: readonly number[]): Float64Array {
  const units = bias.length;
  const out = Float64Array.from(bias);
  for (let i = 0; i < x.length; i++) {
    const value = x[i]!;
    if (value === 0) continue;
    for (let u = 0; u < units; u++) out[u]! += value * kernel[i * units + u]!;
  }
  return out;
}

/** The classes' logits from the mean embedding: (ReLU layer, when the model has one) then the output layer. */
export function logits(model: ScorerModel, embedding: ArrayLike<number>): Float64Array {
  let x: ArrayLike<number> = embedding;
  if (model.hidden) x = dense(x, model.hidden.kernel, model.hidden.bias).map((value) => Math.max(0, value));
  return dense(x, model.kernel, model.bias);
}

export function softmax(values: ArrayLike<number>): number[] {
  let max = -Infinity;
  for (let i = 0; i < values.length; i++) max = Math.max(max, values[i]!);
  // Plain loops (it runs per window of every prompt cell); the sum is taken in the same order as before.
  const out = new Array<number>(values.length);
  let total = 0;
  for (let i = 0; i < values.length; i++) total += out[i] = Math.exp(values[i]! - max);
  for (let i = 0; i < out.length; i++) out[i] = out[i]! / total;
  return out;
}

/** A token of `textTokens` with the characters of the text it was made from. */
export interface SpannedToken {
  token: string;
  start: number;
  end: number;
}

const WORD = /[\p{L}\p{N}]+(?:['’][\p{L}]+)*/gu;

/**
 * The tokens `textTokens` makes of `text`, in the same order and with the same limits, each with the span it
 * came from (a bigram spans both words, a character n-gram its word). Needs a text that NFKC and lower case leave
 * unchanged (the prompt checks' plain view is such a text), else offsets would not map: undefined then.
 */
export function spannedTokens(
  text: string,
  options: Omit<TextFeatureOptions, 'hashBuckets'>,
): SpannedToken[] | undefined {
  if (text.normalize('NFKC').toLowerCase() !== text) return undefined;
  const words = [...text.matchAll(WORD)].map((found) => ({
    word: found[0],
    start: found.index,
    end: found.index + found[0].length,
  }));
  const tokens: SpannedToken[] = words.map(({ word, start, end }) => ({ token: `w:${word}`, start, end }));
  if (options.wordBigrams) {
    for (let i = 1; i < words.length; i++) {
      tokens.push({
        token: `b:${words[i - 1]!.word} ${words[i]!.word}`,
        start: words[i - 1]!.start,
        end: words[i]!.end,
      });
    }
  }
  for (const size of options.charNgrams) {
    for (const { word, start, end } of words) {
      const marked = `<${word}>`;
      for (let at = 0; at + size <= marked.length && tokens.length < options.maxTokens * 2; at++) {
        tokens.push({ token: `c:${marked.slice(at, at + size)}`, start, end });
      }
    }
  }
  return tokens.slice(0, options.maxTokens);
}

/**
 * How much each token moved the log-odds of `attackClass` against `benign`. Exact for a model without a hidden
 * layer (it is linear in the mean embedding); with one, the tokens' first-order share (the gradient at the
 * window's mean times each token's part of it), whose sum is the log-odds' change from the empty text.
 */
export function tokenContributions(model: ScorerModel, tokens: readonly SpannedToken[], attackClass: number): number[] {
  if (model.hidden) return hiddenContributions(model, tokens, attackClass);
  const classes = model.classes.length;
  const benign = model.classes.indexOf('benign');
  const direction = Array.from(
    { length: model.dim },
    (_, d) => model.kernel[d * classes + attackClass]! - model.kernel[d * classes + benign]!,
  );
  const count = Math.max(1, tokens.length);
  return tokens.map(({ token }) => {
    const row = tokenId(token, model.features.hashBuckets) * model.dim;
    let sum = 0;
    for (let d = 0; d < model.dim; d++) sum += model.table[row + d]! * direction[d]!;
    return sum / count;
  });
}

function hiddenContributions(model: ScorerModel, tokens: readonly SpannedToken[], attackClass: number): number[] {
  const hidden = model.hidden!;
  const classes = model.classes.length;
  const benign = model.classes.indexOf('benign');
  const ids = tokens.map(({ token }) => tokenId(token, model.features.hashBuckets));
  const mean = meanEmbedding(model, ids);
  const pre = dense(mean, hidden.kernel, hidden.bias);
  // d(logit_attack − logit_benign)/d(mean), through the active ReLU units.
  const gradient = new Float64Array(model.dim);
  for (let u = 0; u < hidden.units; u++) {
    if (pre[u]! <= 0) continue;
    const out = model.kernel[u * classes + attackClass]! - model.kernel[u * classes + benign]!;
    for (let d = 0; d < model.dim; d++) gradient[d]! += hidden.kernel[d * hidden.units + u]! * out;
  }
  const count = Math.max(1, ids.length);
  return ids.map((id) => {
    let sum = 0;
    for (let d = 0; d < model.dim; d++) sum += model.table[id * model.dim + d]! * gradient[d]!;
    return sum / count;
  });
}

/** `textTokens` re-exported for the consistency test of `spannedTokens`. */
export { textTokens };
