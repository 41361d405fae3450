import type { BackendName, GpuAdapter } from '../../shared/compute';

export {
  BACKEND_NAMES,
  BACKEND_PREFERENCES,
  backendLabel,
  type BackendName,
  type BackendPreference,
  type GpuAdapter,
  type SelectedBackend,
} from '../../shared/compute';

/** What a loader reports once its backend is the active tfjs backend. */
export interface LoadedBackend {
  device: 'gpu' | 'cpu';
  detail: string;
  adapter?: GpuAdapter;
}

/** How a loader is asked to load. */
export interface LoadContext {
  /** The user named this backend (setting or `--backend`), rather than `auto` reaching it: webgpu then accepts a CPU adapter. */
  requested: boolean;
}

/**
 * Makes one candidate the active tfjs backend. Throws `BackendUnavailable` (or anything else) when it cannot;
 * the message becomes a warning, and selection moves on to the next candidate.
 */
export interface BackendLoader {
  /** Label used in warnings, e.g. "tensorflow (CUDA)". */
  label: string;
  backend: BackendName;
  load(context: LoadContext): Promise<LoadedBackend>;
}

/** Candidates in the order `auto` tries them. Injected in tests (present / absent / throws). */
export type BackendLoaders = readonly BackendLoader[];

/** A backend that cannot be used here, with the fix the user can apply. */
export class BackendUnavailable extends Error {
  override readonly name = 'BackendUnavailable';
  constructor(
    message: string,
    /** What the user can do about it, e.g. "run 'Responsible ML: Enable GPU Acceleration'". */
    readonly fix?: string,
  ) {
    super(message);
  }
}

export type BackendLog = (line: string) => void;
