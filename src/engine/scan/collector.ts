import type { RmlConfig } from '../../shared/config';
import type { Finding, FindingData, Range, Severity } from '../../shared/findings';
import { effectiveSeverity, ignoredFingerprints, isCheckEnabled } from '../config';
import { fingerprint } from '../findings';

/** Per-editor overrides from the `responsibleML.*` settings; `.rml.json` wins over them for severities. */
export interface EditorOverrides {
  checks?: Record<string, boolean>;
  severity?: Record<string, Severity>;
}

export interface NewFinding {
  code: string;
  range: Range;
  severity: Severity;
  message: string;
  /** What was found (the matched text, the column…): the fingerprint is derived from it, never from the range. */
  subject: string;
  /** Becomes the finding's data as it is, the fingerprint added (not copied: pass an object of this finding's own). */
  data?: Omit<FindingData, 'fingerprint'>;
}

/**
 * The one place where findings are admitted: checks switched off, ignored fingerprints and severity
 * overrides apply here, for every analyzer, in the editor and the CLI alike.
 */
export class FindingCollector {
  /** Kept only when no `onFinding` callback streams them away. */
  readonly findings: Finding[] = [];
  private readonly ignored: ReadonlySet<string>;
  /** The config does not change during a scan: each code's answers are worked out once, not per finding. */
  private readonly enabledByCode = new Map<string, boolean>();
  /** By code, then by the severity the check gave. */
  private readonly severityByCode = new Map<string, Partial<Record<Severity, Severity>>>();
  /** Whether the checks' findings get their fingerprint (ScanRequest.fingerprints); ignores need them to match. */
  private readonly printed: boolean;

  constructor(
    private readonly file: string,
    private readonly relativePath: string,
    private readonly config: RmlConfig,
    private readonly overrides: EditorOverrides = {},
    private readonly onFinding?: (finding: Finding) => void,
    fingerprints = true,
  ) {
    this.ignored = ignoredFingerprints(config);
    this.printed = fingerprints || this.ignored.size > 0;
  }

  /** A bound function, so it can be handed to detectors as their `enabled` option and keep one identity. */
  readonly isEnabled = (code: string): boolean => {
    let enabled = this.enabledByCode.get(code);
    if (enabled === undefined) {
      enabled = isCheckEnabled(this.config, code, this.overrides.checks);
      this.enabledByCode.set(code, enabled);
    }
    return enabled;
  };

  /**
   * The one way in for findings: a check's new finding (its fingerprint made here from `subject`), or a whole
   * finding built by a check that fingerprints it itself (dataset audit, chat validation).
   */
  add(candidate: NewFinding | Finding): void {
    if (!this.isEnabled(candidate.code)) return;
    if (!('subject' in candidate)) return this.addBuilt(candidate);
    const print = this.printed ? fingerprint(candidate.code, this.relativePath, candidate.subject) : undefined;
    if (print !== undefined && this.ignored.has(print)) return;
    this.deliver({
      file: this.file,
      range: candidate.range,
      code: candidate.code,
      severity: this.severityOf(candidate.code, candidate.severity),
      message: candidate.message,
      // Unprinted, the data goes as the check made it: nobody reads a fingerprint of this scan.
      data: print === undefined ? (candidate.data as FindingData) : withFingerprint(candidate.data, print),
    });
  }

  /** A finding a collector with this same file and config admitted already (a worker's, on a chunk of the file). */
  admitted(finding: Finding): void {
    this.deliver(finding);
  }

  private addBuilt(finding: Finding): void {
    if (finding.data && this.ignored.has(finding.data.fingerprint)) return;
    this.deliver({ ...finding, file: this.file, severity: this.severityOf(finding.code, finding.severity) });
  }

  private deliver(admitted: Finding): void {
    // Streaming callers (the CLI on a 1 GB file) take findings as they come instead of keeping them all.
    if (this.onFinding) this.onFinding(admitted);
    else this.findings.push(admitted);
  }

  private severityOf(code: string, detected: Severity): Severity {
    let byDetected = this.severityByCode.get(code);
    if (!byDetected) this.severityByCode.set(code, (byDetected = {}));
    let severity = byDetected[detected];
    if (severity === undefined) {
      severity = effectiveSeverity(this.config, code, detected, this.overrides.severity);
      byDetected[detected] = severity;
    }
    return severity;
  }
}

/**
 * The candidate's data with the fingerprint added last (where a spread copy would put it). Adding it in place
 * spares a copy per finding; a spread of data objects of many shapes was a hot spot of large scans.
 */
function withFingerprint(data: Omit<FindingData, 'fingerprint'> | undefined, fingerprint: string): FindingData {
  if (!data) return { fingerprint };
  const owned = data as FindingData;
  owned.fingerprint = fingerprint;
  return owned;
}
