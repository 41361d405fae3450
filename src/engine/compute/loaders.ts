import * as tf from '@tensorflow/tfjs';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import {
  missingCudaLibraries,
  NATIVE_PACKAGES,
  platformSupports,
  requireNativePackage,
  resolveNativePackage,
  type NativePackage,
} from './nativeModule';
import { BackendUnavailable, type BackendLoader, type BackendLoaders, type LoadedBackend } from './types';
import { machineWebGpuDeps, webgpuLoader, type WebGpuDeps } from './webgpu';

export const ENABLE_GPU_FIX = "run 'Responsible ML: Enable GPU Acceleration'";
export const CUDA_FIX = 'install CUDA 11.8 and cuDNN 8.6 (see the tfjs-node-gpu README), or keep training on the CPU';

export interface LoaderOptions {
  /** Directories where `npm install --prefix DIR` put the native package (the extension's global storage). */
  extraModuleDirs?: readonly string[];
  /** Directory holding the `.wasm` binaries: `dist/wasm` next to the bundle, or the package's `dist/` when unbundled. */
  wasmDir?: string;
  /** XNNPACK threads for wasm; only used where tfjs-backend-wasm supports threads (browsers, not Node: tfjs#3830). */
  threads?: number;
  /**
   * Dawn and the Vulkan check for the webgpu loader (tests inject fakes), or `false` to leave webgpu out: a
   * long-lived process (the language server) must not hold a Dawn instance, which polls the CPU while it lives.
   */
  webgpu?: WebGpuDeps | false;
}

/** The `.wasm` binaries inside the installed package: what unit tests and the CLI run from source use. */
export function packagedWasmDir(): string {
  return path.join(
    path.dirname(createRequire(__filename).resolve('@tensorflow/tfjs-backend-wasm/package.json')),
    'dist',
  );
}

/** tensorflow (CUDA) → webgpu (a hardware adapter) → tensorflow (CPU, native) → wasm → cpu, configured for this machine. */
export function createDefaultLoaders(options: LoaderOptions = {}): BackendLoaders {
  const extraModuleDirs = options.extraModuleDirs ?? [];
  const webgpu = options.webgpu === false ? [] : [webgpuLoader(options.webgpu ?? machineWebGpuDeps(extraModuleDirs))];
  return [
    nativeLoader(NATIVE_PACKAGES.gpu, extraModuleDirs),
    ...webgpu,
    nativeLoader(NATIVE_PACKAGES.cpu, extraModuleDirs),
    wasmLoader(options.wasmDir ?? defaultWasmDir(), options.threads ?? os.availableParallelism()),
    cpuLoader(),
  ];
}

/** Bundled (dist/trainingWorker.js, dist/cli.js): dist/wasm beside it; from source: the package's own binaries. */
function defaultWasmDir(): string {
  const besideBundle = path.join(__dirname, 'wasm');
  if (existsSync(besideBundle)) return besideBundle;
  try {
    return packagedWasmDir();
  } catch {
    return besideBundle; // Neither exists: the wasm loader reports the missing binaries and the job falls back to cpu.
  }
}

function nativeLoader(packageName: NativePackage, extraModuleDirs: readonly string[]): BackendLoader {
  const gpu = packageName === NATIVE_PACKAGES.gpu;
  return {
    label: gpu ? 'tensorflow (CUDA)' : 'tensorflow (native CPU)',
    backend: 'tensorflow',
    async load(): Promise<LoadedBackend> {
      if (!platformSupports(packageName)) {
        throw new BackendUnavailable(`${packageName} has no build for ${process.platform}-${process.arch}`);
      }
      const resolved = resolveNativePackage(packageName, extraModuleDirs);
      if (!resolved) throw new BackendUnavailable(`${packageName} is not installed`, ENABLE_GPU_FIX);
      if (gpu) {
        const missing = missingCudaLibraries();
        if (missing.length > 0) {
          throw new BackendUnavailable(`CUDA 11.8/cuDNN 8.6 not found (${missing.join(', ')})`, CUDA_FIX);
        }
      }
      let version: string | undefined;
      try {
        version = requireNativePackage(resolved).version;
      } catch (error) {
        throw new BackendUnavailable(
          `${packageName} failed to load: ${errorMessage(error)}`,
          `reinstall it: ${ENABLE_GPU_FIX}`,
        );
      }
      if (!(await tf.setBackend('tensorflow'))) {
        throw new BackendUnavailable(`${packageName} loaded but its backend did not initialise`, ENABLE_GPU_FIX);
      }
      const where = gpu ? 'CUDA' : 'native CPU';
      return {
        device: gpu ? 'gpu' : 'cpu',
        detail: `tensorflow (${where}, ${packageName}${version ? ` ${version}` : ''})`,
      };
    },
  };
}

function wasmLoader(wasmDir: string, threads: number): BackendLoader {
  return {
    label: 'wasm',
    backend: 'wasm',
    async load(): Promise<LoadedBackend> {
      // Imported on demand: importing registers 'wasm' as tfjs' preferred backend, which would change the default
      // for every other user of tfjs in the process before any job asked for it.
      const { getThreadsCount, setThreadsCount, setWasmPaths } = await import('@tensorflow/tfjs-backend-wasm');
      if (!tf.findBackend('wasm')) {
        if (!existsSync(path.join(wasmDir, 'tfjs-backend-wasm.wasm'))) {
          throw new BackendUnavailable(
            `the .wasm binaries are not in ${wasmDir}`,
            'reinstall the extension (or rebuild: npm run build)',
          );
        }
        setWasmPaths(wasmDir.endsWith(path.sep) || wasmDir.endsWith('/') ? wasmDir : `${wasmDir}/`);
        setThreadsCount(threads);
      }
      if (!(await tf.setBackend('wasm'))) {
        throw new BackendUnavailable(
          `the wasm backend failed to initialise from ${wasmDir}`,
          'reinstall the extension',
        );
      }
      const simd = await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT');
      const actualThreads = getThreadsCount();
      return {
        device: 'cpu',
        detail: `wasm (${simd ? 'SIMD' : 'no SIMD'}, ${actualThreads} thread${actualThreads === 1 ? '' : 's'})`,
      };
    },
  };
}

function cpuLoader(): BackendLoader {
  return {
    label: 'cpu',
    backend: 'cpu',
    async load(): Promise<LoadedBackend> {
      if (!(await tf.setBackend('cpu'))) throw new BackendUnavailable('the cpu backend failed to initialise');
      return { device: 'cpu', detail: 'cpu (plain JavaScript)' };
    },
  };
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
