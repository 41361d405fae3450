import path from 'node:path';
import { openRunModel, type RunModel } from '../../engine/attribution';
import { selectSynchronousBackend } from '../../engine/compute';
import type { RmlSettings } from '../../shared/settings';
import type { RunRegistry } from '../runs/runRegistry';

/** Models kept loaded, most recently used last: explaining row after row of one run must not reload it. */
const KEPT = 3;

/**
 * The run models the server explains with, loaded on first use (the tfjs backend chosen once, from the
 * `compute.backend` setting) and kept for the next requests.
 */
export class RunModels {
  private readonly loaded = new Map<string, Promise<RunModel>>();
  private backend: Promise<unknown> | undefined;

  constructor(
    private readonly runs: RunRegistry,
    private readonly settings: () => Promise<RmlSettings>,
    private readonly options: { wasmDir: string; extraModuleDirs: string[]; log: (line: string) => void },
  ) {}

  async get(runId: string): Promise<RunModel> {
    const dir = this.runs.dirOf(runId);
    await (this.backend ??= this.selectBackend());
    let model = this.loaded.get(dir);
    if (model) this.loaded.delete(dir);
    else model = openRunModel(dir);
    this.loaded.set(dir, model);
    model.catch(() => this.loaded.delete(dir));
    this.evict();
    return model;
  }

  private async selectBackend(): Promise<unknown> {
    const settings = await this.settings();
    // Never webgpu here: explanations read tensors synchronously, and a Dawn device would poll the CPU for as long
    // as the language server lives.
    const loaders = { wasmDir: this.options.wasmDir, extraModuleDirs: this.options.extraModuleDirs };
    return selectSynchronousBackend(settings.compute.backend, loaders, this.options.log);
  }

  private evict(): void {
    while (this.loaded.size > KEPT) {
      const [oldest, model] = this.loaded.entries().next().value as [string, Promise<RunModel>];
      this.loaded.delete(oldest);
      void model.then(
        (run) => run.model.dispose(),
        () => {},
      );
    }
  }
}

/** The wasm binaries are copied next to the server bundle. */
export function bundledWasmDir(): string {
  return path.join(__dirname, 'wasm');
}
