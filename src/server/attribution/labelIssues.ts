import { ResponseError, type Connection, type TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { URI } from 'vscode-uri';
import { startAttributionWorker, type AttributionWorkerOptions } from '../../engine/attribution';
import { ignoredFingerprints } from '../../engine/config';
import { relativeToRoot } from '../../engine/findings';
import { findDatasetLabelIssues, type ProbabilitySource } from '../../engine/labels';
import { labelIssueFindings } from '../../engine/labels';
import { formatOf } from '../../engine/parse';
import type { DatasetFormat } from '../../engine/parse';
import type { LabelIssuesReport } from '../../shared/attribution';
import type { Finding } from '../../shared/findings';
import type { FindLabelIssuesParams } from '../../shared/protocol';
import type { PublishedFindings } from '../diagnostics';
import type { WorkspaceConfigs } from '../workspaceConfig';
import { documentText } from './explain';

interface StoredIssues {
  report: LabelIssuesReport;
  label: string;
  format: DatasetFormat;
  relativeFile: string;
  /** The dataset's text when the issues were found: used while the document is not open. */
  text: string;
  ignored: ReadonlySet<string>;
}

export interface LabelIssueDeps {
  connection: Connection;
  documents: TextDocuments<TextDocument>;
  published: PublishedFindings;
  configs: WorkspaceConfigs;
  trusted: () => boolean;
  worker: { script: string; options: () => Promise<AttributionWorkerOptions> };
}

/**
 * Label issues found per dataset, shown as `data/label-issue` diagnostics merged into the document's others and
 * placed again on every publish from the document's current text — so a fixed label drops its diagnostic and
 * edits elsewhere move the rest with their rows.
 */
export class LabelIssueStore {
  private readonly byUri = new Map<string, StoredIssues>();

  constructor(private readonly deps: LabelIssueDeps) {
    deps.published.addSource((uri) => this.findingsFor(uri));
  }

  findingsFor(uri: string): Finding[] {
    const stored = this.byUri.get(uri);
    if (!stored) return [];
    void this.refreshIgnored(uri, stored);
    const text = this.deps.documents.get(uri)?.getText() ?? stored.text;
    return labelIssueFindings(stored.report, text, {
      file: uri,
      relativeFile: stored.relativeFile,
      label: stored.label,
      format: stored.format,
      ignored: stored.ignored,
    });
  }

  /** Answers `rml/findLabelIssues`: finds them (k-fold in a worker, or from the user's probabilities) and publishes them. */
  async find(params: FindLabelIssuesParams): Promise<LabelIssuesReport & { uri: string }> {
    const file = URI.parse(params.uri).fsPath;
    const format = formatOf(file);
    if (!format || format === 'text') throw new ResponseError(2, `${file} is not a CSV, TSV, JSONL or JSON dataset`);
    const source = this.sourceOf(params);
    const options = {
      ...(params.filter ? { filter: params.filter } : {}),
      ...(params.rank ? { rank: params.rank } : {}),
    };
    const progress = await this.deps.connection.window.createWorkDoneProgress();
    progress.begin(
      `Finding label issues in ${file.split(/[\\/]/).pop()}`,
      undefined,
      source.kind === 'file' ? 'reading probabilities…' : 'training out of fold…',
      true,
    );
    try {
      let report: LabelIssuesReport;
      if (source.kind === 'file') {
        report = await findDatasetLabelIssues(file, params.label, source, options);
      } else {
        const worker = { ...(await this.deps.worker.options()), onLog: (line: string) => progress.report(line) };
        const handle = startAttributionWorker(
          this.deps.worker.script,
          { task: 'label-issues', file, label: params.label, source, options },
          worker,
        );
        progress.token.onCancellationRequested(() => handle.cancel());
        report = (await handle.result) as LabelIssuesReport;
      }
      await this.store(params.uri, report, params.label, format);
      return { ...report, uri: params.uri };
    } catch (error) {
      throw new ResponseError(2, (error as Error).message);
    } finally {
      progress.done();
    }
  }

  private sourceOf(params: FindLabelIssuesParams): ProbabilitySource {
    if (params.predProbsUri) return { kind: 'file', file: URI.parse(params.predProbsUri).fsPath };
    if (!this.deps.trusted())
      throw new ResponseError(
        1,
        'Finding label issues trains models on your data: trust this workspace first, or give your own predicted probabilities.',
      );
    if (!params.text && !params.features?.length)
      throw new ResponseError(2, 'give a text column, feature columns or a predicted-probabilities file');
    return {
      kind: 'k-fold',
      ...(params.text ? { text: params.text } : { features: params.features ?? [] }),
      ...(params.folds ? { folds: params.folds } : {}),
      ...(params.seed !== undefined ? { seed: params.seed } : {}),
    };
  }

  private async store(uri: string, report: LabelIssuesReport, label: string, format: DatasetFormat): Promise<void> {
    const file = URI.parse(uri).fsPath;
    const loaded = await this.deps.configs.forFile(file);
    const text = await documentText(this.deps.documents, uri);
    this.byUri.set(uri, {
      report,
      label,
      format,
      relativeFile: relativeToRoot(loaded.root, file),
      text,
      ignored: ignoredFingerprints(loaded.config),
    });
    this.deps.published.republish(uri);
  }

  /** The ignore list may have changed (the "Ignore" fix edits .rml.json): publish again when it did. */
  private async refreshIgnored(uri: string, stored: StoredIssues): Promise<void> {
    const loaded = await this.deps.configs.forFile(URI.parse(uri).fsPath);
    const ignored = ignoredFingerprints(loaded.config);
    if (ignored.size === stored.ignored.size && [...ignored].every((print) => stored.ignored.has(print))) return;
    this.byUri.set(uri, { ...stored, ignored });
    this.deps.published.republish(uri);
  }
}
