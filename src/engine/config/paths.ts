import { promises as fs } from 'node:fs';
import path from 'node:path';
import { findNodeAtLocation, parseTree, type JSONPath } from 'jsonc-parser';
import type { RmlConfig } from '../../shared/config';
import type { Range } from '../../shared/findings';
import { LineIndex } from '../parse';
import type { ConfigProblem, LoadedConfig } from './types';

/**
 * The largest file a config may name (a test split read for leakage). Configured files must be regular files, so
 * this bounds the work; 2 GiB leaves room for any split that `rml scan` itself would read.
 */
export const MAX_CONFIGURED_FILE_BYTES = 2 * 1024 * 1024 * 1024;

/** A path the config names, relative to the config's folder. */
interface ConfiguredPath {
  jsonPath: JSONPath;
  value: string;
  /** The split pair it belongs to: a pair with a bad path is dropped whole. */
  split: number;
}

/** Every path value of a config. Today these are the train/test split files; new path settings belong here. */
function configuredPaths(config: RmlConfig): ConfiguredPath[] {
  return (config.dataset?.splits ?? []).flatMap((pair, split) =>
    (['train', 'test'] as const).map((key) => ({
      jsonPath: ['dataset', 'splits', split, key],
      value: pair[key],
      split,
    })),
  );
}

function describe(jsonPath: JSONPath): string {
  return jsonPath
    .map((segment) => (typeof segment === 'number' ? `[${segment}]` : `.${segment}`))
    .join('')
    .slice(1);
}

/** Whether the absolute path `target` lies strictly inside the folder `root`. */
export function isInside(root: string, target: string): boolean {
  const relative = path.relative(root, target);
  return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative);
}

/** The resolved path when `value` names something strictly inside `root`, else undefined. */
export function insideFolder(root: string, value: string): string | undefined {
  if (value.includes('\0')) return undefined;
  const resolved = path.resolve(root, value);
  return isInside(root, resolved) ? resolved : undefined;
}

/**
 * Checks the config's paths without the disk: each must resolve inside the config's folder (a split named
 * `../../../../dev/zero` made a scan read /dev/zero forever). A pair with a bad path is left out of the config and
 * reported on the value, at `rangeOf` its place in the file.
 */
export function checkConfiguredPaths(loaded: LoadedConfig, rangeOf: (jsonPath: JSONPath) => Range): LoadedConfig {
  const rejected = configuredPaths(loaded.config)
    .filter((entry) => insideFolder(loaded.root, entry.value) === undefined)
    .map((entry) => ({
      entry,
      why: `resolves outside the folder of ${path.basename(loaded.path ?? '.rml.json')} (${loaded.root})`,
    }));
  return withoutRejected(loaded, rejected, rangeOf);
}

/**
 * The disk's half of the checks: the file a configured path names, once symbolic links are followed, is still
 * inside the config's folder, is a regular file (not a device or a pipe) and is at most
 * MAX_CONFIGURED_FILE_BYTES. A file that does not exist (yet) is no problem: nothing will read it.
 */
export async function checkConfiguredPathsOnDisk(loaded: LoadedConfig, text: string): Promise<LoadedConfig> {
  const entries = configuredPaths(loaded.config);
  if (entries.length === 0) return loaded;
  const realRoot = await fs.realpath(loaded.root).catch(() => loaded.root);
  const rejected: Rejection[] = [];
  for (const entry of entries) {
    const why = await diskProblem(realRoot, path.resolve(loaded.root, entry.value));
    if (why) rejected.push({ entry, why });
  }
  if (rejected.length === 0) return loaded;
  const tree = parseTree(text, [], { allowTrailingComma: true, disallowComments: false });
  const lines = new LineIndex(text);
  return withoutRejected(loaded, rejected, (jsonPath) => {
    const node = tree ? (findNodeAtLocation(tree, jsonPath) ?? tree) : undefined;
    return node ? lines.rangeOf(node.offset, node.offset + node.length) : lines.rangeOf(0, 0);
  });
}

async function diskProblem(realRoot: string, resolved: string): Promise<string | undefined> {
  let real: string;
  try {
    real = await fs.realpath(resolved);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return code === 'ENOENT' || code === 'ENOTDIR' ? undefined : `cannot be read (${code ?? String(error)})`;
  }
  if (!isInside(realRoot, real)) return `is a link to ${real}, outside ${realRoot}`;
  const stat = await fs.stat(real);
  if (!stat.isFile()) return 'is not a regular file';
  if (stat.size > MAX_CONFIGURED_FILE_BYTES) return `is larger than ${MAX_CONFIGURED_FILE_BYTES / 1024 ** 3} GiB`;
  return undefined;
}

interface Rejection {
  entry: ConfiguredPath;
  why: string;
}

function withoutRejected(
  loaded: LoadedConfig,
  rejected: Rejection[],
  rangeOf: (jsonPath: JSONPath) => Range,
): LoadedConfig {
  if (rejected.length === 0) return loaded;
  const problems: ConfigProblem[] = rejected.map(({ entry, why }) => ({
    message: `${loaded.path ?? loaded.root}: ${describe(entry.jsonPath)} '${entry.value}' ${why}: a split must be a file inside that folder, so this pair is not read`,
    range: rangeOf(entry.jsonPath),
    scope: 'value',
  }));
  const dropped = new Set(rejected.map(({ entry }) => entry.split));
  const dataset = loaded.config.dataset;
  const splits = dataset?.splits?.filter((_pair, index) => !dropped.has(index));
  const config: RmlConfig = dataset ? { ...loaded.config, dataset: { ...dataset, splits } } : loaded.config;
  return { ...loaded, config, problems: [...loaded.problems, ...problems] };
}
