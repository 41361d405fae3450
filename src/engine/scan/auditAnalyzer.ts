import { existsSync } from 'node:fs';
import path from 'node:path';
import {
  createDatasetAudit,
  usualSplitFiles,
  auditFindings,
  AuditColumnError,
  auditOptionsFromConfig,
  type AuditResult,
} from '../bias';
import { MAX_CONFIGURED_FILE_BYTES } from '../config';
import { parseFile, parseText } from '../parse/index';
import type { DatasetFormat } from '../parse';
import type { RmlConfig } from '../../shared/config';
import type { Finding } from '../../shared/findings';
import type { RecordAnalyzer } from './analyzers';
import type { FindingCollector } from './collector';
import type { ScanRequest } from './request';

/**
 * The dataset audit as a scan analyzer: group disparities, representation, identity terms, proxies, duplicates
 * and, for a training split, leakage into its test/validation files read from disk. A `.rml.json` that names
 * columns this file lacks does not apply to it (one config serves every dataset of a workspace).
 */
export interface DatasetAuditAnalyzer extends Required<Pick<RecordAnalyzer, 'header' | 'record' | 'finish'>> {
  /** The columns `record` reads from now on (see `DatasetAudit.columnsRead`); [] once the audit gave up on the file. */
  columnsRead(): readonly string[] | undefined;
}

/** `alreadyReported`: a finding another check made already about the same thing (it is then left out). */
export function datasetAuditAnalyzer(
  request: ScanRequest,
  collector: FindingCollector,
  alreadyReported: (finding: Finding) => boolean = () => false,
): DatasetAuditAnalyzer {
  const audit = createDatasetAudit({
    ...auditOptionsFromConfig(request.config.dataset, request.relativePath),
    file: request.file,
    findingsOnly: true,
  });
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
  /** A split that cannot be read (a link to a device, say) leaves the leak check without it; the audit goes on. */
  const readCompanion = async (companion: string) => {
    const sink = audit.companion(request.displayNameOf?.(companion) ?? companion);
    const options = { maxBytes: MAX_CONFIGURED_FILE_BYTES, signal: request.signal };
    await parseFile(
      companion,
      request.format,
      { header: sink.addHeader, record: sink.addRecord, issue: () => undefined },
      options,
    ).catch((error: unknown) => {
      if (request.signal?.aborted) throw error;
    });
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
      for (const companion of request.path ? splitCompanions(request.path, request) : [])
        await readCompanion(companion);
      guarded(() => {
        for (const finding of auditFindings(audit.finish(), request.file, { relativePath: request.relativePath })) {
          if (!alreadyReported(finding)) collector.add(finding);
        }
      });
    },
    columnsRead: () => (usable ? audit.columnsRead() : []),
  };
}

/** Test and validation splits of a training file: configured pairs first, then the usual file names. */
export function splitCompanions(filePath: string, request: Pick<ScanRequest, 'relativePath' | 'config'>): string[] {
  const root = filePath.slice(0, filePath.length - request.relativePath.length);
  const configured = (request.config.dataset?.splits ?? [])
    .filter((pair) => pair.train === request.relativePath)
    .map((pair) => path.join(root, pair.test));
  const named = usualSplitFiles(filePath);
  return [...new Set([...configured, ...named])].filter((candidate) => candidate !== filePath && existsSync(candidate));
}

/** The audit of an in-memory document (what the reweighing fix needs), or undefined when the config's columns are absent. */
export function auditText(
  text: string,
  format: DatasetFormat,
  config: RmlConfig,
  file: string,
  relativePath?: string,
): AuditResult | undefined {
  // `relativePath` (to the config's folder) applies the `dataset.files` entries for this file, as the scan does.
  const audit = createDatasetAudit({ ...auditOptionsFromConfig(config.dataset, relativePath), file });
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
