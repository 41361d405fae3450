import path from 'node:path';
import { ResponseError, type Connection, type WorkDoneProgressServerReporter } from 'vscode-languageserver/node';
import { URI } from 'vscode-uri';
import { runId as newRunId } from '../../engine/runs';
import { datasetSettingsFor } from '../../engine/config';
import { relativeToRoot } from '../../engine/findings';
import {
  startTrainingWorker,
  thresholdsFromSettings,
  type TrainingConfig,
  type TrainingWorkerHandle,
} from '../../engine/training';
import { TrainingEventNotification, type StartTrainingParams, type StartTrainingResult } from '../../shared/protocol';
import { backendLabel } from '../../shared/compute';
import type { TrainingEvent } from '../../shared/runs';
import type { RmlSettings } from '../../shared/settings';
import type { RunRegistry } from '../runs/runRegistry';
import { runsRootOf } from '../runs/runRegistry';
import type { WorkspaceConfigs } from '../workspaceConfig';

interface Job {
  /** Chosen when the job is queued; the run's folder gets this name and every event carries it. */
  runId: string;
  params: StartTrainingParams;
  datasetPath: string;
  handle?: TrainingWorkerHandle;
  cancelled: boolean;
}

export interface TrainingJobsOptions {
  connection: Connection;
  configs: WorkspaceConfigs;
  runs: RunRegistry;
  settings: () => Promise<RmlSettings>;
  /** `dist/trainingWorker.js`, next to the server bundle. */
  workerScript: string;
  /** Where "Enable GPU Acceleration" installed the native TensorFlow package (from the client's initializationOptions). */
  nativeModuleDirs: string[];
  /** Reports the backend in the status bar while a job runs. */
  onBackend: (backend: string | undefined) => void;
  /** A job completed (its run folder holds the model): e.g. compute the run's attribution. */
  onCompleted?: (runId: string) => void;
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
  /** The running job's backend label, to which a DP-SGD run adds the ε it has spent. */
  private backendLabel: string | undefined;

  constructor(private readonly options: TrainingJobsOptions) {}

  setTrusted(trusted: boolean): void {
    this.trusted = trusted;
  }

  start(params: StartTrainingParams): StartTrainingResult {
    if (!this.trusted) {
      throw new ResponseError(
        1,
        'Training runs code on your machine: trust this workspace first (Workspaces: Manage Workspace Trust).',
      );
    }
    const datasetPath = URI.parse(params.datasetUri).fsPath;
    const job: Job = { runId: newRunId(), params, datasetPath, cancelled: false };
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
      this.jobs.delete(job.runId);
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
      job.handle = startTrainingWorker(this.options.workerScript, config, (event) =>
        this.onJobEvent(event, progress, config),
      );
      const outcome = await job.handle.outcome;
      if (outcome.state === 'failed')
        this.options.connection.console.error(`Training ${job.runId} failed: ${outcome.error ?? ''}`);
    } catch (error) {
      const message = (error as Error).message;
      this.options.connection.console.error(`Training ${job.runId} failed: ${message}`);
      this.emit({ kind: 'finished', runId: job.runId, state: 'failed', error: message });
    } finally {
      progress.done();
      if (--this.running === 0) this.options.onBackend(undefined);
    }
  }

  /** Forwards a job's event unchanged, and shows its progress and backend on the way. */
  private onJobEvent(event: TrainingEvent, progress: WorkDoneProgressServerReporter, config: TrainingConfig): void {
    if (event.kind === 'started') this.onStarted(event, config);
    if (event.kind === 'epoch') {
      const { epoch, epochs, validationAccuracy } = event.metrics;
      const accuracy = (validationAccuracy * 100).toFixed(1);
      // DP-SGD runs: the privacy budget spent so far, in the progress and (with the backend) in the status bar.
      const spent = event.metrics.privacy ? `, ε ${event.metrics.privacy.epsilon.toFixed(2)}` : '';
      progress.report(
        Math.round((epoch / epochs) * 100),
        `epoch ${epoch}/${epochs}, validation accuracy ${accuracy} %${spent}`,
      );
      if (event.metrics.privacy && this.backendLabel)
        this.options.onBackend(`${this.backendLabel} · ε ${event.metrics.privacy.epsilon.toFixed(2)}`);
    }
    if (event.kind === 'log') this.options.connection.console.info(`[training ${event.runId}] ${event.line}`);
    this.emit(event);
  }

  private onStarted(event: Extract<TrainingEvent, { kind: 'started' }>, config: TrainingConfig): void {
    const { backend } = event;
    this.backendLabel = backendLabel(backend); // e.g. "WebGPU · NVIDIA GeForce RTX 3060", "wasm · CPU"
    this.options.onBackend(this.backendLabel);
    // With `auto`, falling back from an absent native package is the normal case: log it. A backend the user
    // asked for that could not be had deserves a visible warning naming the fix.
    const asked = config.backend ?? 'auto';
    for (const warning of backend.warnings) {
      if (asked !== 'auto' && asked !== backend.name) void this.options.connection.window.showWarningMessage(warning);
      else this.options.connection.console.info(`[training ${event.runId}] ${warning}`);
    }
  }

  private async trainingConfig(job: Job): Promise<TrainingConfig> {
    const settings = await this.options.settings();
    const loaded = await this.options.configs.forFile(job.datasetPath);
    const folder = loaded.root;
    this.options.runs.addFolder(folder);
    const { datasetUri: _uri, ...request } = job.params;
    // `.rml.json`'s thresholds judge the run's disparities, as `rml train` would judge them.
    const dataset = datasetSettingsFor(loaded.config.dataset, relativeToRoot(loaded.root, job.datasetPath));
    return {
      fairnessThresholds: thresholdsFromSettings(dataset),
      ...request,
      dataset: job.datasetPath,
      runId: job.runId,
      backend: settings.compute.backend,
      extraModuleDirs: this.options.nativeModuleDirs,
      wasmDir: path.join(path.dirname(this.options.workerScript), 'wasm'),
      runsRoot: runsRootOf(folder),
    };
  }

  private emit(event: TrainingEvent): void {
    void this.options.connection.sendNotification(TrainingEventNotification.type, event);
    if (event.kind === 'finished' && event.state === 'completed') this.options.onCompleted?.(event.runId);
  }
}
