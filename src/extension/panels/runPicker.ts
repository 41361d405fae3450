import path from 'node:path';
import * as vscode from 'vscode';
import { ListRunsRequest, type FolderRuns } from '../../shared/protocol';
import { RUN_FILES, type RunSummary } from '../../shared/runs';
import type { RmlContext } from '../context';
import { runDetails, runTitle } from './runDescriptions';

/** How a command argument names a run, and the run picker. Runs are listed by the server, which reads `.rml/`. */

const RUN_FILE_NAMES: readonly string[] = Object.values(RUN_FILES);

/**
 * The run id of a command argument: a run id, a Runs view item (`{ run: { id } }`), or a URI of a run's folder or
 * of one of its files (the folder's name is the id).
 */
export function runIdOf(argument: unknown): string | undefined {
  if (typeof argument === 'string')
    return argument.includes('/') || argument.includes('\\') ? path.basename(argument) : argument;
  if (argument instanceof vscode.Uri) {
    const file = argument.fsPath;
    return path.basename(RUN_FILE_NAMES.includes(path.basename(file)) ? path.dirname(file) : file);
  }
  if (typeof argument === 'object' && argument !== null) {
    if ('run' in argument) return runIdOf((argument as { run: unknown }).run);
    if ('id' in argument && typeof (argument as { id: unknown }).id === 'string')
      return (argument as { id: string }).id;
  }
  return undefined;
}

export async function listWorkspaceRuns(ctx: RmlContext): Promise<FolderRuns[]> {
  return ctx.client.sendRequest(ListRunsRequest.type, {});
}

/** The workspace folder's name for a folder the server lists runs of (its path when it is not one). */
export function folderName(folderUri: string): string {
  const folder = vscode.workspace.workspaceFolders?.find((candidate) => candidate.uri.toString() === folderUri);
  return folder?.name ?? vscode.workspace.asRelativePath(vscode.Uri.parse(folderUri));
}

/** A QuickPick over every run of the workspace, newest first; undefined when dismissed. */
export async function pickRun(
  ctx: RmlContext,
  title: string,
  exclude: readonly string[] = [],
): Promise<RunSummary | undefined> {
  const folders = await listWorkspaceRuns(ctx);
  const now = new Date();
  const items = folders.flatMap(({ folderUri, runs }) =>
    runs
      .filter((run) => !exclude.includes(run.id))
      .map((run) => ({
        label: runTitle(run),
        description: runDetails(run, now),
        detail: folders.length > 1 ? `${folderName(folderUri)} · ${run.id}` : run.id,
        run,
      })),
  );
  if (items.length === 0) {
    void vscode.window.showInformationMessage(
      'Responsible ML: no other training runs in this workspace (they are kept in .rml/runs).',
    );
    return undefined;
  }
  const picked = await vscode.window.showQuickPick(items, {
    title,
    placeHolder: 'Dataset, model, backend or run id',
    matchOnDescription: true,
    matchOnDetail: true,
  });
  return picked?.run;
}
