import path from 'node:path';
import type { Connection, TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { URI } from 'vscode-uri';
import { relativeToRoot } from '../engine/findings/fingerprint';
import { scanFile, scanText, type ScanRequest } from '../engine/scan/scan';
import { DetectionCache } from '../engine/scan/sensitiveCells';
import { kindOf, kindOfFile, promptMatcher, type FileKind } from '../engine/workspace/fileKinds';
import type { Finding } from '../shared/findings';
import type { RmlSettings } from '../shared/settings';
import type { PublishedFindings } from './diagnostics';
import type { WorkspaceConfigs } from './workspaceConfig';

interface Pending {
  timer?: NodeJS.Timeout;
  controller?: AbortController;
}

/**
 * Analyses open documents as they change: debounced per document, the previous analysis of a document
 * aborted when a newer version arrives, results published only if the document is still at the version
 * that was analysed. Detector results are cached per document so an edit re-runs detectors only on the
 * cells it changed.
 */
export class DocumentScanner {
  private readonly pending = new Map<string, Pending>();
  private readonly caches = new Map<string, DetectionCache>();

  constructor(
    private readonly connection: Connection,
    private readonly documents: TextDocuments<TextDocument>,
    private readonly configs: WorkspaceConfigs,
    private readonly published: PublishedFindings,
    private readonly settings: () => Promise<RmlSettings>,
  ) {}

  schedule(document: TextDocument, delayMs: number): void {
    const entry = this.entryFor(document.uri);
    clearTimeout(entry.timer);
    entry.controller?.abort();
    entry.timer = setTimeout(() => void this.analyse(document.uri), delayMs);
  }

  /** The document was closed: forget its state and show what is true of the file on disk. */
  async closed(uri: string): Promise<void> {
    const entry = this.pending.get(uri);
    clearTimeout(entry?.timer);
    entry?.controller?.abort();
    this.pending.delete(uri);
    this.caches.delete(uri);
    const filePath = URI.parse(uri).scheme === 'file' ? URI.parse(uri).fsPath : undefined;
    if (!filePath) return this.published.clear(uri);
    const settings = await this.settings();
    const request = await this.requestForFile(uri, filePath);
    if (!request) return this.published.clear(uri);
    try {
      const { kept } = await scanFileCapped(filePath, request, settings.maxDiagnosticsPerFile);
      this.published.publish(uri, kept, settings.maxDiagnosticsPerFile);
    } catch {
      this.published.clear(uri); // deleted or unreadable: nothing to show
    }
  }

  rescheduleAll(): void {
    for (const document of this.documents.all()) this.schedule(document, 0);
  }

  /** A request for scanning a file from disk, or undefined when the file is not one we scan. */
  async requestForFile(uri: string, filePath: string, kind?: FileKind): Promise<ScanRequest | undefined> {
    const loaded = await this.configs.forFile(filePath);
    const settings = await this.settings();
    const relativePath = relativeToRoot(loaded.root, filePath);
    const isPromptPath = promptMatcher(loaded.config.prompts?.globs ?? settings.prompts.globs);
    const resolved = kind ?? (await kindOfFile(filePath, relativePath, isPromptPath, false));
    if (!resolved) return undefined;
    return { file: uri, relativePath, path: filePath, displayNameOf: fileUri, config: loaded.config, overrides: settings, ...resolved };
  }

  private async analyse(uri: string): Promise<void> {
    const document = this.documents.get(uri);
    if (!document) return;
    const settings = await this.settings();
    if (!settings.enable) return this.published.clear(uri);
    const request = await this.requestForDocument(document, settings);
    if (!request) return this.published.clear(uri);
    const text = document.getText();
    if (text.length > settings.maxFileSizeMB * 1024 * 1024) return this.publishTooLarge(document, settings);
    const entry = this.entryFor(uri);
    const controller = new AbortController();
    entry.controller = controller;
    const version = document.version;
    let findings: Finding[];
    try {
      findings = await scanText(text, { ...request, signal: controller.signal, cache: this.cacheFor(uri) });
    } catch (error) {
      if (controller.signal.aborted) return; // a newer version is on its way
      this.connection.console.error(`Analysis of ${uri} failed: ${(error as Error).stack ?? String(error)}`);
      return;
    }
    if (controller.signal.aborted || this.documents.get(uri)?.version !== version) return;
    this.published.publish(uri, findings, settings.maxDiagnosticsPerFile, version);
  }

  /** What an open document is to the scanner (dataset format, prompt or not), or undefined when it is not ours. */
  async kindForDocument(document: TextDocument): Promise<FileKind | undefined> {
    return (await this.requestForDocument(document, await this.settings()))?.kind;
  }

  private async requestForDocument(document: TextDocument, settings: RmlSettings): Promise<(ScanRequest & { kind: FileKind }) | undefined> {
    const parsed = URI.parse(document.uri);
    // Untitled documents have no path: treat them as if they sat at the first workspace folder's root.
    const filePath = parsed.scheme === 'file' ? parsed.fsPath : path.join(this.configs.workspaceFolders()[0] ?? process.cwd(), parsed.path);
    const loaded = await this.configs.forFile(filePath);
    const relativePath = relativeToRoot(loaded.root, filePath);
    const kind = kindOf({
      fileName: filePath,
      relativePath,
      languageId: document.languageId,
      head: document.getText({ start: { line: 0, character: 0 }, end: { line: 50, character: 0 } }),
      isPromptPath: promptMatcher(loaded.config.prompts?.globs ?? settings.prompts.globs),
    });
    if (!kind) return undefined;
    const onDisk = parsed.scheme === 'file' ? { path: filePath } : {};
    return { file: document.uri, relativePath, ...onDisk, displayNameOf: fileUri, config: loaded.config, overrides: settings, ...kind, kind };
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

  private entryFor(uri: string): Pending {
    let entry = this.pending.get(uri);
    if (!entry) {
      entry = {};
      this.pending.set(uri, entry);
    }
    return entry;
  }

  private cacheFor(uri: string): DetectionCache {
    let cache = this.caches.get(uri);
    if (!cache) {
      cache = new DetectionCache();
      this.caches.set(uri, cache);
    }
    return cache;
  }
}

/** Scans a file from disk keeping only the first `limit` findings (a 1 GB file may hold millions). */
export async function scanFileCapped(filePath: string, request: ScanRequest, limit: number): Promise<{ kept: Finding[]; total: number }> {
  const kept: Finding[] = [];
  let total = 0;
  await scanFile(filePath, {
    ...request,
    onFinding: (finding) => {
      total++;
      if (kept.length < limit) kept.push(finding);
    },
  });
  return { kept, total };
}

function fileUri(absolutePath: string): string {
  return URI.file(absolutePath).toString();
}
