import { existsSync, promises as fs } from 'node:fs';
import path from 'node:path';
import type { Connection } from 'vscode-languageserver/node';
import { AttributionCancelled, startAttributionWorker, type AttributionWorkerOptions } from '../../engine/attribution';
import { RUN_FILES } from '../../engine/runs';
import type { RunAttribution } from '../../shared/attribution';
import type { RunAttributionResult } from '../../shared/protocol';
import type { RunRegistry } from '../runs/runRegistry';

/**
 * Each completed run's `attribution.json`: computed in a worker thread right after training (and on request for
 * runs trained before there was one), read from the run's folder afterwards. Computing runs the run's model on its
 * dataset, so it waits for Workspace Trust as training does.
 */
export class RunAttributions {
  private readonly inFlight = new Map<string, Promise<RunAttribution>>();
  private readonly failed = new Map<string, string>();

  constructor(
    private readonly runs: RunRegistry,
    private readonly connection: Connection,
    private readonly worker: { script: string; options: () => Promise<AttributionWorkerOptions> },
    private readonly trusted: () => boolean,
  ) {}

  /** A training job completed: compute its attribution now, so the panel finds it ready. */
  runCompleted(runId: string): void {
    if (this.trusted()) void this.compute(runId).catch(() => {});
  }

  async read(runId: string): Promise<RunAttributionResult> {
    const dir = this.runs.dirOf(runId);
    const file = path.join(dir, RUN_FILES.attribution);
    if (existsSync(file))
      return { attribution: JSON.parse(await fs.readFile(file, 'utf8')) as RunAttribution, pending: false };
    const failure = this.failed.get(runId);
    if (failure && !this.inFlight.has(runId)) return { attribution: null, pending: false, error: failure };
    if (!this.inFlight.has(runId) && !this.trusted()) {
      return {
        attribution: null,
        pending: false,
        error: 'Computing global importance runs the model on your data: trust this workspace first.',
      };
    }
    try {
      return { attribution: await this.compute(runId), pending: false };
    } catch (error) {
      return { attribution: null, pending: false, error: (error as Error).message };
    }
  }

  private compute(runId: string): Promise<RunAttribution> {
    const running = this.inFlight.get(runId);
    if (running) return running;
    const started = (async () => {
      const handle = startAttributionWorker(
        this.worker.script,
        { task: 'run-attribution', runDir: this.runs.dirOf(runId) },
        await this.worker.options(),
      );
      return handle.result;
    })();
    this.inFlight.set(runId, started);
    this.failed.delete(runId);
    started
      .then(
        (attribution) => {
          const gap = attribution.counterfactual
            ? `, counterfactual gap ${attribution.counterfactual.gap.toFixed(4)}`
            : '';
          this.connection.console.info(
            `[attribution ${runId}] global importance on ${attribution.globalImportance.examples} test examples${gap}`,
          );
        },
        (error: unknown) => {
          const message = error instanceof AttributionCancelled ? 'cancelled' : (error as Error).message;
          this.failed.set(runId, message);
          this.connection.console.warn(`[attribution ${runId}] not recorded: ${message}`);
        },
      )
      .finally(() => this.inFlight.delete(runId));
    return started;
  }
}
