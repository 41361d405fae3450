import { DiagnosticSeverity, type Connection, type Diagnostic } from 'vscode-languageserver/node';
import { describeCode } from '../engine/codes';
import type { Finding, Severity } from '../shared/findings';
import type { StatusParams } from '../shared/protocol';

const TO_LSP: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

export const DIAGNOSTIC_SOURCE = 'Responsible ML';

export function toDiagnostic(finding: Finding): Diagnostic {
  const helpUri = finding.data?.helpUri ?? describeCode(finding.code).helpUri;
  return {
    range: finding.range,
    severity: TO_LSP[finding.severity],
    source: DIAGNOSTIC_SOURCE,
    code: finding.code,
    ...(helpUri ? { codeDescription: { href: helpUri } } : {}),
    message: finding.message,
    data: finding.data,
    ...(finding.data?.related?.length
      ? {
          relatedInformation: finding.data.related.map((related) => ({
            location: { uri: related.file, range: related.range },
            message: related.message,
          })),
        }
      : {}),
  };
}

/**
 * The findings published per document URI: code actions and hovers read them back, and the status bar
 * shows their totals. Publishing is capped per file so a dataset full of e-mails cannot flood the editor.
 */
export class PublishedFindings {
  private readonly byUri = new Map<string, Finding[]>();
  /** Findings made outside the document scan (label issues), merged into every publish of their document. */
  private readonly sources: Array<(uri: string) => Finding[]> = [];
  private readonly lastPublish = new Map<string, { findings: Finding[]; limit: number }>();
  private readonly listeners: Array<(uri: string, findings: readonly Finding[]) => void> = [];

  constructor(
    private readonly connection: Connection,
    private readonly onChange: () => void,
  ) {}

  /** Called with every file's complete findings when they are published (before the per-file cap). */
  onPublish(listener: (uri: string, findings: readonly Finding[]) => void): void {
    this.listeners.push(listener);
  }

  addSource(source: (uri: string) => Finding[]): void {
    this.sources.push(source);
  }

  /** Publishes a document again (its last scan's findings with the sources'), after a source changed. */
  republish(uri: string, limit = 1000): void {
    const last = this.lastPublish.get(uri);
    this.publish(uri, last?.findings ?? [], last?.limit ?? limit);
  }

  publish(uri: string, scanned: Finding[], limit: number, version?: number): void {
    this.lastPublish.set(uri, { findings: scanned, limit });
    const findings =
      this.sources.length === 0 ? scanned : [...scanned, ...this.sources.flatMap((source) => source(uri))];
    const shown = findings.slice(0, limit);
    this.byUri.set(uri, shown);
    for (const listener of this.listeners) listener(uri, findings);
    void this.connection.sendDiagnostics({ uri, version, diagnostics: shown.map(toDiagnostic) });
    if (findings.length > limit) {
      this.connection.console.info(
        `${uri}: showing ${limit} of ${findings.length} findings (responsibleML.maxDiagnosticsPerFile)`,
      );
    }
    this.onChange();
  }

  clear(uri: string): void {
    this.lastPublish.delete(uri);
    if (!this.byUri.delete(uri)) return;
    void this.connection.sendDiagnostics({ uri, diagnostics: [] });
    this.onChange();
  }

  get(uri: string): readonly Finding[] {
    return this.byUri.get(uri) ?? [];
  }

  uris(): string[] {
    return [...this.byUri.keys()];
  }

  /** Published findings by severity, over every file or over `uris`. */
  totals(uris?: Iterable<string>): Pick<StatusParams, 'findings' | 'files'> {
    const findings = { error: 0, warning: 0, information: 0, hint: 0 };
    let files = 0;
    const lists = uris ? [...uris].map((uri) => this.get(uri)) : [...this.byUri.values()];
    for (const list of lists) {
      if (list.length > 0) files++;
      for (const finding of list) findings[finding.severity]++;
    }
    return { findings, files };
  }
}
