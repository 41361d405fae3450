import os from 'node:os';
import path from 'node:path';
import { writeJsonAtomic } from '../io';
import { appendMetrics, HEARTBEAT_INTERVAL_MS, writeRunStatus } from '../runs';
import {
  RUN_FILES,
  type EpochMetrics,
  type FinalRunState,
  type RunConfigRecord,
  type RunReport,
  type RunStatus,
} from '../../shared/runs';

/**
 * Writes one run directory as the job goes: status first, then config, one metrics line per epoch, the report.
 * While the run is open, `status.json` gets a heartbeat every few seconds, so a reader can tell a dead job
 * (killed, crashed, its pid reused) from a slow one.
 */
export class RunRecorder {
  readonly epochs: EpochMetrics[] = [];
  private status: RunStatus;
  private heartbeat: NodeJS.Timeout | undefined;
  /** Status writes run one after another, so a heartbeat never overwrites a later state. */
  private writes: Promise<void> = Promise.resolve();

  constructor(
    readonly id: string,
    readonly dir: string,
    epochCount: number,
    now: Date = new Date(),
  ) {
    const startedAt = now.toISOString();
    this.status = {
      state: 'running',
      startedAt,
      updatedAt: startedAt,
      heartbeatAt: startedAt,
      epochsCompleted: 0,
      epochs: epochCount,
      pid: process.pid,
      host: os.hostname(),
    };
  }

  async start(): Promise<void> {
    await this.writeStatus();
    this.heartbeat = setInterval(() => void this.beat(), HEARTBEAT_INTERVAL_MS);
    this.heartbeat.unref();
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

  /** The final state; the process fields and the heartbeat go, since nothing runs any more. */
  async finish(state: FinalRunState, error?: string): Promise<void> {
    clearInterval(this.heartbeat);
    this.heartbeat = undefined;
    const finishedAt = new Date().toISOString();
    const { pid: _pid, host: _host, heartbeatAt: _beat, ...rest } = this.status;
    this.status = { ...rest, state, updatedAt: finishedAt, finishedAt, ...(error === undefined ? {} : { error }) };
    await this.writeStatus();
  }

  private async beat(): Promise<void> {
    if (this.status.state !== 'running') return;
    this.status = { ...this.status, heartbeatAt: new Date().toISOString() };
    await this.writeStatus().catch(() => undefined);
  }

  private async update(change: Partial<RunStatus>): Promise<void> {
    const now = new Date().toISOString();
    this.status = { ...this.status, ...change, updatedAt: now, heartbeatAt: now };
    await this.writeStatus();
  }

  private writeStatus(): Promise<void> {
    const status = this.status;
    // A failed earlier write has already failed its own caller; it must not stop the later ones.
    this.writes = this.writes.catch(() => undefined).then(() => writeRunStatus(this.dir, status));
    return this.writes;
  }
}
