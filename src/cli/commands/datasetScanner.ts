import path from 'node:path';
import { loadConfig } from '../../engine/config';
import { relativeToRoot } from '../../engine/findings';
import { scanFile } from '../../engine/scan';
import { kindOfFile, promptMatcher } from '../../engine/workspace';
import type { Finding } from '../../shared/findings';

/**
 * The editor's checks on one dataset, with the config that applies to it (nearest `.rml.json`, else defaults
 * rooted at `cwd`): what cards and datasheets count as PII, secrets and bias findings.
 */
export async function scanDataset(file: string, cwd: string): Promise<Finding[]> {
  const loaded = await loadConfig({ startDir: path.dirname(file) });
  const root = loaded.path ? loaded.root : cwd;
  const relativePath = relativeToRoot(root, file);
  const kind = await kindOfFile(file, relativePath, promptMatcher(loaded.config.prompts?.globs), true);
  if (!kind) return [];
  return scanFile(file, {
    file,
    relativePath,
    path: file,
    format: kind.format,
    isPrompt: kind.isPrompt,
    config: loaded.config,
  });
}
