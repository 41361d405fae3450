/** Compute backends as a run records them and the status bar and run panel show them. */

/** The TensorFlow.js backends a training job can run on, fastest first. */
export type BackendName = 'tensorflow' | 'wasm' | 'cpu';

/** What the user asks for: `auto` tries every backend in order; a name forces that one (falling back with a warning). */
export type BackendPreference = 'auto' | BackendName;

/** The backend a job runs on, recorded in the run's config and shown in the status bar. */
export interface SelectedBackend {
  name: BackendName;
  device: 'gpu' | 'cpu';
  /** One line for people, e.g. "wasm (SIMD, 1 thread)" or "tensorflow (CUDA, @tensorflow/tfjs-node-gpu 4.22.0)". */
  detail: string;
  /** Why faster backends were skipped, each naming the backend and the fix. */
  warnings: string[];
}
