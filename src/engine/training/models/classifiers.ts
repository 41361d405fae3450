import * as tf from '@tensorflow/tfjs';
import type { ResolvedModelSpec } from '../types';
import { EmbeddingBagMean } from './embeddingBag';
import { buildTransformerClassifier } from './transformer';

/**
 * The output head: one sigmoid unit for two classes (logistic regression), a softmax over the classes otherwise.
 * Binary models output P(class 1) as [batch, 1]; `probabilityRows` turns either into [batch, classes].
 */
export function outputLayer(classes: number, seed: number): tf.layers.Layer {
  const binary = classes === 2;
  return tf.layers.dense({
    units: binary ? 1 : classes,
    activation: binary ? 'sigmoid' : 'softmax',
    kernelInitializer: tf.initializers.glorotUniform({ seed }),
    name: 'probabilities',
  });
}

function hiddenLayer(units: number, seed: number): tf.layers.Layer {
  return tf.layers.dense({
    units,
    activation: 'relu',
    kernelInitializer: tf.initializers.heUniform({ seed }),
    name: 'hidden',
  });
}

/**
 * Text classifier (the transformer is built by `buildTransformerClassifier`): hashed n-gram ids [batch, length] int32 (0 = padding) → mean embedding [batch, dim]
 * → optional ReLU layer [batch, hidden] → probabilities [batch, 1] (binary) or [batch, classes].
 */
export function buildTextClassifier(spec: ResolvedModelSpec, classes: number, seed: number): tf.LayersModel {
  if (spec.kind === 'transformer') return buildTransformerClassifier(spec, classes, seed, outputLayer);
  const ids = tf.input({ shape: [null], dtype: 'int32', name: 'token_ids' });
  let x = new EmbeddingBagMean({
    vocabulary: spec.hashBuckets,
    dim: spec.embeddingDim,
    seed,
    name: 'embedding_bag',
  }).apply(ids) as tf.SymbolicTensor;
  if (spec.hiddenUnits > 0) x = hiddenLayer(spec.hiddenUnits, seed + 1).apply(x) as tf.SymbolicTensor;
  const output = outputLayer(classes, seed + 2).apply(x) as tf.SymbolicTensor;
  return tf.model({ inputs: ids, outputs: output, name: 'text_classifier' });
}

/**
 * Tabular classifier: encoded features [batch, width] float32 → (mlp: ReLU layer [batch, hidden]) →
 * probabilities [batch, 1] (binary) or [batch, classes]. Without the hidden layer it is logistic regression.
 */
export function buildTabularClassifier(
  spec: ResolvedModelSpec,
  width: number,
  classes: number,
  seed: number,
): tf.LayersModel {
  const features = tf.input({ shape: [width], dtype: 'float32', name: 'features' });
  let x: tf.SymbolicTensor = features;
  if (spec.kind === 'mlp') x = hiddenLayer(spec.hiddenUnits, seed + 1).apply(x) as tf.SymbolicTensor;
  const output = outputLayer(classes, seed + 2).apply(x) as tf.SymbolicTensor;
  return tf.model({
    inputs: features,
    outputs: output,
    name: spec.kind === 'mlp' ? 'mlp_classifier' : 'logistic_regression',
  });
}

/** Model output → one probability row per example: [batch, 1] becomes [1 − p, p]. */
export function probabilityRows(output: tf.Tensor2D): tf.Tensor2D {
  if (output.shape[1] !== 1) return output;
  return tf.tidy(() => tf.concat([tf.sub(1, output), output], 1) as tf.Tensor2D);
}

export function parameterCount(model: tf.LayersModel): number {
  return model.countParams();
}
