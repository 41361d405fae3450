import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { writeFileAtomically, writeJsonAtomic } from '../io/atomic';
import { RUN_FILES, type EpochMetrics, type RunConfigRecord, type RunRecord, type RunReport, type RunStatus, type RunSummary } from './types';

/** Default root of run directories, relative to the workspace (or the CLI's current directory). */
export const DEFAULT_RUNS_ROOT = path.join('.rml', 'runs');

/** `20261123-145123-3fa2c1`: sorts by start time, unique within a second. */
export function runId(now: Date = new Date()): string {
  const stamp = now.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
  return `${stamp}-${randomBytes(3).toString('hex')}`;
}

/** Creates `<root>/<timestamp>-<short-id>/` and returns its id and path. */
export async function createRunDir(root: string, now: Date = new Date()): Promise<{ id: string; dir: string }> {
  await mkdir(root, { recursive: true });
  for (;;) {
    const id = runId(now);
    const dir = path.join(root, id);
    try {
      await mkdir(dir);
      return { id, dir };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
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
    dir,
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
  const modelDir = path.join(dir, RUN_FILES.model);
  return {
    id: path.basename(dir),
    dir,
    status: effectiveStatus(status),
    ...(config ? { config } : {}),
    metrics: await readMetrics(path.join(dir, RUN_FILES.metrics)),
    ...(report ? { report } : {}),
    ...(existsSync(path.join(modelDir, 'model.json')) ? { modelDir } : {}),
  };
}

async function readMetrics(file: string): Promise<EpochMetrics[]> {
  if (!existsSync(file)) return [];
  const lines = (await readFile(file, 'utf8')).split('\n');
  return lines.flatMap((line, index) => (line.trim() === '' ? [] : [parseJson<EpochMetrics>(line, `${file}:${index + 1}`)]));
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

/** A run still marked running whose process on this host has ended crashed or was killed: say so. */
function effectiveStatus(status: RunStatus): RunStatus {
  if (status.state !== 'running' || status.pid === undefined || status.host !== os.hostname()) return status;
  if (processIsAlive(status.pid)) return status;
  return { ...status, state: 'failed', error: status.error ?? 'the training process ended without finishing (crashed or killed)' };
}

function processIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
