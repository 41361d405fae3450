import * as tf from '@tensorflow/tfjs';
import { encodeRecords, probabilityRows, type Preprocessing, type TrainedModel } from '../../training';
import { inputText, type ModelInput } from '../model';

/**
 * The layers of a saved chain model from `after` (exclusive) to the output, as one function on tensors: the part of
 * the model an attribution differentiates through. Our models are chains (input → … → probabilities), so applying
 * the layers in order is the model itself.
 */
export function layersAfter(model: tf.LayersModel, after: tf.layers.Layer | undefined): (x: tf.Tensor) => tf.Tensor2D {
  const start = after ? model.layers.indexOf(after) + 1 : 0;
  const layers = model.layers.slice(start).filter((layer) => layer.getClassName() !== 'InputLayer');
  return (x) => layers.reduce((value, layer) => layer.apply(value) as tf.Tensor, x) as tf.Tensor2D;
}

/** Class probabilities [batch, classes] → the probability of class `target` [batch]. */
export function targetProbability(output: tf.Tensor2D, target: number): tf.Tensor1D {
  const rows = probabilityRows(output);
  return tf.reshape(tf.slice(rows, [0, target], [-1, 1]), [-1]) as tf.Tensor1D;
}

/** Class probabilities of texts through a saved text model and its own preprocessing (both text adapters). */
export function predictTexts(
  trained: TrainedModel,
  preprocessing: Preprocessing & { column: string },
  inputs: readonly ModelInput[],
): number[][] {
  const records = inputs.map((input) => ({ [preprocessing.column]: inputText(input) }));
  return tf.tidy(() =>
    probabilityRows(trained.model.predict(encodeRecords(preprocessing, records)) as tf.Tensor2D).arraySync(),
  );
}
