/**
 * The transformer's own layers, written as tfjs-layers `Layer`s from core ops that cpu, wasm and webgpu all have
 * (MatMul, BatchMatMul, Transpose, Softmax on 2-D, Moments, Rsqrt, broadcasting arithmetic): tfjs-layers has no
 * multi-head attention. Each is registered for serialisation, so a run's `model/` saves and loads. An encoder layer
 * is one Layer (rather than a graph of small ones) so attribution can run the model on from token embeddings by
 * applying the layers in turn.
 */
import * as tf from '@tensorflow/tfjs';

/** Added to the attention logits of padding keys: exp(−1e9 − max) is exactly 0 in float32. */
const MASKED_LOGIT = -1e9;
const LAYER_NORM_EPSILON = 1e-5;

/** ids [batch, length] int32 (0 = padding) → 1 for tokens, 0 for padding, float32 [batch, length]. */
export function tokenMask(ids: tf.Tensor): tf.Tensor2D {
  return tf.cast(tf.greater(ids, 0), 'float32') as tf.Tensor2D;
}

function inputPair(inputs: tf.Tensor | tf.Tensor[], layer: string): [tf.Tensor3D, tf.Tensor2D] {
  if (!Array.isArray(inputs) || inputs.length !== 2) throw new Error(`${layer}: expects [embeddings, token ids]`);
  return [inputs[0] as tf.Tensor3D, inputs[1] as tf.Tensor2D];
}

function firstShape(inputShape: tf.Shape | tf.Shape[]): tf.Shape {
  return (Array.isArray(inputShape[0]) ? inputShape[0] : inputShape) as tf.Shape;
}

/** x [batch, length, in] · kernel [in, out] + bias [out] → [batch, length, out]. */
function dense3d(x: tf.Tensor3D, kernel: tf.LayerVariable, bias: tf.LayerVariable): tf.Tensor3D {
  const [batch, length, width] = x.shape;
  const out = tf.add(tf.matMul(tf.reshape(x, [batch * length, width]), kernel.read() as tf.Tensor2D), bias.read());
  return tf.reshape(out, [batch, length, kernel.shape[1]!]);
}

/** Layer normalisation over the last axis with a learned scale and shift. */
function layerNorm(x: tf.Tensor3D, gamma: tf.LayerVariable, beta: tf.LayerVariable): tf.Tensor3D {
  const { mean, variance } = tf.moments(x, -1, true);
  return tf.add(
    tf.mul(tf.mul(tf.sub(x, mean), tf.rsqrt(tf.add(variance, LAYER_NORM_EPSILON))), gamma.read()),
    beta.read(),
  );
}

interface SeededArgs {
  seed: number;
  name?: string;
}

/** Adds a learned position embedding: x [batch, length, width] → x + positions[0 … length). */
export class PositionEmbedding extends tf.layers.Layer {
  static readonly className = 'RmlPositionEmbedding';
  readonly maxLength: number;
  readonly width: number;
  private readonly seed: number;
  private table: tf.LayerVariable | undefined;

  constructor(args: SeededArgs & { maxLength: number; width: number }) {
    super(args.name === undefined ? {} : { name: args.name });
    this.maxLength = args.maxLength;
    this.width = args.width;
    this.seed = args.seed;
  }

  override build(): void {
    this.table = this.addWeight(
      'positions',
      [this.maxLength, this.width],
      'float32',
      tf.initializers.randomNormal({ stddev: 0.02, seed: this.seed }),
    );
    this.built = true;
  }

  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    return tf.tidy(() => {
      const x = (Array.isArray(inputs) ? inputs[0] : inputs) as tf.Tensor3D;
      const length = x.shape[1];
      if (length > this.maxLength)
        throw new Error(`PositionEmbedding: ${length} tokens, more than the ${this.maxLength} positions the model has`);
      return tf.add(x, tf.slice(this.table!.read(), [0, 0], [length, this.width]));
    });
  }

  override computeOutputShape(inputShape: tf.Shape | tf.Shape[]): tf.Shape {
    return firstShape(inputShape);
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), maxLength: this.maxLength, width: this.width, seed: this.seed };
  }
}

/**
 * One pre-norm encoder layer: x + attention(norm(x)), then x + feedForward(norm(x)), as in GPT-2 and most
 * encoders since (more stable to train than the original post-norm). Inputs [x [batch, length, width], ids
 * [batch, length]]; padding keys are masked out of every head's softmax, so padding never changes a token's output.
 */
export class EncoderLayer extends tf.layers.Layer {
  static readonly className = 'RmlEncoderLayer';
  readonly width: number;
  readonly heads: number;
  readonly feedForward: number;
  private readonly seed: number;
  private weightsByName: Record<string, tf.LayerVariable> = {};

  constructor(args: SeededArgs & { width: number; heads: number; feedForward: number }) {
    super(args.name === undefined ? {} : { name: args.name });
    if (args.width % args.heads !== 0)
      throw new Error(`EncoderLayer: width ${args.width} is not a multiple of ${args.heads} heads`);
    this.width = args.width;
    this.heads = args.heads;
    this.feedForward = args.feedForward;
    this.seed = args.seed;
  }

  override build(): void {
    const w = this.width;
    let seed = this.seed;
    const kernel = (name: string, shape: number[]) =>
      (this.weightsByName[name] = this.addWeight(
        name,
        shape,
        'float32',
        tf.initializers.glorotUniform({ seed: seed++ }),
      ));
    const constant = (name: string, shape: number[], value: number) =>
      (this.weightsByName[name] = this.addWeight(name, shape, 'float32', tf.initializers.constant({ value })));
    constant('norm1_gamma', [w], 1);
    constant('norm1_beta', [w], 0);
    for (const name of ['query', 'key', 'value', 'output']) {
      kernel(`${name}_kernel`, [w, w]);
      constant(`${name}_bias`, [w], 0);
    }
    constant('norm2_gamma', [w], 1);
    constant('norm2_beta', [w], 0);
    kernel('ff1_kernel', [w, this.feedForward]);
    constant('ff1_bias', [this.feedForward], 0);
    kernel('ff2_kernel', [this.feedForward, w]);
    constant('ff2_bias', [w], 0);
    this.built = true;
  }

  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    return tf.tidy(() => {
      const [x, ids] = inputPair(inputs, 'EncoderLayer');
      const v = this.weightsByName;
      const attended = tf.add(
        x,
        dense3d(this.attention(layerNorm(x, v.norm1_gamma!, v.norm1_beta!), ids), v.output_kernel!, v.output_bias!),
      ) as tf.Tensor3D;
      const hidden = tf.relu(dense3d(layerNorm(attended, v.norm2_gamma!, v.norm2_beta!), v.ff1_kernel!, v.ff1_bias!));
      return tf.add(attended, dense3d(hidden, v.ff2_kernel!, v.ff2_bias!));
    });
  }

  /** Multi-head scaled dot-product self-attention of x [batch, length, width] → [batch, length, width], before the output projection. */
  private attention(x: tf.Tensor3D, ids: tf.Tensor2D): tf.Tensor3D {
    const [batch, length] = x.shape;
    const { heads } = this;
    const depth = this.width / heads;
    const v = this.weightsByName;
    // [batch, length, width] → [batch · heads, length, depth]
    const split = (t: tf.Tensor3D) =>
      tf.reshape(tf.transpose(tf.reshape(t, [batch, length, heads, depth]), [0, 2, 1, 3]), [
        batch * heads,
        length,
        depth,
      ]) as tf.Tensor3D;
    const query = split(dense3d(x, v.query_kernel!, v.query_bias!));
    const key = split(dense3d(x, v.key_kernel!, v.key_bias!));
    const value = split(dense3d(x, v.value_kernel!, v.value_bias!));
    const logits = tf.reshape(tf.mul(tf.matMul(query, key, false, true), 1 / Math.sqrt(depth)), [
      batch,
      heads,
      length,
      length,
    ]);
    const keyBias = tf.reshape(tf.mul(tf.sub(1, tokenMask(ids)), MASKED_LOGIT), [batch, 1, 1, length]);
    // Softmax over the keys, as a 2-D softmax (the shape every backend's kernel takes).
    const weights = tf.reshape(tf.softmax(tf.reshape(tf.add(logits, keyBias), [batch * heads * length, length])), [
      batch * heads,
      length,
      length,
    ]);
    const mixed = tf.matMul(weights, value); // [batch · heads, length, depth]
    return tf.reshape(tf.transpose(tf.reshape(mixed, [batch, heads, length, depth]), [0, 2, 1, 3]), [
      batch,
      length,
      this.width,
    ]);
  }

  override computeOutputShape(inputShape: tf.Shape | tf.Shape[]): tf.Shape {
    return firstShape(inputShape);
  }

  override getConfig(): tf.serialization.ConfigDict {
    return {
      ...super.getConfig(),
      width: this.width,
      heads: this.heads,
      feedForward: this.feedForward,
      seed: this.seed,
    };
  }
}

/** Mean over the tokens, padding left out: [x [batch, length, width], ids [batch, length]] → [batch, width]. */
export class MaskedMeanPool extends tf.layers.Layer {
  static readonly className = 'RmlMaskedMeanPool';

  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    return tf.tidy(() => {
      const [x, ids] = inputPair(inputs, 'MaskedMeanPool');
      const mask = tokenMask(ids); // [batch, length]
      const summed = tf.sum(tf.mul(x, tf.expandDims(mask, 2)), 1); // [batch, width]
      return tf.div(summed, tf.maximum(tf.sum(mask, 1, true), 1));
    });
  }

  override computeOutputShape(inputShape: tf.Shape | tf.Shape[]): tf.Shape {
    const shape = firstShape(inputShape);
    return [shape[0] ?? null, shape[2] ?? null];
  }
}

/**
 * Layer normalisation over the last axis, the final norm of a pre-norm stack. Not tfjs-layers' LayerNormalization:
 * that one normalises through the FusedBatchNorm kernel, whose gradient with per-token statistics slices the input
 * one token at a time on wasm (measured: 5.4 s of a 7.4 s step at batch 256 × 32 tokens).
 */
export class FinalLayerNorm extends tf.layers.Layer {
  static readonly className = 'RmlFinalLayerNorm';
  private gamma: tf.LayerVariable | undefined;
  private beta: tf.LayerVariable | undefined;

  override build(inputShape: tf.Shape | tf.Shape[]): void {
    const width = firstShape(inputShape).at(-1) as number;
    this.gamma = this.addWeight('gamma', [width], 'float32', tf.initializers.ones());
    this.beta = this.addWeight('beta', [width], 'float32', tf.initializers.zeros());
    this.built = true;
  }

  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    return tf.tidy(() =>
      layerNorm((Array.isArray(inputs) ? inputs[0] : inputs) as tf.Tensor3D, this.gamma!, this.beta!),
    );
  }

  override computeOutputShape(inputShape: tf.Shape | tf.Shape[]): tf.Shape {
    return firstShape(inputShape);
  }
}

for (const layer of [PositionEmbedding, EncoderLayer, MaskedMeanPool, FinalLayerNorm])
  tf.serialization.registerClass(layer);
