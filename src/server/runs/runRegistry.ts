import { existsSync } from 'node:fs';
import path from 'node:path';
import { URI } from 'vscode-uri';
import {
  DEFAULT_RUNS_ROOT,
  isRunId,
  listRuns,
  readRun,
  RUN_FILES,
  type RunConfigRecord,
  type RunRecord,
} from '../../engine/runs';
import type { FolderRuns } from '../../shared/protocol';
import type { RunFileName } from '../../shared/runs';

/** The `.rml/runs` folder of a workspace folder or of the folder of a `.rml.json`: where its runs live. */
export function runsRootOf(folder: string): string {
  return path.join(folder, DEFAULT_RUNS_ROOT);
}

/**
 * Where the runs of this workspace are: `.rml/runs` under each workspace folder, and under every folder a job
 * of this session wrote to (a dataset below a nested `.rml.json` trains into that folder's runs). The server is
 * the only process that reads them; the extension host asks by run id.
 */
export class RunRegistry {
  private readonly extraFolders = new Set<string>();

  constructor(private readonly workspaceFolders: () => readonly string[]) {}

  /** Remembers a folder a job writes its run into, so the Runs view lists it too. */
  addFolder(folder: string): void {
    if (!this.workspaceFolders().includes(folder)) this.extraFolders.add(folder);
  }

  folders(): string[] {
    return [...this.workspaceFolders(), ...this.extraFolders];
  }

  async list(): Promise<FolderRuns[]> {
    return Promise.all(
      this.folders().map(async (folder): Promise<FolderRuns> => {
        const folderUri = URI.file(folder).toString();
        try {
          return { folderUri, runs: await listRuns(runsRootOf(folder)) };
        } catch (error) {
          return { folderUri, runs: [], error: error instanceof Error ? error.message : String(error) };
        }
      }),
    );
  }

  /** The folder of run `runId`; throws when the id is malformed or no known folder holds it. */
  dirOf(runId: string): string {
    if (!isRunId(runId)) throw new Error(`'${runId}' is not a run id`);
    for (const folder of this.folders()) {
      const dir = path.join(runsRootOf(folder), runId);
      if (existsSync(path.join(dir, RUN_FILES.status))) return dir;
    }
    throw new Error(`no run ${runId} in this workspace (runs are kept in .rml/runs)`);
  }

  read(runId: string): Promise<RunRecord> {
    return readRun(this.dirOf(runId));
  }

  /** The path behind a file link of the run panel; throws with the path when it does not exist (yet). */
  async filePath(runId: string, file: RunFileName): Promise<string> {
    const dir = this.dirOf(runId);
    if (file !== 'dataset') {
      const target = path.join(dir, RUN_FILES[file]);
      if (!existsSync(target)) throw new Error(`${target} is not written yet`);
      return target;
    }
    const { config } = await readRun(dir);
    if (!config) throw new Error(`${path.join(dir, RUN_FILES.config)} is not written yet: the dataset is not known`);
    const dataset = datasetPath(dir, config);
    if (!existsSync(dataset)) throw new Error(`the dataset ${dataset} no longer exists`);
    return dataset;
  }
}

/** A relative dataset path is relative to the folder that holds `.rml/runs/<id>/`, three levels up. */
function datasetPath(runDir: string, config: RunConfigRecord): string {
  return path.resolve(runDir, '..', '..', '..', config.dataset.path);
}
