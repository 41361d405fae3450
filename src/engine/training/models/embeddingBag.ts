import * as tf from '@tensorflow/tfjs';
import { EMBEDDING_BAG_MEAN, hasFusedEmbeddingBag } from '../../compute';

/**
 * Mean of the embedding rows each example names; id 0 is padding and is left out of the mean.
 * table: [vocabulary, dim], ids: [batch, length] int32 → [batch, dim].
 * On cpu and wasm one fused JavaScript kernel (registered by `registerTrainingKernels`); elsewhere (native
 * TensorFlow, whose gather and segment sums are fast) the same maths composed from gather, mask and sum.
 */
export function embeddingBagMean(table: tf.Tensor2D, ids: tf.Tensor2D): tf.Tensor2D {
  if (hasFusedEmbeddingBag()) return tf.engine().runKernel(EMBEDDING_BAG_MEAN, { table, ids }, {}) as tf.Tensor2D;
  return tf.tidy(() => {
    const mask = tf.cast(tf.greater(ids, 0), 'float32'); // [batch, length]
    const rows = tf.gather(table, ids); // [batch, length, dim]
    const summed = tf.sum(tf.mul(rows, tf.expandDims(mask, 2)), 1); // [batch, dim]
    const counts = tf.maximum(tf.sum(mask, 1, true), 1); // [batch, 1]
    return tf.div(summed, counts) as tf.Tensor2D;
  });
}

export interface EmbeddingBagArgs {
  vocabulary: number;
  dim: number;
  seed?: number;
  name?: string;
}

/**
 * Keras-style layer around `embeddingBagMean`, so the text model is a plain tfjs LayersModel that saves to
 * `model.json`. Input [batch, length] int32 ids, output [batch, dim]. Registered for `tf.loadLayersModel`.
 */
export class EmbeddingBagMean extends tf.layers.Layer {
  static readonly className = 'RmlEmbeddingBagMean';
  private readonly vocabulary: number;
  private readonly dim: number;
  private readonly seed: number | undefined;
  private table: tf.LayerVariable | undefined;

  constructor(args: EmbeddingBagArgs) {
    super(args.name === undefined ? {} : { name: args.name });
    this.vocabulary = args.vocabulary;
    this.dim = args.dim;
    this.seed = args.seed;
  }

  override build(): void {
    const initializer = tf.initializers.randomUniform({
      minval: -0.05,
      maxval: 0.05,
      ...(this.seed === undefined ? {} : { seed: this.seed }),
    });
    this.table = this.addWeight('embeddings', [this.vocabulary, this.dim], 'float32', initializer);
    this.built = true;
  }

  override computeOutputShape(inputShape: tf.Shape | tf.Shape[]): tf.Shape {
    const shape = (Array.isArray(inputShape[0]) ? inputShape[0] : inputShape) as tf.Shape;
    return [shape[0] ?? null, this.dim];
  }

  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    const ids = Array.isArray(inputs) ? inputs[0] : inputs;
    if (!ids || !this.table) throw new Error('EmbeddingBagMean: called before build or without input');
    return embeddingBagMean(this.table.read() as tf.Tensor2D, tf.cast(ids, 'int32') as tf.Tensor2D);
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), vocabulary: this.vocabulary, dim: this.dim };
  }
}

tf.serialization.registerClass(EmbeddingBagMean);
