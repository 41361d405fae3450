import ignore from 'ignore';
import type { DatasetAuditConfig, DatasetSettings } from '../../shared/config';

/**
 * The dataset settings that apply to one file: `.rml.json`'s `dataset`, overridden by each `dataset.files` entry
 * whose key (a file or a gitignore-style glob, relative to the config's folder) matches the file, in order. Every
 * reader of dataset settings — the scan, the editor, `rml audit`, `rml train`, the Train picker — goes through
 * here, so a file gets the same settings everywhere.
 *
 * @param relativePath the file relative to the config's folder, with `/` separators.
 */
export function datasetSettingsFor(dataset: DatasetAuditConfig | undefined, relativePath: string): DatasetAuditConfig | undefined {
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
