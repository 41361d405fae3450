import * as tf from '@tensorflow/tfjs';
import { registerTrainingKernels } from './kernels';
import { createDefaultLoaders, errorMessage, type LoaderOptions } from './loaders';
import {
  BACKEND_PREFERENCES,
  BackendUnavailable,
  type BackendLoaders,
  type BackendLog,
  type BackendPreference,
  type SelectedBackend,
} from './types';
import { releaseWebGpu, SYNCHRONOUS_READ_MESSAGE } from './webgpu';

export const defaultLoaders: BackendLoaders = createDefaultLoaders();

/**
 * Makes the best available backend the active tfjs backend, once per job. `auto` tries every loader in order; a named
 * preference starts the chain at that backend (which may then do what `auto` would not: webgpu on a CPU adapter).
 * A loader that is absent, throws, or fails the smoke test becomes a warning naming the backend and the fix, and the
 * next one is tried. Throws only when even `cpu` fails.
 */
export async function selectBackend(
  preference: BackendPreference,
  loaders: BackendLoaders = defaultLoaders,
  log: BackendLog = () => {},
): Promise<SelectedBackend> {
  const start = preference === 'auto' ? 0 : loaders.findIndex((loader) => loader.backend === preference);
  if (start < 0) {
    const known = BACKEND_PREFERENCES.includes(preference);
    throw new Error(
      known
        ? `backend '${preference}' is not offered here`
        : `unknown backend '${preference}' (expected ${BACKEND_PREFERENCES.join(', ')})`,
    );
  }
  const warnings: string[] = [];
  for (const loader of loaders.slice(start)) {
    try {
      log(`trying backend ${loader.label}`);
      const loaded = await loader.load({ requested: loader.backend === preference });
      await smokeTest();
      registerTrainingKernels();
      // One backend per job: a Dawn instance left from trying webgpu would keep polling the CPU.
      if (loader.backend !== 'webgpu') releaseWebGpu();
      log(`using backend ${loaded.detail}`);
      const adapter = loaded.adapter ? { adapter: loaded.adapter } : {};
      return { name: loader.backend, device: loaded.device, detail: loaded.detail, warnings, ...adapter };
    } catch (error) {
      if (loader.backend === 'webgpu') releaseWebGpu();
      const warning = describeFailure(loader.label, error);
      warnings.push(warning);
      log(warning);
    }
  }
  throw new Error(`no TensorFlow.js backend could be used: ${warnings.join('; ')}`);
}

/**
 * The backend for work that reads tensors synchronously (attribution, robustness, privacy audits, the server's
 * explanations): the chain without webgpu; asking for webgpu means `auto` without it, with a warning saying why.
 */
export async function selectSynchronousBackend(
  preference: BackendPreference,
  options: LoaderOptions = {},
  log: BackendLog = () => {},
): Promise<SelectedBackend> {
  const loaders = createDefaultLoaders({ ...options, webgpu: false });
  if (preference !== 'webgpu') return selectBackend(preference, loaders, log);
  const warning = `webgpu backend not used: this work makes ${SYNCHRONOUS_READ_MESSAGE}. Trying the next backend.`;
  log(warning);
  const selected = await selectBackend('auto', loaders, log);
  return { ...selected, warnings: [warning, ...selected.warnings] };
}

function describeFailure(label: string, error: unknown): string {
  const fix = error instanceof BackendUnavailable && error.fix ? `: ${error.fix}` : '';
  return `${label} backend unavailable, ${errorMessage(error)}${fix}. Trying the next backend.`;
}

/**
 * A tiny forward and backward pass, checked against the answer: a backend that loads but computes wrongly
 * (a broken driver, a half-installed binding) must not train a model. Read with `data()`: webgpu in Node has no
 * synchronous read.
 */
async function smokeTest(): Promise<void> {
  const x = [[1, 2]];
  const f = (weights: tf.Tensor) => tf.sum(tf.matMul(tf.tensor2d(x), weights as tf.Tensor2D));
  const value = (await readAndDispose(tf.tidy(() => f(tf.tensor2d([[3], [4]])))))[0];
  if (value !== 11) throw new BackendUnavailable(`failed a smoke test (1·3 + 2·4 gave ${value})`);
  const gradient = Array.from(await readAndDispose(tf.tidy(() => tf.grad(f)(tf.tensor2d([[3], [4]])))));
  if (gradient[0] !== 1 || gradient[1] !== 2)
    throw new BackendUnavailable(`failed a smoke test (gradient ${gradient.join(',')}, expected 1,2)`);
}

async function readAndDispose(tensor: tf.Tensor): Promise<Float32Array> {
  try {
    return (await tensor.data()) as Float32Array;
  } finally {
    tensor.dispose();
  }
}
