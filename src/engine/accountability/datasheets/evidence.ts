import { stat } from 'node:fs/promises';
import path from 'node:path';
import type { AuditOptions, AuditResult } from '../../bias';
import { listRuns, readRun } from '../../runs';
import { auditDatasetFile, tallyFindings, type DatasetScanner, type FindingTally } from '../evidence/datasetAudit';
import { sha256File } from '../hashing';
import { readLedger } from '../ledger/verify';
import { ledgerPathOf, workspaceRelative, workspaceRootOf } from '../workspaceRoot';

/** A run of the workspace that trained on this exact file (same SHA-256). */
export interface DatasetUse {
  runId: string;
  model: string;
  state: string;
  accuracy?: number;
}

export interface DatasheetEvidence {
  file: string;
  shownPath: string;
  workspaceRoot: string;
  sha256: string;
  bytes: number;
  audit?: AuditResult;
  findings?: FindingTally;
  notes: string[];
  uses: DatasetUse[];
  /** Ledger entries that read or wrote this file (any version). */
  ledgerEntries: number;
  generatedAt: string;
}

export interface DatasheetOptions {
  audit: AuditOptions;
  scan?: DatasetScanner;
  now?: Date;
}

/** The audit and scan of a dataset, the runs that trained on it, and its history in the ledger. */
export async function gatherDatasetEvidence(file: string, options: DatasheetOptions): Promise<DatasheetEvidence> {
  const absolute = path.resolve(file);
  const root = await workspaceRootOf(path.dirname(absolute));
  const [sha256, info] = await Promise.all([sha256File(absolute), stat(absolute)]);
  const shownPath = workspaceRelative(root, absolute);
  const notes: string[] = [];
  const audited = await auditDatasetFile(absolute, { ...options.audit });
  if (audited.error) notes.push(`audit not run: ${audited.error}`);
  let findings: FindingTally | undefined;
  if (options.scan) {
    try {
      findings = tallyFindings(await options.scan(absolute));
    } catch (error) {
      notes.push(`scan failed: ${(error as Error).message}`);
    }
  } else notes.push('the dataset was not scanned for PII and secrets');
  return {
    file: absolute,
    shownPath,
    workspaceRoot: root,
    sha256,
    bytes: info.size,
    ...(audited.audit ? { audit: audited.audit } : {}),
    ...(findings ? { findings } : {}),
    notes,
    uses: await usesOf(root, absolute, sha256),
    ledgerEntries: await ledgerMentions(root, shownPath),
    generatedAt: (options.now ?? new Date()).toISOString(),
  };
}

async function usesOf(root: string, file: string, sha256: string): Promise<DatasetUse[]> {
  const runsRoot = path.join(root, '.rml', 'runs');
  const uses: DatasetUse[] = [];
  for (const summary of await listRuns(runsRoot).catch(() => [])) {
    const run = await readRun(path.join(runsRoot, summary.id)).catch(() => undefined);
    const dataset = run?.config?.dataset;
    if (!run || !dataset || dataset.sha256 !== sha256 || path.resolve(root, dataset.path) !== file) continue;
    uses.push({
      runId: run.id,
      model: run.config!.model.kind,
      state: run.status.state,
      ...(run.report ? { accuracy: run.report.test.accuracy } : {}),
    });
  }
  return uses;
}

async function ledgerMentions(root: string, shownPath: string): Promise<number> {
  const { entries } = await readLedger(ledgerPathOf(root)).catch(() => ({ entries: [] }));
  return entries.filter(({ entry }) =>
    [...entry.inputs, ...entry.outputs].some((artifact) => artifact.path === shownPath),
  ).length;
}
