/**
 * Findings: what every check in the engine reports, in one JSON-able shape shared by the server,
 * the CLI and the webviews. Positions are LSP-style: 0-based lines, 0-based UTF-16 code-unit columns.
 */

export interface Position {
  line: number;
  character: number;
}

export interface Range {
  start: Position;
  end: Position;
}

/** A document edit, LSP-style: what quick fixes are made of. */
export interface TextEdit {
  range: Range;
  newText: string;
}

/** What the README, hovers, diagnostics' links and SARIF rules say of a finding code. */
export interface CodeInfo {
  code: string;
  title: string;
  description: string;
  helpUri?: string;
  /** OWASP Top 10 for LLM Applications 2025 id. */
  owasp?: string;
}

/** Ordered from most to least severe; the CLI's `--fail-on` compares with this order. */
export const SEVERITIES = ['error', 'warning', 'information', 'hint'] as const;
export type Severity = (typeof SEVERITIES)[number];

/** Another place that explains a finding (a duplicate row, the other file of a leak). */
export interface RelatedLocation {
  file: string;
  range: Range;
  message: string;
}

/** The kinds of quick fix the engine can compute for a finding; the server turns them into code actions. */
export type FixKind =
  | 'redact'
  | 'mask'
  | 'hash'
  | 'strip-invisible'
  | 'replace'
  | 'wrap-variable'
  | 'reweigh'
  | 'mark-sensitive'
  | 'set-label'
  | 'insert-section'
  | 'change-label'
  | 'redact-column'
  | 'hash-column';

export interface FindingData {
  /** Stable identity used by "Ignore": survives edits elsewhere in the file. */
  fingerprint: string;
  /** 0..1; severity follows it for detectors that have one. */
  confidence?: number;
  /** Human-readable reasons, e.g. "Luhn checksum valid", "column name 'email'". */
  evidence?: string[];
  /** The dataset column (CSV header or JSON key path) the finding sits in. */
  column?: string;
  /** What the finding is about when that is more than its column, e.g. the intersection `sex × race`. */
  subject?: string;
  /** OWASP Top 10 for LLM Applications 2025 id, e.g. "LLM01:2025". */
  owasp?: string;
  /** Link documenting the code (becomes LSP `codeDescription.href` and SARIF `helpUri`). */
  helpUri?: string;
  /** Markdown shown on hover, beyond the message. */
  hover?: string;
  /** The fixes that apply; replacements are computed on demand from the range and the document. */
  fixes?: FixKind[];
  /** For `replace` fixes: the candidate replacement texts, best first. */
  suggestions?: string[];
  /** Placeholder used by the redact fix, e.g. "<EMAIL>". */
  placeholder?: string;
  related?: RelatedLocation[];
  [key: string]: unknown;
}

export interface Finding {
  /** Path as the caller named the file (CLI: as given; server: the document URI). */
  file: string;
  range: Range;
  code: string;
  severity: Severity;
  message: string;
  data?: FindingData;
}

/**
 * The one count of findings the status bar, Scan Workspace and the docs give: what the Problems panel lists, i.e.
 * published errors, warnings and notes (hints are shown in the editor only, not in the Problems panel).
 */
export function problemsCount(bySeverity: Readonly<Record<Severity, number>>): number {
  return bySeverity.error + bySeverity.warning + bySeverity.information;
}

export function compareSeverity(a: Severity, b: Severity): number {
  return SEVERITIES.indexOf(a) - SEVERITIES.indexOf(b);
}

/** True when `severity` is at least as severe as `threshold`. */
export function isAtLeast(severity: Severity, threshold: Severity): boolean {
  return compareSeverity(severity, threshold) <= 0;
}
