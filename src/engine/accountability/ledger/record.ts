import { readdir } from 'node:fs/promises';
import path from 'node:path';
import type { LedgerArtifact } from '../../../shared/ledger';
import { fileFingerprint } from '../hashing';
import { ledgerPathOf, workspaceRelative, workspaceRootOf } from '../workspaceRoot';
import { ledgerActor } from './actor';
import { appendLedgerEntry, type AppendedEntry } from './append';
import type { LedgerDraft } from './entry';
import { signingKeyFromEnvironment } from './signing';

/** `RML_LEDGER=off` turns the ledger off (e.g. throw-away runs in tests of other features). */
export function ledgerEnabled(env: NodeJS.ProcessEnv = process.env): boolean {
  return env['RML_LEDGER'] !== 'off';
}

export type LedgerLog = (line: string) => void;

/**
 * Appends `draft` to the ledger of the workspace `root`. Never throws: an action that happened must not fail
 * because its record could not be written; the reason goes to `log` instead.
 */
export async function recordInWorkspace(
  root: string,
  draft: LedgerDraft,
  log?: LedgerLog,
): Promise<AppendedEntry | undefined> {
  if (!ledgerEnabled()) return undefined;
  try {
    const actor = await ledgerActor(root);
    const signingKey = signingKeyFromEnvironment();
    return await appendLedgerEntry(ledgerPathOf(root), draft, { actor, ...(signingKey ? { signingKey } : {}) });
  } catch (error) {
    log?.(`ledger: could not record the ${draft.action} in ${ledgerPathOf(root)}: ${(error as Error).message}`);
    return undefined;
  }
}

/** `recordInWorkspace` for the workspace of `startDir` (nearest `.rml.json`, else `startDir`). */
export async function recordInLedger(
  startDir: string,
  draft: LedgerDraft,
  log?: LedgerLog,
): Promise<AppendedEntry | undefined> {
  if (!ledgerEnabled()) return undefined;
  return recordInWorkspace(await workspaceRootOf(startDir), draft, log);
}

/** A file as the ledger names it, with its SHA-256 and size when it can be read. */
export async function artifactOf(root: string, file: string): Promise<LedgerArtifact> {
  const absolute = path.resolve(root, file);
  const print = await fileFingerprint(absolute);
  return { path: workspaceRelative(root, absolute), ...(print ?? {}) };
}

/** Every regular file under `dir`, sorted, as artifacts. */
export async function artifactsUnder(root: string, dir: string): Promise<LedgerArtifact[]> {
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true, recursive: true });
  } catch {
    return [];
  }
  const files = entries
    .filter((entry) => entry.isFile())
    .map((entry) => path.join(entry.parentPath, entry.name))
    .sort();
  return Promise.all(files.map((file) => artifactOf(root, file)));
}
