import ignore from 'ignore';
import type { DatasetAuditConfig } from '../../shared/config';

/**
 * The dataset settings that apply to one file: `.rml.json`'s `dataset`, overridden by each `dataset.files` entry
 * whose key (a file or a gitignore-style glob, relative to the config's folder) matches the file, in order. Every
 * reader of dataset settings — the scan, the editor, `rml audit`, `rml train`, the Train picker — goes through
 * here, so a file gets the same settings everywhere.
 *
 * @param relativePath the file relative to the config's folder, with `/` separators.
 */
export function datasetSettingsFor(
  dataset: DatasetAuditConfig | undefined,
  relativePath: string,
): DatasetAuditConfig | undefined {
  if (dataset?.files === undefined) return dataset;
  const { files, ...shared } = dataset;
  let settings: DatasetAuditConfig = shared;
  for (const [pattern, overrides] of Object.entries(files)) {
    if (matchesFile(pattern, relativePath)) settings = { ...settings, ...overrides };
  }
  return settings;
}

/** gitignore semantics (as `exclude`): `hiring.csv` matches at any depth, `data/*.csv` from the config's folder. */
export function matchesFile(pattern: string, relativePath: string): boolean {
  if (relativePath === '' || relativePath.startsWith('../') || relativePath.startsWith('/')) return false;
  try {
    return ignore().add(pattern).ignores(relativePath);
  } catch {
    return false; // a path `ignore` refuses (absolute, `./…`) is outside the config's folder
  }
}

/**
 * Where `.rml.json` sets a dataset key for a file: the last matching `dataset.files` entry that sets it, else
 * `dataset` itself; e.g. `['dataset', 'files', 'data/*.csv', 'favorable']`. Undefined when no entry sets it.
 * `key` is a path below the settings object (`['privileged', 'sex']`).
 */
export function datasetSettingPath(
  dataset: DatasetAuditConfig | undefined,
  relativePath: string,
  key: readonly string[],
): string[] | undefined {
  const has = (settings: unknown): boolean => {
    let node = settings;
    for (const part of key) {
      if (typeof node !== 'object' || node === null || !(part in node)) return false;
      node = (node as Record<string, unknown>)[part];
    }
    return true;
  };
  const entries = Object.entries(dataset?.files ?? {}).filter(
    ([pattern, settings]) => matchesFile(pattern, relativePath) && has(settings),
  );
  const last = entries.at(-1);
  if (last) return ['dataset', 'files', last[0], ...key];
  return has(dataset) ? ['dataset', ...key] : undefined;
}
