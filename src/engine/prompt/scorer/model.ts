import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { TextFeatureOptions } from '../../text';
import { SCORER_GATES, type ScorerGate } from './gate';

/**
 * The learned prompt-attack scorer, as exported from a model the training engine trained (text-embedding-bag, no
 * hidden layer): hashed n-gram ids → mean of their embedding rows [dim] → dense softmax over the classes.
 * `scorer.json` holds everything but the embedding table, which is `table.bin`: float32 little-endian,
 * row-major [hashBuckets, dim], the weights of the engine's `embedding_bag` layer — or, as shipped, those rows times
 * the output kernel (dim = the classes, kernel the identity: the model folded by the corpus's build/fold.ts, which keeps
 * its probabilities and makes an ensemble of such models one table).
 */
export interface ScorerFile {
  version: 1;
  /** Class names in the engine's order (sorted); `benign` is the non-attack class. */
  classes: string[];
  features: TextFeatureOptions;
  dim: number;
  /** The optional ReLU layer: kernel row-major [dim, units], bias [units]. */
  hidden?: { units: number; kernel: number[]; bias: number[] };
  /** Output kernel, row-major [dim or hidden units, classes], as tfjs stores it. */
  kernel: number[];
  bias: number[];
  /** A window whose attack probability (1 − P(benign)) reaches this raises a finding; chosen on the dev split. */
  threshold: number;
  /** Windows of fewer words than `words` use `threshold` here instead: a few words make a volatile mean. */
  short?: { words: number; threshold: number };
  /** A rule a window must also pass to count (gate.ts); absent: none. */
  gate?: ScorerGate;
  /** Long texts are scored window by window: `words` words, a new window every `stride` words. */
  window: { words: number; stride: number };
  /** What it was trained on and how (for the record; inference does not read it). */
  trainedOn?: Record<string, unknown>;
}

export interface ScorerModel extends ScorerFile {
  table: Float32Array;
}

export const SCORER_FILES = { model: 'scorer.json', table: 'table.bin' } as const;

/**
 * Where the scorer's files are: `media/prompt-scorer/` of the extension, found from the bundle in `dist/` or from
 * this source file when run with tsx. Returns undefined when neither exists (a build without the scorer).
 */
export function scorerDirectory(): string | undefined {
  const candidates = [
    path.join(__dirname, '..', 'media', 'prompt-scorer'),
    path.join(__dirname, '..', '..', '..', '..', 'media', 'prompt-scorer'),
  ];
  return candidates.find((dir) => existsSync(path.join(dir, SCORER_FILES.model)));
}

/** Reads and checks a scorer directory; a table whose size does not match the description is an error. */
export function readScorer(dir: string): ScorerModel {
  const file = JSON.parse(readFileSync(path.join(dir, SCORER_FILES.model), 'utf8')) as ScorerFile;
  if (file.version !== 1) throw new Error(`${dir}: unsupported scorer version ${String(file.version)}`);
  if (file.gate !== undefined && !SCORER_GATES.includes(file.gate))
    throw new Error(`${dir}: unknown scorer gate ${String(file.gate)}`);
  const bytes = readFileSync(path.join(dir, SCORER_FILES.table));
  const expected = file.features.hashBuckets * file.dim * 4;
  if (bytes.byteLength !== expected)
    throw new Error(`${dir}/${SCORER_FILES.table}: ${bytes.byteLength} bytes, expected ${expected}`);
  // Copy into an aligned buffer: a Buffer may start at any offset of its pool.
  const table = new Float32Array(file.features.hashBuckets * file.dim);
  new Uint8Array(table.buffer).set(bytes);
  const inputs = file.hidden ? file.hidden.units : file.dim;
  const hiddenFits =
    !file.hidden ||
    (file.hidden.kernel.length === file.dim * file.hidden.units && file.hidden.bias.length === file.hidden.units);
  if (!hiddenFits || file.kernel.length !== inputs * file.classes.length || file.bias.length !== file.classes.length) {
    throw new Error(
      `${dir}/${SCORER_FILES.model}: the layer weights do not fit dim ${file.dim} and ${file.classes.length} classes`,
    );
  }
  return { ...file, table };
}

let cached: ScorerModel | null | undefined;

/** The shipped scorer, read on first use (null when this build has none). */
export function shippedScorer(): ScorerModel | null {
  if (cached === undefined) {
    const dir = scorerDirectory();
    cached = dir ? readScorer(dir) : null;
  }
  return cached;
}
