import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { AuditOptions, AuditResult } from '../../bias';
import { loadConfig } from '../../config';
import { readRun } from '../../runs';
import { RUN_FILES, type RunRecord } from '../../../shared/runs';
import { FileHashCache } from '../hashing';
import { workspaceOfRunDir, workspaceRelative } from '../workspaceRoot';
import { auditDatasetFile, tallyFindings, type DatasetScanner, type FindingTally } from './datasetAudit';

/** The dataset a run trained on, as it was recorded and as it is now. */
export interface DatasetState {
  /** As `config.json` names it. */
  recordedPath: string;
  /** Relative to the workspace, for the card. */
  shownPath: string;
  absolutePath: string;
  recordedSha256: string;
  format: string;
  rows: number;
  exists: boolean;
  currentSha256?: string;
  /** The file on disk is the one the run trained on. */
  matches: boolean;
}

/** Files other steps added to the run, parsed; a malformed one is named in `problems`, never guessed at. */
export interface RunExtras {
  attribution?: Record<string, unknown>;
  labelIssues?: Record<string, unknown>;
  problems: string[];
}

export interface DatasetExamination {
  findings?: FindingTally;
  audit?: AuditResult;
  /** Why the dataset was not (fully) examined. */
  notes: string[];
}

export interface RunEvidence {
  runDir: string;
  workspaceRoot: string;
  run: RunRecord;
  dataset?: DatasetState;
  extras: RunExtras;
  /** Present when the dataset exists and matches its recorded hash: the audit then describes the training data. */
  examination?: DatasetExamination;
  generatedAt: string;
}

export interface GatherOptions {
  /** Scans the dataset (PII, secrets, bias findings); without it the card says the dataset was not scanned. */
  scan?: DatasetScanner;
  hashes?: FileHashCache;
  now?: Date;
}

/** Everything a card can say about a run, read from its folder and its dataset. */
export async function gatherRunEvidence(runDir: string, options: GatherOptions = {}): Promise<RunEvidence> {
  const run = await readRun(runDir);
  const workspaceRoot = workspaceOfRunDir(runDir);
  const dataset = run.config
    ? await datasetState(run, workspaceRoot, options.hashes ?? new FileHashCache())
    : undefined;
  const evidence: RunEvidence = {
    runDir,
    workspaceRoot,
    run,
    extras: await readExtras(runDir),
    generatedAt: (options.now ?? new Date()).toISOString(),
    ...(dataset ? { dataset } : {}),
  };
  if (dataset?.matches)
    evidence.examination = await examineDataset(dataset.absolutePath, run, workspaceRoot, options.scan);
  return evidence;
}

async function datasetState(run: RunRecord, root: string, hashes: FileHashCache): Promise<DatasetState> {
  const recorded = run.config!.dataset;
  const absolutePath = path.resolve(root, recorded.path);
  const exists = existsSync(absolutePath);
  const currentSha256 = exists ? await hashes.sha256(absolutePath).catch(() => undefined) : undefined;
  return {
    recordedPath: recorded.path,
    shownPath: workspaceRelative(root, absolutePath),
    absolutePath,
    recordedSha256: recorded.sha256,
    format: recorded.format,
    rows: recorded.rows,
    exists,
    ...(currentSha256 ? { currentSha256 } : {}),
    matches: currentSha256 === recorded.sha256,
  };
}

/** Run files whose shape belongs to other steps (attribution, label issues): read tolerantly. Mitigation files are typed and come with `readRun`. */
const EXTRA_FILES = ['attribution', 'labelIssues'] as const;

async function readExtras(runDir: string): Promise<RunExtras> {
  const extras: RunExtras = { problems: [] };
  for (const name of EXTRA_FILES) {
    const file = path.join(runDir, RUN_FILES[name]);
    if (!existsSync(file)) continue;
    try {
      const value: unknown = JSON.parse(await readFile(file, 'utf8'));
      if (typeof value === 'object' && value !== null && !Array.isArray(value))
        extras[name] = value as Record<string, unknown>;
      else extras.problems.push(`${RUN_FILES[name]} is not a JSON object: left out`);
    } catch (error) {
      extras.problems.push(`${RUN_FILES[name]}: ${(error as Error).message}: left out`);
    }
  }
  return extras;
}

/** The audit with the run's own columns (label, sensitive, text), and the scan of the file. */
async function examineDataset(
  file: string,
  run: RunRecord,
  root: string,
  scan: DatasetScanner | undefined,
): Promise<DatasetExamination> {
  const config = run.config!;
  const fromConfig = (await loadConfig({ startDir: root }).catch(() => undefined))?.config.dataset;
  const options: AuditOptions = {
    label: config.columns.label,
    favorable: config.positiveClass,
    sensitive: config.columns.sensitive,
    ...(config.columns.text ? { textColumns: [config.columns.text] } : {}),
    ...(fromConfig?.privileged ? { privileged: pick(fromConfig.privileged, config.columns.sensitive) } : {}),
    ...(config.columns.weight ? { weightColumn: config.columns.weight } : {}),
  };
  const notes: string[] = [];
  const audited = await auditDatasetFile(file, options);
  if (audited.error) notes.push(`audit not run: ${audited.error}`);
  let findings: FindingTally | undefined;
  if (scan) {
    try {
      findings = tallyFindings(await scan(file));
    } catch (error) {
      notes.push(`scan failed: ${(error as Error).message}`);
    }
  } else notes.push('the dataset was not scanned for PII and secrets');
  return { ...(audited.audit ? { audit: audited.audit } : {}), ...(findings ? { findings } : {}), notes };
}

function pick(values: Record<string, string>, keys: readonly string[]): Record<string, string> {
  return Object.fromEntries(Object.entries(values).filter(([key]) => keys.includes(key)));
}
