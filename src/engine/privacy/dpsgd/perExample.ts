/**
 * Per-example gradient norms of the project's models in closed form, for the whole batch at once ("ghost clipping",
 * Goodfellow 2015; Li et al. 2022): for a dense layer a = h·W + b the per-example gradient is h_i ⊗ δ_i, so its squared
 * norm is (‖h_i‖² + 1)·‖δ_i‖² without ever forming it; for the mean-of-embeddings layer it is
 * ‖δe_i‖² · Σ_t m_t² / c_i² (m_t: how often token t occurs in example i, c_i: its token count). The clipped SUM of
 * per-example gradients is then the ordinary gradient of Σ_i f_i·loss_i with the factors f_i held constant, which
 * tfjs computes with the model's own kernels. Models of other shapes fall back to one gradient per example.
 */
import * as tf from '@tensorflow/tfjs';
import { embeddingBagMean, EmbeddingBagMean, crossEntropy } from '../../training';

type Activation = 'relu' | 'linear' | 'sigmoid' | 'softmax';

/** The chain the closed form understands: [mean of embeddings] → dense (relu|linear)* → dense (sigmoid|softmax). */
export interface DenseChain {
  embedding?: tf.Tensor2D;
  dense: Array<{ kernel: tf.Tensor2D; bias?: tf.Tensor1D; activation: Activation }>;
  binary: boolean;
}

/** The model as a DenseChain, or undefined when it has another shape (then per-example gradients are looped). */
export function denseChainOf(model: tf.LayersModel): DenseChain | undefined {
  const layers = model.layers.filter((layer) => layer.getClassName() !== 'InputLayer');
  const chain: DenseChain = { dense: [], binary: model.outputs[0]?.shape[1] === 1 };
  for (const [index, layer] of layers.entries()) {
    if (layer instanceof EmbeddingBagMean && index === 0) {
      chain.embedding = layer.getWeights()[0] as tf.Tensor2D;
      continue;
    }
    if (layer.getClassName() !== 'Dense') return undefined;
    const config = layer.getConfig();
    const activation = String(config.activation) as Activation;
    const last = index === layers.length - 1;
    const allowed: Activation[] = last ? ['sigmoid', 'softmax'] : ['relu', 'linear'];
    if (!allowed.includes(activation)) return undefined;
    const [kernel, bias] = layer.getWeights() as [tf.Tensor2D, tf.Tensor1D | undefined];
    chain.dense.push({ kernel, ...(bias ? { bias } : {}), activation });
  }
  if (chain.dense.length === 0) return undefined;
  // A chain must be a plain sequence: each layer fed only by the one before it.
  const sequential = layers.every((layer, i) => i === 0 || layer.inboundNodes[0]?.inboundLayers[0] === layers[i - 1]);
  return sequential ? chain : undefined;
}

/**
 * Σ_t m_t² / c_i² for each example of an id block [batch, length] (0 = padding): the factor that turns ‖δe_i‖²
 * into the squared norm of example i's gradient with respect to the embedding table.
 */
export function embeddingNormFactors(ids: Int32Array, batch: number, length: number): Float32Array {
  const factors = new Float32Array(batch);
  const counts = new Map<number, number>();
  for (let example = 0; example < batch; example++) {
    counts.clear();
    let total = 0;
    for (let k = example * length; k < (example + 1) * length; k++) {
      const id = ids[k]!;
      if (id <= 0) continue;
      total++;
      counts.set(id, (counts.get(id) ?? 0) + 1);
    }
    let squares = 0;
    for (const m of counts.values()) squares += m * m;
    factors[example] = total === 0 ? 0 : squares / (total * total);
  }
  return factors;
}

/**
 * Squared per-example gradient norms [batch] of the weighted loss w_i·CE(model(x_i), y_i) with respect to every
 * parameter of a DenseChain. input: ids [batch, length] int32 (with embedding) or features [batch, width];
 * labels [batch] int32; weights [batch].
 */
export function perExampleSquaredNorms(
  chain: DenseChain,
  input: tf.Tensor2D,
  labels: tf.Tensor1D,
  weights: tf.Tensor1D,
): tf.Tensor1D {
  return tf.tidy(() => {
    const inputs: tf.Tensor2D[] = []; // input of each dense layer, [batch, in_ℓ]
    const preActivations: tf.Tensor2D[] = []; // [batch, out_ℓ]
    let h: tf.Tensor2D = chain.embedding
      ? embeddingBagMean(chain.embedding, tf.cast(input, 'int32') as tf.Tensor2D)
      : input;
    for (const layer of chain.dense) {
      inputs.push(h);
      const a: tf.Tensor2D = layer.bias ? tf.add(tf.matMul(h, layer.kernel), layer.bias) : tf.matMul(h, layer.kernel);
      preActivations.push(a);
      h = layer.activation === 'relu' ? (tf.relu(a) as tf.Tensor2D) : a;
    }
    const last = chain.dense.at(-1)!;
    // δz_i = ∂(w_i·CE_i)/∂z_i, exact (probability clipping included) because CE_i depends on row i only.
    const lossOfLogits = (z: tf.Tensor) => {
      const p = (last.activation === 'sigmoid' ? tf.sigmoid(z) : tf.softmax(z)) as tf.Tensor2D;
      return tf.sum(tf.mul(crossEntropy(p, labels, chain.binary), weights));
    };
    let delta = tf.grad(lossOfLogits)(preActivations.at(-1)!) as tf.Tensor2D;
    let squared = tf.zeros([input.shape[0]]) as tf.Tensor1D;
    for (let l = chain.dense.length - 1; l >= 0; l--) {
      const layer = chain.dense[l]!;
      const deltaSquared = tf.sum(tf.square(delta), 1);
      const inputSquared = tf.sum(tf.square(inputs[l]!), 1);
      squared = tf.add(
        squared,
        tf.mul(deltaSquared, layer.bias ? tf.add(inputSquared, 1) : inputSquared),
      ) as tf.Tensor1D;
      const upstream: tf.Tensor2D = tf.matMul(delta, layer.kernel, false, true); // [batch, in_ℓ]
      delta =
        l > 0 && chain.dense[l - 1]!.activation === 'relu'
          ? tf.mul(upstream, tf.step(preActivations[l - 1]!))
          : upstream;
    }
    if (chain.embedding) {
      const [batch, length] = input.shape as [number, number];
      const factors = tf.tensor1d(embeddingNormFactors(input.dataSync() as Int32Array, batch, length));
      squared = tf.add(squared, tf.mul(tf.sum(tf.square(delta), 1), factors)) as tf.Tensor1D;
    }
    return squared;
  });
}

/**
 * Squared per-example gradient norms by brute force — one backward pass per example. For models the closed form
 * does not cover, and as the check of the closed form. Returns each example's gradients too (the caller disposes).
 */
export function perExampleGradients(
  model: tf.LayersModel,
  variables: tf.Variable[],
  input: tf.Tensor2D,
  labels: tf.Tensor1D,
  weights: tf.Tensor1D,
): Array<{ squaredNorm: number; grads: tf.NamedTensorMap }> {
  const binary = model.outputs[0]?.shape[1] === 1;
  const batch = input.shape[0];
  const out: Array<{ squaredNorm: number; grads: tf.NamedTensorMap }> = [];
  for (let i = 0; i < batch; i++) {
    const { value, grads } = tf.variableGrads(
      () =>
        tf.tidy(() => {
          const x = tf.slice(input, [i, 0], [1, -1]);
          const output = model.apply(x, { training: true }) as tf.Tensor2D;
          const y = tf.slice(labels, [i], [1]);
          const w = tf.slice(weights, [i], [1]);
          return tf.sum(tf.mul(crossEntropy(output, y, binary), w)) as tf.Scalar;
        }),
      variables,
    );
    value.dispose();
    const squaredNorm = tf.tidy(() =>
      Object.values(grads).reduce((sum, g) => sum + tf.sum(tf.square(g)).dataSync()[0]!, 0),
    );
    out.push({ squaredNorm, grads });
  }
  return out;
}
