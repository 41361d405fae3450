import { existsSync } from 'node:fs';
import path from 'node:path';
import { createDatasetAudit } from '../bias/audit';
import { auditFindings } from '../bias/findings';
import { AuditColumnError, auditOptionsFromConfig, type AuditResult } from '../bias/types';
import { parseFile, parseText } from '../parse/index';
import type { DatasetFormat } from '../parse/types';
import type { RmlConfig } from '../../shared/config';
import type { RecordAnalyzer } from './analyzers';
import type { FindingCollector } from './collector';
import type { ScanRequest } from './request';

/** The split names that pair with a training file by the usual naming (`train.csv` ↔ `test.csv`). */
const SPLIT_NAMES = ['test', 'valid', 'validation', 'dev', 'eval'];

/**
 * The dataset audit as a scan family: group disparities, representation, identity terms, proxies, duplicates
 * and, for a training split, leakage into its test/validation files read from disk. A `.rml.json` that names
 * columns this file lacks does not apply to it (one config serves every dataset of a workspace).
 */
export function datasetAuditAnalyzer(request: ScanRequest, collector: FindingCollector): RecordAnalyzer {
  const audit = createDatasetAudit({ ...auditOptionsFromConfig(request.config.dataset), file: request.file, findingsOnly: true });
  let usable = true;
  const stopOnColumnError = (error: unknown) => {
    if (!(error instanceof AuditColumnError)) throw error;
    usable = false;
  };
  const guarded = (step: () => void) => {
    if (!usable) return;
    try {
      step();
    } catch (error) {
      stopOnColumnError(error);
    }
  };
  return {
    header: (cells) => guarded(() => audit.addHeader(cells)),
    // Called for every row: no closure per call.
    record: (record) => {
      if (!usable) return;
      try {
        audit.addRecord(record);
      } catch (error) {
        stopOnColumnError(error);
      }
    },
    finish: async () => {
      if (!usable) return;
      for (const companion of request.path ? splitCompanions(request.path, request) : []) {
        const sink = audit.companion(request.displayNameOf?.(companion) ?? companion);
        await parseFile(companion, request.format, { header: sink.addHeader, record: sink.addRecord, issue: () => undefined });
      }
      guarded(() => {
        for (const finding of auditFindings(audit.finish(), request.file, { relativePath: request.relativePath })) collector.admit(finding);
      });
    },
  };
}

/** Test and validation splits of a training file: configured pairs first, then the usual file names. */
export function splitCompanions(filePath: string, request: Pick<ScanRequest, 'relativePath' | 'config'>): string[] {
  const root = filePath.slice(0, filePath.length - request.relativePath.length);
  const configured = (request.config.dataset?.splits ?? []).filter((pair) => pair.train === request.relativePath).map((pair) => path.join(root, pair.test));
  const base = path.basename(filePath);
  const named = /train/i.test(base) ? SPLIT_NAMES.map((name) => path.join(path.dirname(filePath), base.replace(/train(ing)?/i, name))) : [];
  return [...new Set([...configured, ...named])].filter((candidate) => candidate !== filePath && existsSync(candidate));
}

/** The audit of an in-memory document (what the reweighing fix needs), or undefined when the config's columns are absent. */
export function auditText(text: string, format: DatasetFormat, config: RmlConfig, file: string): AuditResult | undefined {
  const audit = createDatasetAudit({ ...auditOptionsFromConfig(config.dataset), file });
  const parsed = parseText(text, format);
  try {
    if (parsed.header) audit.addHeader(parsed.header);
    for (const record of parsed.records) audit.addRecord(record);
    return audit.finish();
  } catch (error) {
    if (error instanceof AuditColumnError) return undefined;
    throw error;
  }
}
