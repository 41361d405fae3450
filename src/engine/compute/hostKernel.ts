import * as tf from '@tensorflow/tfjs';

type TypedArray = Float32Array | Int32Array | Uint8Array;

/** What a kernel written in plain JavaScript computes: float32 output shapes from the inputs, then the values. */
export interface HostKernel {
  kernelName: string;
  /** Names of the kernel's inputs, in the order `compute` receives them. */
  inputNames: readonly string[];
  /** One shape per output; a kernel with one output returns a tensor, with several an array of them. */
  outputShapes(inputs: readonly tf.TensorInfo[], attrs: tf.NamedAttrMap): number[][];
  /** Writes into `outputs`, which arrive zero-filled. */
  compute(
    inputs: readonly TypedArray[],
    shapes: readonly number[][],
    outputs: readonly Float32Array[],
    attrs: tf.NamedAttrMap,
  ): void;
}

/** The parts of tfjs-backend-cpu's MathBackendCPU a host kernel uses (not exported as a public type). */
interface CpuBackendLike {
  data: { get(dataId: tf.DataId): { values: TypedArray } };
  makeTensorInfo(shape: number[], dtype: tf.DataType, values: TypedArray): tf.TensorInfo;
}

/** The parts of tfjs-backend-wasm's BackendWasm a host kernel uses. */
interface WasmBackendLike {
  makeOutput(shape: number[], dtype: tf.DataType): tf.TensorInfo;
  typedArrayFromHeap(info: tf.TensorInfo): TypedArray;
}

/**
 * Registers `kernel` for the cpu and wasm backends, replacing any existing registration. Why JavaScript: these are
 * scatter/gather loops over a few hundred thousand floats per step, memory-bound, where a plain loop over the
 * backend's own buffers beats composing tfjs ops (the cpu backend's UnsortedSegmentSum loops once per segment).
 */
export function registerHostKernel(kernel: HostKernel, backends: readonly ('cpu' | 'wasm')[] = ['cpu', 'wasm']): void {
  for (const backendName of backends) {
    if (tf.getKernel(kernel.kernelName, backendName)) tf.unregisterKernel(kernel.kernelName, backendName);
    tf.registerKernel({
      kernelName: kernel.kernelName,
      backendName,
      kernelFunc: ({ inputs, backend, attrs }) => {
        const infos = kernel.inputNames.map((name) => requireInput(inputs, name, kernel.kernelName));
        const run = backendName === 'cpu' ? runOnCpu : runOnWasm;
        const outputs = run(kernel, infos, backend, attrs ?? {});
        return outputs.length === 1 ? outputs[0]! : outputs;
      },
    });
  }
}

function requireInput(inputs: tf.NamedTensorInfoMap, name: string, kernelName: string): tf.TensorInfo {
  const info = inputs[name];
  if (!info) throw new Error(`${kernelName}: missing input '${name}'`);
  return info;
}

function runOnCpu(
  kernel: HostKernel,
  inputs: tf.TensorInfo[],
  backend: unknown,
  attrs: tf.NamedAttrMap,
): tf.TensorInfo[] {
  const cpu = backend as CpuBackendLike;
  const shapes = kernel.outputShapes(inputs, attrs);
  const outputs = shapes.map((shape) => new Float32Array(shape.reduce((size, dim) => size * dim, 1)));
  const values = inputs.map((info) => cpu.data.get(info.dataId).values);
  kernel.compute(
    values,
    inputs.map((info) => info.shape),
    outputs,
    attrs,
  );
  return outputs.map((output, i) => cpu.makeTensorInfo(shapes[i]!, 'float32', output));
}

function runOnWasm(
  kernel: HostKernel,
  inputs: tf.TensorInfo[],
  backend: unknown,
  attrs: tf.NamedAttrMap,
): tf.TensorInfo[] {
  const wasm = backend as WasmBackendLike;
  // Allocate every output first: growing the wasm heap detaches views taken before it.
  const infos = kernel.outputShapes(inputs, attrs).map((shape) => wasm.makeOutput(shape, 'float32'));
  const outputs = infos.map((info) => wasm.typedArrayFromHeap(info) as Float32Array);
  outputs.forEach((output) => output.fill(0));
  const values = inputs.map((info) => wasm.typedArrayFromHeap(info));
  kernel.compute(
    values,
    inputs.map((info) => info.shape),
    outputs,
    attrs,
  );
  return infos;
}
