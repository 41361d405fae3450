import path from 'node:path';
import type { AuditResult } from '../../bias';
import { readRun } from '../../runs';
import type { LedgerArtifact } from '../../../shared/ledger';
import type { RunRecord } from '../../../shared/runs';
import { disparityFigures, judgedBy } from '../evidence/disparities';
import { workspaceOfRunDir, workspaceRelative, workspaceRootOf } from '../workspaceRoot';
import type { AppendedEntry } from './append';
import type { LedgerDraft } from './entry';
import { artifactOf, artifactsUnder, ledgerEnabled, recordInWorkspace, type LedgerLog } from './record';

/**
 * The one-line hooks where actions happen: the end of a training run, `rml scan`, `rml audit`, an applied quick
 * fix, a mitigation. Each reads what it records itself and never throws.
 */

/** A training run ended (completed, cancelled or failed): its dataset in, its files out. */
export async function recordRunInLedger(runDir: string, log?: LedgerLog): Promise<AppendedEntry | undefined> {
  if (!ledgerEnabled()) return undefined;
  const root = workspaceOfRunDir(runDir);
  let run: RunRecord;
  try {
    run = await readRun(runDir);
  } catch (error) {
    log?.(`ledger: could not read the run ${runDir}: ${(error as Error).message}`);
    return undefined;
  }
  const dataset = run.config?.dataset;
  const inputs = dataset
    ? [{ path: workspaceRelative(root, path.resolve(root, dataset.path)), sha256: dataset.sha256 }]
    : [];
  const split = run.config?.split;
  if (split?.kind === 'files') {
    for (const file of [split.test, split.validation])
      if (file) inputs.push({ path: workspaceRelative(root, path.resolve(root, file.path)), sha256: file.sha256 });
  }
  const accuracy = run.report?.test.accuracy;
  const what = run.config ? `${run.config.model.kind} on ${inputs[0]?.path ?? 'a dataset'}` : 'a model';
  const outcome =
    run.status.state === 'completed' && accuracy !== undefined
      ? `completed, test accuracy ${accuracy.toFixed(4)}`
      : run.status.state;
  const draft: LedgerDraft = {
    action: 'run',
    summary: `trained ${what}: ${outcome}`,
    inputs,
    outputs: await artifactsUnder(root, runDir),
    runId: run.id,
    details: runDetails(run),
  };
  return recordInWorkspace(root, draft, log);
}

function runDetails(run: RunRecord): Record<string, unknown> {
  const fairness: Record<string, unknown> = {};
  for (const [column, group] of Object.entries(run.report?.test.fairness?.byColumn ?? {})) {
    const figures = disparityFigures(group.report, judgedBy(run.report?.test));
    fairness[column] = Object.fromEntries(figures.map((figure) => [figure.key, figure.value]));
    fairness[`${column}:flagged`] = figures
      .filter((figure) => figure.verdict === 'disparity')
      .map((figure) => figure.key);
  }
  return {
    state: run.status.state,
    ...(run.status.error ? { error: run.status.error } : {}),
    ...(run.config ? { model: run.config.model.kind, backend: run.config.backend.name, seed: run.config.seed } : {}),
    ...(run.report
      ? { accuracy: run.report.test.accuracy, macroF1: run.report.test.macroF1, rocAuc: run.report.test.rocAuc }
      : {}),
    ...(Object.keys(fairness).length > 0 ? { fairness } : {}),
    ...(run.mitigation
      ? {
          mitigation: run.mitigation.method,
          ...(run.mitigation.privacy
            ? { epsilon: run.mitigation.privacy.epsilon, delta: run.mitigation.privacy.delta }
            : {}),
        }
      : {}),
  };
}

export interface ScanRecord {
  /** Every file scanned (absolute or relative to `cwd`). */
  files: string[];
  findings: number;
  byCode: Record<string, number>;
  /** The same files, hashed as their scans began (ScanInputs); else they are hashed now. */
  inputs?: ScanInputs;
}

/**
 * The artifacts of the files a scan reads, each hashed from the moment its scan begins (`add`): a large file is
 * then hashed on the hash thread while it is scanned (io/fileHash.ts), not after the scan, on this one.
 */
export class ScanInputs {
  private readonly root: Promise<string>;
  private readonly artifacts: Promise<LedgerArtifact>[] = [];

  constructor(private readonly cwd: string) {
    this.root = workspaceRootOf(cwd);
  }

  add(file: string): void {
    const absolute = path.resolve(this.cwd, file);
    this.artifacts.push(this.root.then((root) => artifactOf(root, absolute)));
  }

  all(): Promise<LedgerArtifact[]> {
    return Promise.all(this.artifacts);
  }
}

/** `rml scan` or Scan Workspace finished: the files scanned (hashed) and the findings by code. */
export async function recordScanInLedger(
  cwd: string,
  scan: ScanRecord,
  log?: LedgerLog,
): Promise<AppendedEntry | undefined> {
  if (!ledgerEnabled()) return undefined;
  const root = await workspaceRootOf(cwd);
  const inputs = scan.inputs
    ? await scan.inputs.all()
    : await Promise.all(scan.files.map((file) => artifactOf(root, path.resolve(cwd, file))));
  const draft: LedgerDraft = {
    action: 'scan',
    summary: `scanned ${scan.files.length} file${scan.files.length === 1 ? '' : 's'}: ${scan.findings} finding${scan.findings === 1 ? '' : 's'}`,
    inputs,
    details: { findings: scan.findings, byCode: scan.byCode },
  };
  return recordInWorkspace(root, draft, log);
}

/** `rml audit` finished: the dataset (hashed), disparities by attribute, and any reweighed copy it wrote. */
export async function recordAuditInLedger(
  cwd: string,
  file: string,
  result: AuditResult,
  outputs: string[] = [],
  log?: LedgerLog,
): Promise<AppendedEntry | undefined> {
  if (!ledgerEnabled()) return undefined;
  const root = await workspaceRootOf(path.dirname(path.resolve(cwd, file)));
  const audits = [...result.attributes, ...result.intersections];
  const flagged = audits.filter((audit) => audit.verdict === 'disparity').map((audit) => audit.column);
  const draft: LedgerDraft = {
    action: 'audit',
    summary: `audited ${workspaceRelative(root, path.resolve(cwd, file))}: ${result.rows} rows, ${flagged.length} disparit${flagged.length === 1 ? 'y' : 'ies'}${flagged.length ? ` (${flagged.join(', ')})` : ''}`,
    inputs: [await artifactOf(root, path.resolve(cwd, file))],
    outputs: await Promise.all(outputs.map((output) => artifactOf(root, path.resolve(cwd, output)))),
    details: {
      rows: result.rows,
      label: result.label,
      favorable: result.favorable,
      attributes: Object.fromEntries(
        audits.map((audit) => [
          audit.column,
          {
            demographicParityRatio: audit.demographicParityRatio,
            disparateImpact: audit.disparateImpact ?? null,
            verdict: audit.verdict,
          },
        ]),
      ),
      duplicates: {
        exact: result.duplicates.exact,
        near: result.duplicates.near,
        conflicts: result.duplicates.conflicts,
        leaks: result.duplicates.leaks,
      },
    },
  };
  return recordInWorkspace(root, draft, log);
}

export interface FixRecord {
  /** The edited file (absolute). */
  file: string;
  title: string;
  code: string;
  fingerprint?: string;
  /** SHA-256 of the document's text before and after the edit. */
  before?: string;
  after?: string;
}

/** A quick fix was applied in the editor (the document may not be saved yet: the hashes are of its text). */
export async function recordFixInLedger(fix: FixRecord, log?: LedgerLog): Promise<AppendedEntry | undefined> {
  if (!ledgerEnabled()) return undefined;
  const root = await workspaceRootOf(path.dirname(fix.file));
  const where = workspaceRelative(root, fix.file);
  const draft: LedgerDraft = {
    action: 'fix',
    summary: `${fix.title} (${fix.code}) in ${where}`,
    inputs: [{ path: where, ...(fix.before ? { sha256: fix.before } : {}) }],
    outputs: [{ path: where, ...(fix.after ? { sha256: fix.after } : {}) }],
    details: { code: fix.code, ...(fix.fingerprint ? { fingerprint: fix.fingerprint } : {}) },
  };
  return recordInWorkspace(root, draft, log);
}

export interface MitigationRecord {
  /** E.g. `threshold-optimizer`, `exponentiated-gradient`, `dp-sgd`, `reweighing`. */
  method: string;
  summary: string;
  /** The run it applies to, when there is one. */
  runDir?: string;
  inputs?: string[];
  outputs?: string[];
  details?: Record<string, unknown>;
}

/** A mitigation was applied (for mitigation code to call where it writes its result). */
export async function recordMitigationInLedger(
  cwd: string,
  mitigation: MitigationRecord,
  log?: LedgerLog,
): Promise<AppendedEntry | undefined> {
  if (!ledgerEnabled()) return undefined;
  const root = mitigation.runDir ? workspaceOfRunDir(mitigation.runDir) : await workspaceRootOf(cwd);
  const draft: LedgerDraft = {
    action: 'mitigation',
    summary: mitigation.summary,
    inputs: await Promise.all((mitigation.inputs ?? []).map((file) => artifactOf(root, path.resolve(cwd, file)))),
    outputs: await Promise.all((mitigation.outputs ?? []).map((file) => artifactOf(root, path.resolve(cwd, file)))),
    ...(mitigation.runDir ? { runId: path.basename(mitigation.runDir) } : {}),
    details: { method: mitigation.method, ...(mitigation.details ?? {}) },
  };
  return recordInWorkspace(root, draft, log);
}
