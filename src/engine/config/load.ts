import { promises as fs } from 'node:fs';
import path from 'node:path';
import { CONFIG_FILE_NAME } from '../../shared/config';
import { checkConfiguredPathsOnDisk } from './paths';
import { MAX_CONFIG_BYTES, parseConfigText, tooLargeMessage } from './parse';
import type { LoadedConfig } from './types';

export { MAX_CONFIG_BYTES, parseConfigText } from './parse';
export type { ConfigProblem, LoadedConfig } from './types';

/** Finds `.rml.json` in `startDir` or its parents. */
export async function findConfigFile(startDir: string): Promise<string | undefined> {
  let dir = path.resolve(startDir);
  for (;;) {
    const candidate = path.join(dir, CONFIG_FILE_NAME);
    if (await isFile(candidate)) return candidate;
    const parent = path.dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

/** Loads an explicit config file, or the nearest one above `startDir`, or the defaults rooted at `startDir`. */
export async function loadConfig(options: { explicitPath?: string; startDir: string }): Promise<LoadedConfig> {
  const configPath = options.explicitPath ?? (await findConfigFile(options.startDir));
  if (!configPath) return { config: {}, root: path.resolve(options.startDir), problems: [] };
  const absolute = path.resolve(configPath);
  const read = await readConfigFile(absolute).catch((error: unknown) => {
    throw new Error(`cannot read ${absolute}: ${error instanceof Error ? error.message : String(error)}`, {
      cause: error,
    });
  });
  if (typeof read !== 'string') return { config: {}, path: absolute, root: path.dirname(absolute), problems: [read] };
  return checkConfigText(read, absolute);
}

/**
 * `parseConfigText`, then the checks that need the disk: a configured file must really be a regular file inside
 * the config's folder (a symbolic link may point anywhere) and not too large. Values that fail are reported and
 * left out of the config, so nothing reads them.
 */
export async function checkConfigText(text: string, configPath: string): Promise<LoadedConfig> {
  const parsed = parseConfigText(text, configPath);
  return parsed.problems.some((problem) => problem.scope === 'file')
    ? parsed
    : checkConfiguredPathsOnDisk(parsed, text);
}

/** The config's text, or the problem that keeps it from being read (not a regular file, too large). */
async function readConfigFile(configPath: string): Promise<string | ReturnType<typeof fileProblem>> {
  const handle = await fs.open(configPath, 'r');
  try {
    const stat = await handle.stat();
    if (!stat.isFile()) return fileProblem(configPath, 'not a regular file');
    if (stat.size > MAX_CONFIG_BYTES) {
      return fileProblem(configPath, tooLargeMessage(stat.size));
    }
    const buffer = Buffer.alloc(stat.size);
    const { bytesRead } = await handle.read(buffer, 0, stat.size, 0);
    return buffer.subarray(0, bytesRead).toString('utf8');
  } finally {
    await handle.close();
  }
}

function fileProblem(configPath: string, what: string) {
  const start = { line: 0, character: 0 };
  return { message: `${configPath}: ${what}`, range: { start, end: start }, scope: 'file' as const };
}

async function isFile(candidate: string): Promise<boolean> {
  try {
    return (await fs.stat(candidate)).isFile();
  } catch {
    return false;
  }
}
