import path from 'node:path';
import { auditOptionsFromConfig, type AuditResult } from '../../engine/bias';
import { loadConfig } from '../../engine/config';
import { auditDatasetFile, type TreeScan } from '../../engine/accountability';
import { relativeToRoot } from '../../engine/findings';
import { scanFile } from '../../engine/scan';
import { findScannableFiles } from '../../engine/workspace';
import type { Finding } from '../../shared/findings';

const TREE_FILES = new Set([
  '.csv',
  '.tsv',
  '.tab',
  '.jsonl',
  '.ndjson',
  '.json',
  '.prompt',
  '.prompty',
  '.md',
  '.markdown',
  '.txt',
]);

/** The files of a commit worth copying out for a scan: what the scanner reads, and the configs that steer it. */
export function isScanInput(file: string): boolean {
  const base = path.posix.basename(file);
  return base === '.rml.json' || base === '.gitignore' || TREE_FILES.has(path.posix.extname(base).toLowerCase());
}

/**
 * Scans `paths` (relative to `root`) the way `rml scan` does, naming files relative to `root` so both trees of
 * a comparison name (and fingerprint) a file the same way, and audits every tabular dataset with its config.
 */
export async function scanTree(root: string, paths: string[]): Promise<TreeScan> {
  const findings: Finding[] = [];
  const audits: Record<string, AuditResult> = {};
  for (const target of paths.length ? paths : ['.']) {
    const start = path.resolve(root, target);
    const startConfig = await loadConfig({ startDir: start });
    for await (const file of findScannableFiles(start, {
      config: startConfig.config,
      root: startConfig.path ? startConfig.root : root,
    })) {
      const loaded = await loadConfig({ startDir: path.dirname(file.path) });
      const configRoot = loaded.path ? loaded.root : root;
      const name = path.relative(root, file.path).split(path.sep).join('/');
      await scanFile(file.path, {
        file: name,
        relativePath: relativeToRoot(configRoot, file.path),
        path: file.path,
        format: file.format,
        isPrompt: file.isPrompt,
        ...(file.card ? { card: file.card } : {}),
        config: loaded.config,
        onFinding: (finding) => findings.push(finding),
      });
      if (file.format === 'text') continue;
      const audited = await auditDatasetFile(file.path, auditOptionsFromConfig(loaded.config.dataset));
      if (audited.audit) audits[name] = audited.audit;
    }
  }
  return { findings, audits };
}
