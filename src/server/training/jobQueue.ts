import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { ResponseError, type Connection, type WorkDoneProgressServerReporter } from 'vscode-languageserver/node';
import { URI } from 'vscode-uri';
import type { SelectedBackend } from '../../engine/compute/types';
import type { EpochMetrics } from '../../engine/runs/types';
import { startTrainingWorker, type TrainingWorkerHandle } from '../../engine/training/workerClient';
import type { TrainingConfig } from '../../engine/training/types';
import { TrainingEventNotification, type StartTrainingParams, type StartTrainingResult, type TrainingEvent } from '../../shared/protocol';
import type { RmlSettings } from '../../shared/settings';
import type { WorkspaceConfigs } from '../workspaceConfig';

interface Job {
  /** A queue id until the job starts; then the run's id, which is its directory's name (what panels match on). */
  runId: string;
  params: StartTrainingParams;
  datasetPath: string;
  handle?: TrainingWorkerHandle;
  cancelled: boolean;
}

export interface TrainingJobsOptions {
  connection: Connection;
  configs: WorkspaceConfigs;
  settings: () => Promise<RmlSettings>;
  /** `dist/trainingWorker.js`, next to the server bundle. */
  workerScript: string;
  /** Where "Enable GPU Acceleration" installed the native TensorFlow package (from the client's initializationOptions). */
  nativeModuleDirs: string[];
  /** Reports the backend in the status bar while a job runs. */
  onBackend: (backend: string | undefined) => void;
}

/**
 * Training jobs of the server: each in its own worker thread so the server never blocks; one job per dataset at
 * a time, later ones queue; refused until the workspace is trusted (training executes code and writes files).
 */
export class TrainingJobs {
  private trusted = false;
  private readonly queues = new Map<string, Job[]>();
  private readonly jobs = new Map<string, Job>();
  private running = 0;

  constructor(private readonly options: TrainingJobsOptions) {}

  setTrusted(trusted: boolean): void {
    this.trusted = trusted;
  }

  start(params: StartTrainingParams): StartTrainingResult {
    if (!this.trusted) throw new ResponseError(1, 'Training runs code on your machine: trust this workspace first (Workspaces: Manage Workspace Trust).');
    const datasetPath = URI.parse(params.datasetUri).fsPath;
    const job: Job = { runId: `queued-${randomUUID().slice(0, 8)}`, params, datasetPath, cancelled: false };
    const queue = this.queues.get(datasetPath) ?? [];
    queue.push(job);
    this.queues.set(datasetPath, queue);
    this.jobs.set(job.runId, job);
    const queuedBehind = queue.length - 1;
    this.emit({ kind: 'queued', runId: job.runId, datasetUri: params.datasetUri, position: queuedBehind });
    if (queuedBehind === 0) void this.runQueue(datasetPath);
    return { runId: job.runId, queuedBehind };
  }

  cancel(runId: string): boolean {
    const job = this.jobs.get(runId);
    if (!job) return false;
    job.cancelled = true;
    if (job.handle) job.handle.cancel();
    else this.finishQueued(job);
    return true;
  }

  private finishQueued(job: Job): void {
    const queue = this.queues.get(job.datasetPath) ?? [];
    const index = queue.indexOf(job);
    if (index > 0) queue.splice(index, 1);
    this.jobs.delete(job.runId);
    this.emit({ kind: 'finished', runId: job.runId, state: 'cancelled' });
  }

  private async runQueue(datasetPath: string): Promise<void> {
    const queue = this.queues.get(datasetPath);
    while (queue && queue.length > 0) {
      const job = queue[0]!;
      if (!job.cancelled) await this.runJob(job);
      queue.shift();
      for (const [id, known] of this.jobs) if (known === job) this.jobs.delete(id);
    }
    this.queues.delete(datasetPath);
  }

  private async runJob(job: Job): Promise<void> {
    const progress = await this.options.connection.window.createWorkDoneProgress();
    progress.begin(`Training on ${path.basename(job.datasetPath)}`, 0, 'starting…', true);
    progress.token.onCancellationRequested(() => this.cancel(job.runId));
    this.running++;
    try {
      const config = await this.trainingConfig(job);
      job.handle = startTrainingWorker(this.options.workerScript, config, this.hooksFor(job, progress, config));
      const result = await job.handle.result;
      this.emit({ kind: 'finished', runId: job.runId, runDir: result.runDir, state: result.state });
    } catch (error) {
      const runDir = (error as { runDir?: string }).runDir;
      const message = (error as Error).message;
      this.options.connection.console.error(`Training ${job.runId} failed: ${message}`);
      this.emit({ kind: 'finished', runId: job.runId, ...(runDir ? { runDir } : {}), state: 'failed', error: message });
    } finally {
      progress.done();
      if (--this.running === 0) this.options.onBackend(undefined);
    }
  }

  private hooksFor(job: Job, progress: WorkDoneProgressServerReporter, config: TrainingConfig) {
    const epochs = config.epochs ?? 10;
    let runDir = '';
    return {
      onStarted: (run: { id: string; runDir: string; backend: SelectedBackend }) => {
        runDir = run.runDir;
        job.runId = run.id;
        this.jobs.set(run.id, job);
        this.options.onBackend(`${run.backend.name} (${run.backend.device})`);
        // With `auto`, falling back from an absent native package is the normal case: log it. A backend the user
        // asked for that could not be had deserves a visible warning naming the fix.
        const asked = config.backend ?? 'auto';
        for (const warning of run.backend.warnings) {
          if (asked !== 'auto' && asked !== run.backend.name) void this.options.connection.window.showWarningMessage(warning);
          else this.options.connection.console.info(`[training ${run.id}] ${warning}`);
        }
        this.emit({ kind: 'started', runId: job.runId, runDir, backend: run.backend.detail, warnings: run.backend.warnings });
      },
      onEpoch: (metrics: EpochMetrics) => {
        const accuracy = (metrics.validationAccuracy * 100).toFixed(1);
        progress.report(Math.round((metrics.epoch / epochs) * 100), `epoch ${metrics.epoch}/${metrics.epochs}, validation accuracy ${accuracy} %`);
        this.emit({ kind: 'epoch', runId: job.runId, runDir, metrics });
      },
      onLog: (line: string) => {
        this.options.connection.console.info(`[training ${job.runId}] ${line}`);
        this.emit({ kind: 'log', runId: job.runId, line });
      },
    };
  }

  private async trainingConfig(job: Job): Promise<TrainingConfig> {
    const settings = await this.options.settings();
    const folder = this.options.configs.folderOf(job.datasetPath) ?? path.dirname(job.datasetPath);
    const { params } = job;
    return {
      dataset: job.datasetPath,
      label: params.label,
      ...(params.text ? { text: params.text } : { features: params.features ?? [] }),
      sensitive: params.sensitive,
      ...(params.privileged?.length ? { privileged: params.privileged } : {}),
      ...(params.epochs ? { epochs: params.epochs } : {}),
      ...(params.seed !== undefined ? { seed: params.seed } : {}),
      backend: settings.compute.backend,
      extraModuleDirs: this.options.nativeModuleDirs,
      wasmDir: path.join(path.dirname(this.options.workerScript), 'wasm'),
      runsRoot: path.join(folder, '.rml', 'runs'),
    };
  }

  private emit(event: TrainingEvent): void {
    void this.options.connection.sendNotification(TrainingEventNotification.method, event);
  }
}
