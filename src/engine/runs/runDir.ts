import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { writeFileAtomically, writeJsonAtomic, processIsAlive } from '../io';
import {
  RUN_FILES,
  type EpochMetrics,
  type RunConfigRecord,
  type RunRecord,
  type RunReport,
  type RunStatus,
  type RunSummary,
} from '../../shared/runs';
import type { RunMitigation, RunRobustness, RunThresholds } from '../../shared/mitigation';

/** Default root of run directories, relative to the workspace (or the CLI's current directory). */
export const DEFAULT_RUNS_ROOT = path.join('.rml', 'runs');

/** `20261123-145123-3fa2c1`: sorts by start time, unique within a second. */
export function runId(now: Date = new Date()): string {
  const stamp = now.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
  return `${stamp}-${randomBytes(3).toString('hex')}`;
}

const RUN_ID = /^\d{8}-\d{6}-[0-9a-f]{6}$/;

/** Whether `id` has the shape `runId` gives: a folder name, never a path (ids arrive from other processes). */
export function isRunId(id: string): boolean {
  return RUN_ID.test(id);
}

/**
 * Creates `<root>/<id>/` and returns its id and path. With an `id` chosen earlier (the server's queue names the
 * run when it queues it), that folder must not exist yet; without one, a fresh id is drawn until one is free.
 */
export async function createRunDir(
  root: string,
  id?: string,
  now: Date = new Date(),
): Promise<{ id: string; dir: string }> {
  if (id !== undefined && !isRunId(id))
    throw new Error(`'${id}' is not a run id (expected e.g. 20261123-145123-3fa2c1)`);
  await mkdir(root, { recursive: true });
  for (;;) {
    const candidate = id ?? runId(now);
    const dir = path.join(root, candidate);
    try {
      await mkdir(dir);
      return { id: candidate, dir };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      if (id !== undefined) throw new Error(`${dir} already exists: a run id is used once`);
    }
  }
}

/** Adds one epoch's line to `metrics.jsonl`, rewriting the small file atomically so no reader sees half a line. */
export async function appendMetrics(dir: string, metrics: EpochMetrics): Promise<void> {
  const file = path.join(dir, RUN_FILES.metrics);
  const before = existsSync(file) ? await readFile(file, 'utf8') : '';
  await writeFileAtomically(file, `${before}${JSON.stringify(metrics)}\n`);
}

export async function writeRunStatus(dir: string, status: RunStatus): Promise<void> {
  await writeJsonAtomic(path.join(dir, RUN_FILES.status), status);
}

/** The runs under `root`, newest first; directories without `status.json` (not runs, or being created) are skipped. */
export async function listRuns(root: string): Promise<RunSummary[]> {
  if (!existsSync(root)) return [];
  const entries = await readdir(root, { withFileTypes: true });
  const summaries: RunSummary[] = [];
  for (const entry of entries.filter((item) => item.isDirectory() && !item.name.startsWith('.'))) {
    const dir = path.join(root, entry.name);
    const status = await readJsonIfPresent<RunStatus>(path.join(dir, RUN_FILES.status));
    if (!status) continue;
    summaries.push(await summarise(entry.name, dir, effectiveStatus(status)));
  }
  return summaries.sort((a, b) => b.id.localeCompare(a.id));
}

async function summarise(id: string, dir: string, status: RunStatus): Promise<RunSummary> {
  const config = await readJsonIfPresent<RunConfigRecord>(path.join(dir, RUN_FILES.config));
  const report = await readJsonIfPresent<RunReport>(path.join(dir, RUN_FILES.report));
  return {
    id,
    state: status.state,
    startedAt: status.startedAt,
    ...(status.finishedAt ? { finishedAt: status.finishedAt } : {}),
    ...(config ? { dataset: config.dataset.path, model: config.model.kind, backend: config.backend.name } : {}),
    ...(report ? { accuracy: report.test.accuracy } : {}),
    ...(status.error ? { error: status.error } : {}),
  };
}

/** Reads a run directory; throws with the file (and line) when one is malformed. */
export async function readRun(dir: string): Promise<RunRecord> {
  const status = await readJsonIfPresent<RunStatus>(path.join(dir, RUN_FILES.status));
  if (!status) throw new Error(`${dir}: not a run directory (no ${RUN_FILES.status})`);
  const config = await readJsonIfPresent<RunConfigRecord>(path.join(dir, RUN_FILES.config));
  const report = await readJsonIfPresent<RunReport>(path.join(dir, RUN_FILES.report));
  return {
    id: path.basename(dir),
    dir,
    status: effectiveStatus(status),
    ...(config ? { config } : {}),
    metrics: await readMetrics(path.join(dir, RUN_FILES.metrics)),
    ...(report ? { report } : {}),
    hasModel: existsSync(path.join(dir, RUN_FILES.model, 'model.json')),
    hasAttribution: existsSync(path.join(dir, RUN_FILES.attribution)),
    ...(await readMitigation(dir)),
  };
}

/** mitigation.json and thresholds.json, when the run has them. */
async function readMitigation(
  dir: string,
): Promise<{ mitigation?: RunMitigation; thresholds?: RunThresholds; robustness?: RunRobustness }> {
  const mitigation = await readJsonIfPresent<RunMitigation>(path.join(dir, RUN_FILES.mitigation));
  const thresholds = await readJsonIfPresent<RunThresholds>(path.join(dir, RUN_FILES.thresholds));
  const robustness = await readJsonIfPresent<RunRobustness>(path.join(dir, RUN_FILES.robustness));
  return {
    ...(mitigation ? { mitigation } : {}),
    ...(thresholds ? { thresholds } : {}),
    ...(robustness ? { robustness } : {}),
  };
}

async function readMetrics(file: string): Promise<EpochMetrics[]> {
  if (!existsSync(file)) return [];
  const lines = (await readFile(file, 'utf8')).split('\n');
  return lines.flatMap((line, index) =>
    line.trim() === '' ? [] : [parseJson<EpochMetrics>(line, `${file}:${index + 1}`)],
  );
}

async function readJsonIfPresent<T>(file: string): Promise<T | undefined> {
  if (!existsSync(file)) return undefined;
  return parseJson<T>(await readFile(file, 'utf8'), file);
}

function parseJson<T>(text: string, where: string): T {
  try {
    return JSON.parse(text) as T;
  } catch (error) {
    throw new Error(`${where}: invalid JSON (${error instanceof Error ? error.message : String(error)})`);
  }
}

/** How often a running job rewrites its heartbeat, and how old one may get before the run counts as dead. */
export const HEARTBEAT_INTERVAL_MS = 5_000;
export const HEARTBEAT_STALE_MS = 60_000;

/**
 * A run still marked running whose process has ended crashed or was killed: say so. The pid alone is not
 * proof of life (pids are reused, and a run may come from another host), so a heartbeat older than
 * `HEARTBEAT_STALE_MS` also means the job is gone.
 */
export function effectiveStatus(status: RunStatus, now: number = Date.now()): RunStatus {
  if (status.state !== 'running') return status;
  const died = (error: string): RunStatus => ({ ...status, state: 'failed', error: status.error ?? error });
  if (status.pid !== undefined && status.host === os.hostname() && !processIsAlive(status.pid)) {
    return died('the training process ended without finishing (crashed or killed)');
  }
  const beat = Date.parse(status.heartbeatAt ?? status.updatedAt);
  if (Number.isFinite(beat) && now - beat > HEARTBEAT_STALE_MS) {
    return died(
      `the training process stopped answering (no heartbeat since ${status.heartbeatAt ?? status.updatedAt})`,
    );
  }
  return status;
}
