import path from 'node:path';
import { findConfigFile } from '../config';
import { LEDGER_FILE_NAME } from '../../shared/ledger';

/** The workspace of a place: the folder of the nearest `.rml.json` above it, else the place itself. */
export async function workspaceRootOf(startDir: string): Promise<string> {
  const config = await findConfigFile(startDir);
  return config ? path.dirname(config) : path.resolve(startDir);
}

/** `<workspace>/.rml/ledger.jsonl`. */
export function ledgerPathOf(workspaceRoot: string): string {
  return path.join(workspaceRoot, '.rml', LEDGER_FILE_NAME);
}

/** A path as the ledger and the cards name it: relative to the workspace with '/', absolute when outside. */
export function workspaceRelative(workspaceRoot: string, file: string): string {
  const relative = path.relative(workspaceRoot, path.resolve(workspaceRoot, file));
  if (relative === '') return '.';
  return relative.startsWith('..') || path.isAbsolute(relative)
    ? path.resolve(workspaceRoot, file)
    : relative.split(path.sep).join('/');
}

/**
 * The workspace a run folder belongs to: `<root>/.rml/runs/<id>` → `<root>`; a run written elsewhere
 * (`rml train --out DIR`) belongs to the folder that holds its runs folder.
 */
export function workspaceOfRunDir(runDir: string): string {
  const runsRoot = path.dirname(path.resolve(runDir));
  const parent = path.dirname(runsRoot);
  return path.basename(runsRoot) === 'runs' && path.basename(parent) === '.rml' ? path.dirname(parent) : parent;
}
