import { ledgerEnabled, recordScanInLedger, ScanInputs } from '../../engine/accountability';
import type { Finding } from '../../shared/findings';
import type { Reporter, WrittenLine } from '../report/tally';

/**
 * A reporter that also keeps what the ledger records of an `rml scan`: the files scanned and the findings by
 * code. `end()` ends the report; `recorded()` then appends the entry (the report is never held up by it).
 */
export function ledgerReporter(reporter: Reporter, cwd: string): Reporter & { recorded(): Promise<void> } {
  const files: string[] = [];
  // Hashed as each file's scan begins, so that a large file's hash is ready when its scan ends.
  const inputs = ledgerEnabled() ? new ScanInputs(cwd) : undefined;
  const byCode: Record<string, number> = {};
  let findings = 0;
  const count = (code: string) => {
    findings++;
    byCode[code] = (byCode[code] ?? 0) + 1;
  };
  const line = reporter.line?.bind(reporter);
  return {
    file: (path) => {
      files.push(path);
      inputs?.add(path);
      reporter.file(path);
    },
    finding: (finding: Finding) => {
      count(finding.code);
      reporter.finding(finding);
    },
    ...(line
      ? {
          line: (written: WrittenLine) => {
            count(written.code);
            line(written);
          },
        }
      : {}),
    end: () => reporter.end(),
    recorded: async () => {
      await recordScanInLedger(cwd, { files, findings, byCode, ...(inputs ? { inputs } : {}) });
    },
  };
}
