import type { Finding } from '../../shared/findings';
import type { WrittenLine } from '../../engine/findings';

export type { WrittenLine } from '../../engine/findings';

/** Receives findings as the scan streams them and writes them out at once: memory stays bounded. */
export interface Reporter {
  file(path: string): void;
  finding(finding: Finding): void;
  /** A finding written already, in the format of this reporter (text and JSON only). */
  line?(line: WrittenLine): void;
  end(): void;
}

/** Files and findings per code: the summary every format ends with. */
export class Tally {
  files = 0;
  findings = 0;
  readonly byCode: Record<string, number> = {};
  readonly bySeverity: Record<string, number> = {};

  count(finding: Pick<Finding, 'code' | 'severity'>): void {
    this.findings++;
    this.byCode[finding.code] = (this.byCode[finding.code] ?? 0) + 1;
    this.bySeverity[finding.severity] = (this.bySeverity[finding.severity] ?? 0) + 1;
  }
}
