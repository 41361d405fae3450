import type { RmlConfig } from '../../shared/config';
import type { Finding, FindingData, Range, Severity } from '../../shared/findings';
import { effectiveSeverity, ignoredFingerprints, isCheckEnabled } from '../config/rules';
import { fingerprint } from '../findings/fingerprint';

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
  data?: Omit<FindingData, 'fingerprint'>;
}

/**
 * The one place where findings are admitted: checks switched off, ignored fingerprints and severity
 * overrides apply here, for every family of checks, in the editor and the CLI alike.
 */
export class FindingCollector {
  /** Kept only when no `onFinding` callback streams them away. */
  readonly findings: Finding[] = [];
  private readonly ignored: ReadonlySet<string>;

  constructor(
    private readonly file: string,
    private readonly relativePath: string,
    private readonly config: RmlConfig,
    private readonly overrides: EditorOverrides = {},
    private readonly onFinding?: (finding: Finding) => void,
  ) {
    this.ignored = ignoredFingerprints(config);
  }

  isEnabled(code: string): boolean {
    return isCheckEnabled(this.config, code, this.overrides.checks);
  }

  add(candidate: NewFinding): void {
    const print = fingerprint(candidate.code, this.relativePath, candidate.subject);
    this.admit({
      file: this.file,
      range: candidate.range,
      code: candidate.code,
      severity: candidate.severity,
      message: candidate.message,
      data: { ...candidate.data, fingerprint: print },
    });
  }

  /** For checks that build whole findings themselves (dataset audit, chat validation). */
  admit(finding: Finding): void {
    if (!this.isEnabled(finding.code)) return;
    if (finding.data && this.ignored.has(finding.data.fingerprint)) return;
    const severity = effectiveSeverity(this.config, finding.code, finding.severity, this.overrides.severity);
    const admitted = { ...finding, file: this.file, severity };
    // Streaming callers (the CLI on a 1 GB file) take findings as they come instead of keeping them all.
    if (this.onFinding) this.onFinding(admitted);
    else this.findings.push(admitted);
  }
}
