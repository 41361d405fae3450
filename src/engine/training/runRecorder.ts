import os from 'node:os';
import path from 'node:path';
import { writeJsonAtomic } from '../io/atomic';
import { appendMetrics, writeRunStatus } from '../runs/runDir';
import { RUN_FILES, type EpochMetrics, type RunConfigRecord, type RunReport, type RunState, type RunStatus } from '../runs/types';

/** Writes one run directory as the job goes: status first, then config, one metrics line per epoch, the report. */
export class RunRecorder {
  readonly epochs: EpochMetrics[] = [];
  private status: RunStatus;

  constructor(
    readonly id: string,
    readonly dir: string,
    epochCount: number,
    now: Date = new Date(),
  ) {
    const startedAt = now.toISOString();
    this.status = { state: 'running', startedAt, updatedAt: startedAt, epochsCompleted: 0, epochs: epochCount, pid: process.pid, host: os.hostname() };
  }

  async start(): Promise<void> {
    await writeRunStatus(this.dir, this.status);
  }

  async writeConfig(config: RunConfigRecord): Promise<void> {
    await writeJsonAtomic(path.join(this.dir, RUN_FILES.config), config);
  }

  async recordEpoch(metrics: EpochMetrics): Promise<void> {
    await appendMetrics(this.dir, metrics);
    this.epochs.push(metrics);
    await this.update({ epochsCompleted: this.epochs.length });
  }

  async writeReport(report: RunReport): Promise<void> {
    await writeJsonAtomic(path.join(this.dir, RUN_FILES.report), report);
  }

  /** The final state; the process fields go, since nothing runs any more. */
  async finish(state: Exclude<RunState, 'running'>, error?: string): Promise<void> {
    const finishedAt = new Date().toISOString();
    const { pid: _pid, host: _host, ...rest } = this.status;
    this.status = { ...rest, state, updatedAt: finishedAt, finishedAt, ...(error === undefined ? {} : { error }) };
    await writeRunStatus(this.dir, this.status);
  }

  private async update(change: Partial<RunStatus>): Promise<void> {
    this.status = { ...this.status, ...change, updatedAt: new Date().toISOString() };
    await writeRunStatus(this.dir, this.status);
  }
}
