import { existsSync } from 'node:fs';
import path from 'node:path';
import * as vscode from 'vscode';
import { DEFAULT_RUNS_ROOT, listRuns, RUN_FILES, type RunConfigRecord, type RunSummary } from '../../engine/runs';
import type { RunFileName } from '../../shared/webviewMessages';
import { runDetails, runTitle } from './runDescriptions';

/** Where runs live (`<workspace folder>/.rml/runs`), how a command argument names one, and the run picker. */

export interface FolderRuns {
  folder: vscode.WorkspaceFolder;
  runs: RunSummary[];
  /** Why the folder's runs could not be listed (e.g. a malformed status.json, with its path). */
  error?: string;
}

export function runsRootOf(folder: vscode.WorkspaceFolder): string {
  return path.join(folder.uri.fsPath, DEFAULT_RUNS_ROOT);
}

export async function listFolderRuns(folder: vscode.WorkspaceFolder): Promise<FolderRuns> {
  try {
    return { folder, runs: await listRuns(runsRootOf(folder)) };
  } catch (error) {
    return { folder, runs: [], error: error instanceof Error ? error.message : String(error) };
  }
}

export async function listWorkspaceRuns(): Promise<FolderRuns[]> {
  return Promise.all((vscode.workspace.workspaceFolders ?? []).map(listFolderRuns));
}

/** A run as commands receive it: its directory, a URI of it or of one of its files, or a Runs view item. */
export type RunArgument = string | vscode.Uri | { run: { dir: string } } | { dir: string };

const RUN_FILE_NAMES: readonly string[] = Object.values(RUN_FILES);

export function runDirOf(argument: unknown): string | undefined {
  if (typeof argument === 'string') return argument;
  if (argument instanceof vscode.Uri) {
    const file = argument.fsPath;
    return RUN_FILE_NAMES.includes(path.basename(file)) ? path.dirname(file) : file;
  }
  if (typeof argument === 'object' && argument !== null) {
    if ('run' in argument) return runDirOf((argument as { run: unknown }).run);
    if ('dir' in argument && typeof (argument as { dir: unknown }).dir === 'string') return (argument as { dir: string }).dir;
  }
  return undefined;
}

/** A QuickPick over every run of every workspace folder, newest first; undefined when dismissed. */
export async function pickRun(title: string, exclude: readonly string[] = []): Promise<RunSummary | undefined> {
  const excluded = new Set(exclude.map((dir) => path.resolve(dir)));
  const folders = await listWorkspaceRuns();
  const now = new Date();
  const items = folders.flatMap(({ folder, runs }) =>
    runs
      .filter((run) => !excluded.has(path.resolve(run.dir)))
      .map((run) => ({ label: runTitle(run), description: runDetails(run, now), detail: folders.length > 1 ? `${folder.name} · ${run.id}` : run.id, run })),
  );
  if (items.length === 0) {
    void vscode.window.showInformationMessage('Responsible ML: no other training runs in this workspace (they are kept in .rml/runs).');
    return undefined;
  }
  const picked = await vscode.window.showQuickPick(items, { title, placeHolder: 'Dataset, model, backend or run id', matchOnDescription: true, matchOnDetail: true });
  return picked?.run;
}

/** The runs root is `<folder>/.rml/runs`, so a relative dataset path is taken from the folder three levels up. */
function datasetPath(runDir: string, config: RunConfigRecord): string {
  if (path.isAbsolute(config.dataset.path)) return config.dataset.path;
  const folder = vscode.workspace.getWorkspaceFolder(vscode.Uri.file(runDir));
  return path.resolve(folder?.uri.fsPath ?? path.resolve(runDir, '..', '..', '..'), config.dataset.path);
}

/** The file behind a link of the run view; throws with the path when it does not exist. */
export function runFilePath(runDir: string, file: RunFileName, config: RunConfigRecord | undefined): string {
  if (file === 'dataset') {
    if (!config) throw new Error(`${path.join(runDir, RUN_FILES.config)} is not written yet: the dataset is not known`);
    const dataset = datasetPath(runDir, config);
    if (!existsSync(dataset)) throw new Error(`the dataset ${dataset} no longer exists`);
    return dataset;
  }
  const target = path.join(runDir, RUN_FILES[file]);
  if (!existsSync(target)) throw new Error(`${target} is not written yet`);
  return target;
}
