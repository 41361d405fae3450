import { cp, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { FIXTURE_RUNS_ROOT } from '../../webviews/fixtureRuns';
import { fake, Uri } from './vscode';

/** A temporary workspace folder whose `.rml/runs` holds copies of fixture runs, opened in the fake editor. */
export async function workspaceWithRuns(name: string, ids: readonly string[]) {
  const root = await mkdtemp(path.join(os.tmpdir(), `rml-${name}-`));
  const runsRoot = path.join(root, '.rml', 'runs');
  for (const id of ids) await cp(path.join(FIXTURE_RUNS_ROOT, id), path.join(runsRoot, id), { recursive: true });
  fake.workspaceFolders.push({ uri: Uri.file(root), name, index: fake.workspaceFolders.length });
  return {
    root,
    runsRoot,
    dirOf: (id: string) => path.join(runsRoot, id),
    remove: () => rm(root, { recursive: true, force: true }),
  };
}

/** Lets the host's asynchronous work (file reads, requests) run until `check` holds. */
export async function until(check: () => boolean, what: string): Promise<void> {
  for (let turn = 0; !check(); turn++) {
    if (turn > 2000) throw new Error(`never happened: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
}
