import { createDatasetAudit, AuditColumnError, type AuditOptions, type AuditResult } from '../../bias';
import { formatOf, parseFile } from '../../parse/index';
import type { Finding } from '../../../shared/findings';

/**
 * How the callers (the CLI, the server) scan a dataset for the cards: the editor's checks with the workspace's
 * config (PII, secrets, prompts, bias, duplicates…). Passed in because the scan pipeline runs card lint, so this
 * folder may not import it.
 */
export type DatasetScanner = (file: string) => Promise<Finding[]>;

/** The audit of a dataset on disk with the given columns, or why there is none. */
export async function auditDatasetFile(
  file: string,
  options: AuditOptions,
): Promise<{ audit?: AuditResult; error?: string }> {
  const format = formatOf(file);
  if (format === undefined || format === 'text') return { error: `${file} is not a CSV, TSV, JSONL or JSON dataset` };
  const audit = createDatasetAudit({ ...options, file });
  try {
    await parseFile(file, format, {
      header: (cells) => audit.addHeader(cells),
      record: (record) => audit.addRecord(record),
      issue: () => undefined,
    });
    return { audit: audit.finish() };
  } catch (error) {
    if (error instanceof AuditColumnError) return { error: error.message };
    return { error: `${file}: ${(error as Error).message}` };
  }
}

/** What a scan found, counted by code, and the findings of a family. */
export interface FindingTally {
  total: number;
  byCode: Record<string, number>;
}

export function tallyFindings(findings: readonly Finding[]): FindingTally {
  const byCode: Record<string, number> = {};
  for (const finding of findings) byCode[finding.code] = (byCode[finding.code] ?? 0) + 1;
  return {
    total: findings.length,
    byCode: Object.fromEntries(Object.entries(byCode).sort(([a], [b]) => a.localeCompare(b))),
  };
}

/** Counts of one family (`pii/`, `secret/`…) by code. */
export function familyCounts(tally: FindingTally, prefix: string): Array<[code: string, count: number]> {
  return Object.entries(tally.byCode).filter(([code]) => code.startsWith(prefix));
}
