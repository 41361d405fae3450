import * as tf from '@tensorflow/tfjs';
import { adamStep } from './adamKernel';
import { registerHostKernel, type HostKernel } from './hostKernel';

/** Name of the fused mean-of-embeddings op (forward) and of its gradient with respect to the table. */
export const EMBEDDING_BAG_MEAN = 'RmlEmbeddingBagMean';
export const EMBEDDING_BAG_MEAN_GRAD = 'RmlEmbeddingBagMeanGrad';

/**
 * `UnsortedSegmentSum` (the gradient of `tf.gather`, so of every embedding): missing on wasm, and on cpu one full
 * pass over the input per segment, which made a 20k-row embedding model take minutes per epoch. Linear here.
 * x: [n, ...inner], segmentIds: [n] (or a prefix of x's shape) → [numSegments, ...inner]; ids out of range are dropped.
 */
const unsortedSegmentSum: HostKernel = {
  kernelName: 'UnsortedSegmentSum',
  inputNames: ['x', 'segmentIds'],
  outputShapes: ([x, ids], attrs) => [[attrs.numSegments as number, ...x!.shape.slice(ids!.shape.length)]],
  compute([x, ids], shapes, [output], attrs) {
    const numSegments = attrs.numSegments as number;
    const inner = shapes[0]!.slice(shapes[1]!.length).reduce((size, dim) => size * dim, 1);
    for (let i = 0; i < ids!.length; i++) {
      const segment = ids![i]!;
      if (segment < 0 || segment >= numSegments) continue;
      const to = segment * inner;
      const from = i * inner;
      for (let j = 0; j < inner; j++) output![to + j]! += x![from + j]!;
    }
  },
};

/**
 * Mean of the embedding rows each example names, ignoring id 0 (padding).
 * table: [vocabulary, dim] float32, ids: [batch, length] int32 → [batch, dim].
 */
const embeddingBagMean: HostKernel = {
  kernelName: EMBEDDING_BAG_MEAN,
  inputNames: ['table', 'ids'],
  outputShapes: ([table, ids]) => [[ids!.shape[0]!, table!.shape[1]!]],
  compute([table, ids], shapes, [output]) {
    const [vocabulary, dim] = shapes[0] as [number, number];
    const [batch, length] = shapes[1] as [number, number];
    // A float64 accumulator per example: several times faster than adding into the float32 output row.
    const sum = new Float64Array(dim);
    for (let example = 0; example < batch; example++) {
      sum.fill(0);
      let count = 0;
      for (let position = example * length; position < (example + 1) * length; position++) {
        const id = ids![position]!;
        if (id <= 0 || id >= vocabulary) continue;
        count++;
        const from = id * dim;
        for (let j = 0; j < dim; j++) sum[j]! += table![from + j]!;
      }
      const scale = 1 / Math.max(1, count);
      for (let j = 0; j < dim; j++) output![example * dim + j] = sum[j]! * scale;
    }
  },
};

/**
 * Gradient of the mean with respect to the table: each example's upstream gradient, divided by its token count,
 * added to the rows it named. dy: [batch, dim], ids: [batch, length] int32 → [vocabulary, dim] (attr `vocabulary`).
 */
const embeddingBagMeanGrad: HostKernel = {
  kernelName: EMBEDDING_BAG_MEAN_GRAD,
  inputNames: ['dy', 'ids'],
  outputShapes: ([dy], attrs) => [[attrs.vocabulary as number, dy!.shape[1]!]],
  compute([dy, ids], shapes, [output], attrs) {
    const vocabulary = attrs.vocabulary as number;
    const dim = shapes[0]![1]!;
    const [batch, length] = shapes[1] as [number, number];
    const scaled = new Float64Array(dim);
    for (let example = 0; example < batch; example++) {
      const first = example * length;
      let count = 0;
      for (let position = first; position < first + length; position++) if (ids![position]! > 0) count++;
      for (let j = 0; j < dim; j++) scaled[j] = dy![example * dim + j]! / Math.max(1, count);
      for (let position = first; position < first + length; position++) {
        const id = ids![position]!;
        if (id <= 0 || id >= vocabulary) continue;
        const to = id * dim;
        for (let j = 0; j < dim; j++) output![to + j]! += scaled[j]!;
      }
    }
  },
};

let registered = false;

/** Registers the kernels our models and optimiser need on cpu and wasm (idempotent; native TensorFlow has its own). */
export function registerTrainingKernels(): void {
  if (registered) return;
  registered = true;
  for (const kernel of [unsortedSegmentSum, embeddingBagMean, embeddingBagMeanGrad, adamStep])
    registerHostKernel(kernel);
  tf.registerGradient({
    kernelName: EMBEDDING_BAG_MEAN,
    inputsToSave: ['table', 'ids'],
    gradFunc: (dy, saved) => {
      const [table, ids] = saved as [tf.Tensor2D, tf.Tensor2D];
      return {
        table: () =>
          tf
            .engine()
            .runKernel(
              EMBEDDING_BAG_MEAN_GRAD,
              { dy: dy as tf.Tensor, ids },
              { vocabulary: table.shape[0] },
            ) as tf.Tensor,
        ids: () => tf.zerosLike(ids),
      };
    },
  });
}

/** True when `kernelName` has a registration for the active backend (ours on cpu and wasm). */
export function hasKernel(kernelName: string): boolean {
  return tf.getKernel(kernelName, tf.getBackend()) !== undefined;
}

/** True when the fused embedding-bag kernel runs on the active backend (cpu, wasm); other backends compose ops. */
export function hasFusedEmbeddingBag(): boolean {
  return hasKernel(EMBEDDING_BAG_MEAN);
}
