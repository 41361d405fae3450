import type { Connection, TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { URI } from 'vscode-uri';
import type { ScanRequest, ScanScope } from '../engine/scan';
import type { FileKind } from '../engine/workspace';
import type { Finding } from '../shared/findings';
import type { RmlSettings } from '../shared/settings';
import type { PublishedFindings } from './diagnostics';
import type { AnalysisPool } from './analysis/analysisPool';
import type { PortableScanRequest } from './analysis/analysisProtocol';
import { scanFileCapped, type ScanRequests } from './scanRequests';

/** Above this size, whole-dataset statistics (the audit) wait for a quiet moment instead of running on every edit. */
const LIVE_AUDIT_LIMIT = 256 * 1024;
const AUDIT_QUIET_MS = 1000;

interface DocumentState {
  timers: Partial<Record<'cells' | 'dataset', NodeJS.Timeout>>;
  controllers: Partial<Record<ScanScope, AbortController>>;
  /** The last results of each pass; what is published is their union. */
  cells: Finding[];
  dataset: Finding[];
}

/**
 * Analyses open documents as they change: debounced per document; the previous analysis aborted when a newer
 * version arrives; results published only if the document is still at the version analysed. The work runs in
 * the analysis workers (a time budget per document; detector results cached per (column, value) there, so an
 * edit re-runs detectors only on the cells it changed). In large datasets the per-cell checks run on every edit
 * and the whole-dataset audit after a quiet second.
 */
export class DocumentScanner {
  private readonly states = new Map<string, DocumentState>();

  constructor(
    private readonly connection: Connection,
    private readonly documents: TextDocuments<TextDocument>,
    private readonly requests: ScanRequests,
    private readonly published: PublishedFindings,
    private readonly settings: () => Promise<RmlSettings>,
    private readonly pool: AnalysisPool,
  ) {}

  schedule(document: TextDocument, delayMs: number): void {
    const state = this.stateOf(document.uri);
    const split = document.getText().length > LIVE_AUDIT_LIMIT;
    this.restart(state, 'cells', delayMs, () => this.analyse(document.uri, split ? 'cells' : 'all'));
    if (split)
      this.restart(state, 'dataset', Math.max(delayMs, AUDIT_QUIET_MS), () => this.analyse(document.uri, 'dataset'));
  }

  /** The document was closed: forget its state and show what is true of the file on disk. */
  async closed(uri: string): Promise<void> {
    const state = this.states.get(uri);
    if (state) this.stop(state);
    this.states.delete(uri);
    this.pool.forget(uri);
    const parsed = URI.parse(uri);
    if (parsed.scheme !== 'file') return this.published.clear(uri);
    const request = await this.requests.forFile(uri, parsed.fsPath);
    if (!request) return this.published.clear(uri);
    try {
      const { kept } = await scanFileCapped(parsed.fsPath, request, (await this.settings()).maxDiagnosticsPerFile);
      this.published.publish(uri, kept, (await this.settings()).maxDiagnosticsPerFile);
    } catch {
      this.published.clear(uri); // deleted or unreadable: nothing to show
    }
  }

  /** Analyses an open document now (Scan Workspace) and resolves once its findings are published. */
  async analyseNow(document: TextDocument): Promise<void> {
    const state = this.stateOf(document.uri);
    this.stop(state);
    await this.analyse(document.uri, 'all');
  }

  rescheduleAll(): void {
    for (const document of this.documents.all()) this.schedule(document, 0);
  }

  async kindForDocument(document: TextDocument): Promise<FileKind | undefined> {
    return (await this.requests.forDocument(document))?.kind;
  }

  private async analyse(uri: string, scope: ScanScope): Promise<void> {
    const document = this.documents.get(uri);
    const state = this.states.get(uri);
    if (!document || !state) return;
    const settings = await this.settings();
    if (!settings.enable) return this.published.clear(uri);
    const request = await this.requests.forDocument(document);
    if (!request) return this.published.clear(uri);
    const text = document.getText();
    if (text.length > settings.maxFileSizeMB * 1024 * 1024) return this.publishTooLarge(document, settings);
    const controller = new AbortController();
    state.controllers[scope] = controller;
    const version = document.version;
    const budget = settings.analysisTimeoutSeconds * 1000;
    const outcome = await this.pool.analyse(uri, text, { ...portable(request), scope }, budget, controller.signal);
    if (outcome.state === 'cancelled' || controller.signal.aborted) return; // a newer version is on its way
    if (outcome.state === 'failed') {
      this.connection.console.error(`Analysis of ${uri} failed: ${outcome.message}`);
      return;
    }
    if (this.documents.get(uri)?.version !== version) return;
    const findings = outcome.state === 'done' ? outcome.findings : [timedOut(uri, outcome.seconds)];
    if (scope === 'dataset') state.dataset = findings;
    else
      state.cells =
        outcome.state === 'done'
          ? findings
          : [...state.cells.filter((finding) => finding.code !== 'data/analysis-timeout'), ...findings];
    if (scope === 'all') state.dataset = [];
    this.published.publish(uri, [...state.cells, ...state.dataset], settings.maxDiagnosticsPerFile, version);
  }

  private restart(state: DocumentState, pass: 'cells' | 'dataset', delayMs: number, run: () => Promise<void>): void {
    clearTimeout(state.timers[pass]);
    const scopes: ScanScope[] = pass === 'cells' ? ['cells', 'all'] : ['dataset'];
    for (const scope of scopes) state.controllers[scope]?.abort();
    state.timers[pass] = setTimeout(() => void run(), delayMs);
  }

  private stop(state: DocumentState): void {
    for (const timer of Object.values(state.timers)) clearTimeout(timer);
    for (const controller of Object.values(state.controllers)) controller?.abort();
  }

  private publishTooLarge(document: TextDocument, settings: RmlSettings): void {
    const finding: Finding = {
      file: document.uri,
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      code: 'data/too-large',
      severity: 'information',
      message: `Not analysed as you type: larger than responsibleML.maxFileSizeMB (${settings.maxFileSizeMB} MB). Run "Responsible ML: Scan Workspace" to scan it from disk.`,
    };
    this.published.publish(document.uri, [finding], settings.maxDiagnosticsPerFile, document.version);
  }

  private stateOf(uri: string): DocumentState {
    let state = this.states.get(uri);
    if (!state) {
      state = { timers: {}, controllers: {}, cells: [], dataset: [] };
      this.states.set(uri, state);
    }
    return state;
  }
}

/** What crosses to an analysis worker: the request without its callbacks (the worker makes its own). */
function portable(request: ScanRequest): PortableScanRequest {
  const { displayNameOf: _name, onFinding: _finding, signal: _signal, cache: _cache, ...rest } = request;
  return rest;
}

/** The finding that says an analysis was stopped; the document keeps its last complete findings besides it. */
function timedOut(uri: string, seconds: number): Finding {
  return {
    file: uri,
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    code: 'data/analysis-timeout',
    severity: 'warning',
    message: `Analysis stopped after ${seconds} s (responsibleML.analysisTimeoutSeconds); the findings shown are from the last complete analysis`,
  };
}
