import { existsSync } from 'node:fs';
import path from 'node:path';
import { workspaceRootOf } from '../engine/accountability';
import { isRunId, listRuns } from '../engine/runs';
import { RUN_FILES } from '../shared/runs';
import { UsageError, type CliIo } from './io';

/**
 * A run named on the command line: a run folder, or a run id under the workspace's `.rml/runs`.
 */
export async function resolveRunDir(given: string, cwd: string): Promise<string> {
  const direct = path.resolve(cwd, given);
  if (existsSync(path.join(direct, RUN_FILES.status))) return direct;
  if (isRunId(given)) {
    const dir = path.join(await runsRootOf(cwd), given);
    if (existsSync(path.join(dir, RUN_FILES.status))) return dir;
  }
  throw new UsageError(`${given}: not a run folder or the id of a run under .rml/runs (no ${RUN_FILES.status})`);
}

/**
 * `--run`, else the newest completed run of the workspace (as the editor's commands offer the latest run first),
 * saying on stderr which one, so `rml train data.csv && rml card` works without copying an id.
 */
export async function runDirOption(given: string | undefined, io: CliIo): Promise<string> {
  if (given !== undefined) return resolveRunDir(given, io.cwd);
  const root = await runsRootOf(io.cwd);
  const latest = (await listRuns(root)).find((run) => run.state === 'completed');
  if (!latest) throw new UsageError(`no completed run under ${root}: train one (rml train FILE) or give --run DIR`);
  io.stderr(`note: the latest completed run, ${latest.id} (--run chooses another)\n`);
  return path.join(root, latest.id);
}

async function runsRootOf(cwd: string): Promise<string> {
  return path.join(await workspaceRootOf(cwd), '.rml', 'runs');
}
