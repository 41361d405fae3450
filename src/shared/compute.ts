/** Compute backends as a run records them and the status bar and run panel show them. */

/** The TensorFlow.js backends a training job can run on, in the order `auto` tries them. */
export const BACKEND_NAMES = ['tensorflow', 'webgpu', 'wasm', 'cpu'] as const;

export type BackendName = (typeof BACKEND_NAMES)[number];

/** What the user asks for: `auto` tries every backend in order; a name forces that one (falling back with a warning). */
export type BackendPreference = 'auto' | BackendName;

/** Every preference, as the `--backend` option and the `responsibleML.compute.backend` setting accept them. */
export const BACKEND_PREFERENCES: readonly BackendPreference[] = ['auto', ...BACKEND_NAMES];

/** The WebGPU adapter a job runs on, as the adapter describes itself (`GPUAdapterInfo`). */
export interface GpuAdapter {
  /** e.g. "nvidia", "mesa". */
  vendor: string;
  /** e.g. "ampere", "software". */
  architecture: string;
  /** e.g. "NVIDIA GeForce RTX 3060", "llvmpipe: Mesa 25.0.7 (LLVM 15.0.6)". */
  description: string;
  /** `cpu` for a software adapter (llvmpipe, SwiftShader, WARP): correct, but slower than wasm. */
  type: 'gpu' | 'cpu';
}

/** The backend a job runs on, recorded in the run's config and shown in the status bar. */
export interface SelectedBackend {
  name: BackendName;
  device: 'gpu' | 'cpu';
  /** One line for people, e.g. "wasm (SIMD, 1 thread)" or "tensorflow (CUDA, @tensorflow/tfjs-node-gpu 4.22.0)". */
  detail: string;
  /** Why faster backends were skipped, each naming the backend and the fix. */
  warnings: string[];
  /** The adapter, on the `webgpu` backend. */
  adapter?: GpuAdapter;
}

/** Short label for the status bar and the run panel's badge: "WebGPU · NVIDIA GeForce RTX 3060", "wasm · CPU". */
export function backendLabel(backend: Pick<SelectedBackend, 'name' | 'device' | 'adapter'>): string {
  if (backend.name === 'webgpu') {
    const adapter = backend.adapter;
    // The description's head names the device; driver versions after ':' or '(' belong in the tooltip.
    const name = adapter?.description.split(/:| \(/)[0]?.trim() || adapter?.vendor || 'unknown adapter';
    return `WebGPU · ${name}${adapter?.type === 'cpu' ? ' (CPU)' : ''}`;
  }
  return `${backend.name} · ${backend.device.toUpperCase()}`;
}
