import * as tf from '@tensorflow/tfjs';
import type { ResolvedModelSpec } from '../types';
import { EncoderLayer, FinalLayerNorm, MaskedMeanPool, PositionEmbedding } from './transformerLayers';

/** Layer names the attribution adapter finds the parts by. */
export const TRANSFORMER_LAYERS = {
  tokens: 'token_embedding',
  positions: 'position_embedding',
  norm: 'final_norm',
  pool: 'pool',
} as const;

/**
 * Transformer text classifier: BPE row ids [batch, length] int32 (0 = padding) → token embedding [batch, length,
 * width] + position embedding → `layers` pre-norm encoder layers (multi-head self-attention with a padding mask,
 * feed-forward) → layer norm → masked mean over the tokens [batch, width] → probabilities [batch, 1] (binary) or
 * [batch, classes]. Every weight is seeded from `seed`; no dropout, so a seed and a backend give one set of numbers.
 */
export function buildTransformerClassifier(
  spec: ResolvedModelSpec,
  classes: number,
  seed: number,
  outputLayer: (classes: number, seed: number) => tf.layers.Layer,
): tf.LayersModel {
  const size = spec.transformer;
  if (!size) throw new Error('buildTransformerClassifier: the model spec has no transformer options');
  const ids = tf.input({ shape: [null], dtype: 'int32', name: 'token_ids' });
  const tokens = tf.layers.embedding({
    inputDim: spec.hashBuckets,
    outputDim: size.width,
    embeddingsInitializer: tf.initializers.randomNormal({ stddev: 0.02, seed }),
    name: TRANSFORMER_LAYERS.tokens,
  });
  let x = tokens.apply(ids) as tf.SymbolicTensor;
  x = new PositionEmbedding({
    maxLength: spec.maxTokens,
    width: size.width,
    seed: seed + 1,
    name: TRANSFORMER_LAYERS.positions,
  }).apply(x) as tf.SymbolicTensor;
  for (let layer = 0; layer < size.layers; layer++) {
    const encoder = new EncoderLayer({
      width: size.width,
      heads: size.heads,
      feedForward: size.feedForward,
      seed: seed + 100 * (layer + 1),
      name: `encoder_${layer + 1}`,
    });
    x = encoder.apply([x, ids]) as tf.SymbolicTensor;
  }
  x = new FinalLayerNorm({ name: TRANSFORMER_LAYERS.norm }).apply(x) as tf.SymbolicTensor;
  const pooled = new MaskedMeanPool({ name: TRANSFORMER_LAYERS.pool }).apply([x, ids]) as tf.SymbolicTensor;
  const output = outputLayer(classes, seed + 2).apply(pooled) as tf.SymbolicTensor;
  return tf.model({ inputs: ids, outputs: output, name: 'transformer_classifier' });
}
