import { existsSync } from 'node:fs';
import path from 'node:path';

/** The names that mark a test or validation split of a training file (`train.csv` ↔ `test.csv`, `dev.csv`…). */
export const SPLIT_NAMES = ['test', 'valid', 'validation', 'val', 'dev', 'eval'] as const;

/**
 * The split files that pair with a training file by the usual naming and exist beside it: `train` (or
 * `training`) in the file name replaced by each of `SPLIT_NAMES`. None for a file whose name has no `train`.
 * `rml audit` and the scan's leakage check both find companions this way.
 */
export function usualSplitFiles(file: string): string[] {
  const base = path.basename(file);
  if (!/train/i.test(base)) return [];
  const candidates = SPLIT_NAMES.map((name) => path.join(path.dirname(file), base.replace(/train(ing)?/i, name)));
  return [...new Set(candidates)].filter((candidate) => candidate !== file && existsSync(candidate));
}
