import * as tf from '@tensorflow/tfjs';
import {
  bpeSpans,
  type BpeSpan,
  type Preprocessing,
  type TrainedModel,
  TRANSFORMER_LAYERS,
  EncoderLayer,
} from '../../training';
import {
  inputText,
  type AttributionModel,
  type AttributionUnit,
  type BaselineKind,
  type ModelInput,
  type PreparedExample,
} from '../model';
import type { AttributionProblem } from '../problem';
import { predictTexts, targetProbability } from './headLayers';

type BpePreprocessing = Extract<Preprocessing, { kind: 'text' }> & {
  bpe: NonNullable<Extract<Preprocessing, { kind: 'text' }>['bpe']>;
};

/** The transformer from its token embeddings on: E [batch, length, width] and ids [batch, length] → probabilities. */
type FromEmbeddings = (embeddings: tf.Tensor3D, ids: tf.Tensor2D) => tf.Tensor2D;

/**
 * The transformer as an attribution model. Attributions are taken at the token embedding (Captum's
 * LayerIntegratedGradients on the embedding layer): the input is each BPE token's embedding row, [tokens × width];
 * position embeddings, attention and the head are the function F.
 *
 * Baselines, as for the embedding bag. `pad`: for gradient methods a token's embedding goes to the zero vector; for
 * perturbation methods a switched-off token becomes padding, i.e. masked out of attention and pooling, as if it were
 * not there. `zero`: a switched-off token's embedding becomes the zero vector but it still takes part (its position
 * embedding stays). Both give the same integrated gradients.
 *
 * Units are the tokens, placed on the characters the tokenizer's offsets give (leading spaces left out); a token
 * that ends inside a character (half an emoji) is joined to the token that completes it.
 */
export class TransformerAttributionModel implements AttributionModel {
  readonly kind = 'text' as const;
  readonly baselines = ['pad', 'zero'] as const;
  readonly classes: string[];
  readonly positiveClass: string;
  private readonly preprocessing: BpePreprocessing;
  private readonly table: tf.Tensor2D;
  private readonly fromEmbeddings: FromEmbeddings;

  constructor(private readonly trained: TrainedModel) {
    const preprocessing = trained.preprocessing;
    if (preprocessing.kind !== 'text' || !preprocessing.bpe)
      throw new Error('TransformerAttributionModel needs a transformer text model');
    this.preprocessing = preprocessing as BpePreprocessing;
    this.classes = preprocessing.classes;
    this.positiveClass = preprocessing.positiveClass;
    const model = trained.model;
    this.table = tf.keep(model.getLayer(TRANSFORMER_LAYERS.tokens).getWeights()[0]!.clone() as tf.Tensor2D); // [vocabulary, width]
    this.fromEmbeddings = fromEmbeddingsOf(model);
  }

  predict(inputs: readonly ModelInput[]): number[][] {
    return predictTexts(this.trained, this.preprocessing, inputs);
  }

  prepare(input: ModelInput, target: number, baseline: BaselineKind): PreparedExample {
    const text = inputText(input);
    const spans = bpeSpans(text, this.preprocessing.bpe);
    const width = this.table.shape[1];
    const rows = Int32Array.from(spans, (span) => span.row);
    const embeddings =
      spans.length === 0
        ? new Float32Array(0)
        : tf.tidy(() => tf.gather(this.table, tf.tensor1d(rows, 'int32')).dataSync() as Float32Array);
    const { units, tokensOf } = tokenUnits(text, spans);
    return {
      problem: this.problem(rows, embeddings, tokensOf, target, baseline),
      units,
      toUnits: (attributions) =>
        Float64Array.from(tokensOf, (tokens) =>
          tokens.reduce((sum, token) => sum + sumRange(attributions, token * width, (token + 1) * width), 0),
        ),
    };
  }

  private problem(
    rows: Int32Array,
    embeddings: Float32Array,
    tokensOf: number[][],
    target: number,
    baseline: BaselineKind,
  ): AttributionProblem {
    const width = this.table.shape[1];
    const length = rows.length;
    const run = (x: tf.Tensor, ids: tf.Tensor2D) =>
      targetProbability(this.fromEmbeddings(tf.reshape(x, [-1, length, width]) as tf.Tensor3D, ids), target);
    const idsFor = (batch: number) => tf.tile(tf.tensor2d(rows, [1, length], 'int32'), [batch, 1]) as tf.Tensor2D;
    return {
      size: length * width,
      input: embeddings,
      baseline: new Float32Array(length * width),
      features: tokensOf.map((tokens) =>
        Int32Array.from(tokens.flatMap((token) => Array.from({ length: width }, (_, d) => token * width + d))),
      ),
      forward: (x) =>
        length === 0 ? emptyForward(this.fromEmbeddings, x.shape[0], width, target) : run(x, idsFor(x.shape[0])),
      forwardMasked: (keep, count) => {
        if (length === 0) return emptyForward(this.fromEmbeddings, count, width, target);
        const kept = tf.tensor2d(tokensKept(keep, count, tokensOf, length), [count, length]); // [count, tokens]
        const x = tf.tile(tf.tensor3d(embeddings, [1, length, width]), [count, 1, 1]);
        if (baseline === 'pad') return run(x, tf.mul(idsFor(count), tf.cast(kept, 'int32')) as tf.Tensor2D);
        return run(tf.mul(x, tf.expandDims(kept, 2)), idsFor(count));
      },
    };
  }

  dispose(): void {
    this.table.dispose();
  }
}

/** The layers after the token embedding, applied in turn: positions, encoders (with the ids' mask), norm, pool, head. */
function fromEmbeddingsOf(model: tf.LayersModel): FromEmbeddings {
  const positions = model.getLayer(TRANSFORMER_LAYERS.positions);
  const encoders = model.layers.filter((layer): layer is EncoderLayer => layer instanceof EncoderLayer);
  const norm = model.getLayer(TRANSFORMER_LAYERS.norm);
  const pool = model.getLayer(TRANSFORMER_LAYERS.pool);
  const head = model.layers.at(-1)!;
  return (embeddings, ids) => {
    let x = positions.apply(embeddings) as tf.Tensor;
    for (const encoder of encoders) x = encoder.apply([x, ids]) as tf.Tensor;
    return head.apply(pool.apply([norm.apply(x) as tf.Tensor, ids]) as tf.Tensor) as tf.Tensor2D;
  };
}

/** A text without tokens: one padding position, whatever x holds (it has no scalars). */
function emptyForward(fromEmbeddings: FromEmbeddings, batch: number, width: number, target: number): tf.Tensor1D {
  return targetProbability(
    fromEmbeddings(tf.zeros([batch, 1, width]) as tf.Tensor3D, tf.zeros([batch, 1], 'int32') as tf.Tensor2D),
    target,
  );
}

/** keep [rows × units] → [rows × tokens]. */
function tokensKept(keep: Float32Array, rows: number, tokensOf: number[][], length: number): Float32Array {
  const out = new Float32Array(rows * length);
  for (let r = 0; r < rows; r++) {
    tokensOf.forEach((tokens, unit) => {
      for (const token of tokens) out[r * length + token] = keep[r * tokensOf.length + unit] !== 0 ? 1 : 0;
    });
  }
  return out;
}

/** Units from the tokens' spans: empty spans (a token ending inside a character) join the next token's unit. */
export function tokenUnits(
  text: string,
  spans: readonly BpeSpan[],
): { units: AttributionUnit[]; tokensOf: number[][] } {
  const units: AttributionUnit[] = [];
  const tokensOf: number[][] = [];
  let waiting: number[] = [];
  spans.forEach((span, token) => {
    waiting.push(token);
    if (span.end === span.start && token < spans.length - 1) return;
    const first = spans[waiting[0]!]!;
    let start = first.start;
    while (start < span.end - 1 && /\s/.test(text[start]!)) start++;
    units.push({ text: text.slice(start, span.end), start, end: span.end });
    tokensOf.push(waiting);
    waiting = [];
  });
  return { units, tokensOf };
}

function sumRange(values: Float64Array, from: number, to: number): number {
  let sum = 0;
  for (let i = from; i < to; i++) sum += values[i]!;
  return sum;
}
