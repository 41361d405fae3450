import * as tf from '@tensorflow/tfjs';
import { registerTrainingKernels } from './kernels';
import { createDefaultLoaders, errorMessage } from './loaders';
import {
  BackendUnavailable,
  type BackendLoaders,
  type BackendLog,
  type BackendPreference,
  type SelectedBackend,
} from './types';

export const defaultLoaders: BackendLoaders = createDefaultLoaders();

/**
 * Makes the best available backend the active tfjs backend, once per job. `auto` tries every loader in order; a named
 * preference starts the chain at that backend. A loader that is absent, throws, or fails the smoke test becomes a
 * warning naming the backend and the fix, and the next one is tried. Throws only when even `cpu` fails.
 */
export async function selectBackend(
  preference: BackendPreference,
  loaders: BackendLoaders = defaultLoaders,
  log: BackendLog = () => {},
): Promise<SelectedBackend> {
  const start = preference === 'auto' ? 0 : loaders.findIndex((loader) => loader.backend === preference);
  if (start < 0) throw new Error(`unknown backend '${preference}' (expected auto, tensorflow, wasm or cpu)`);
  const warnings: string[] = [];
  for (const loader of loaders.slice(start)) {
    try {
      log(`trying backend ${loader.label}`);
      const loaded = await loader.load();
      smokeTest();
      registerTrainingKernels();
      log(`using backend ${loaded.detail}`);
      return { name: loader.backend, device: loaded.device, detail: loaded.detail, warnings };
    } catch (error) {
      const warning = describeFailure(loader.label, error);
      warnings.push(warning);
      log(warning);
    }
  }
  throw new Error(`no TensorFlow.js backend could be used: ${warnings.join('; ')}`);
}

function describeFailure(label: string, error: unknown): string {
  const fix = error instanceof BackendUnavailable && error.fix ? `: ${error.fix}` : '';
  return `${label} backend unavailable, ${errorMessage(error)}${fix}. Trying the next backend.`;
}

/**
 * A tiny forward and backward pass, checked against the answer: a backend that loads but computes wrongly
 * (a broken driver, a half-installed binding) must not train a model.
 */
function smokeTest(): void {
  const x = [[1, 2]];
  const f = (weights: tf.Tensor) => tf.sum(tf.matMul(tf.tensor2d(x), weights as tf.Tensor2D));
  const value = tf.tidy(() => f(tf.tensor2d([[3], [4]])).dataSync()[0]);
  if (value !== 11) throw new BackendUnavailable(`failed a smoke test (1·3 + 2·4 gave ${value})`);
  const gradient = tf.tidy(() =>
    Array.from(
      tf
        .grad(f)(tf.tensor2d([[3], [4]]))
        .dataSync(),
    ),
  );
  if (gradient[0] !== 1 || gradient[1] !== 2)
    throw new BackendUnavailable(`failed a smoke test (gradient ${gradient.join(',')}, expected 1,2)`);
}
