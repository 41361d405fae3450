import path from 'node:path';
import type { Connection, TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { URI } from 'vscode-uri';
import { findScannableFiles, type ScannableFile } from '../engine/workspace';
import { problemsCount } from '../shared/findings';
import type { ScanWorkspaceParams, ScanWorkspaceResult } from '../shared/protocol';
import type { RmlSettings } from '../shared/settings';
import type { PublishedFindings } from './diagnostics';
import type { DocumentScanner } from './documentScanner';
import { scanFileCapped, type ScanRequests } from './scanRequests';
import type { WorkspaceConfigs } from './workspaceConfig';

export interface WorkspaceScanDeps {
  connection: Connection;
  documents: TextDocuments<TextDocument>;
  configs: WorkspaceConfigs;
  scanner: DocumentScanner;
  requests: ScanRequests;
  published: PublishedFindings;
  settings: () => Promise<RmlSettings>;
}

/**
 * "Scan Workspace": every dataset and prompt file under the workspace folders, read from disk in bounded
 * memory (files too large for VS Code to sync to extensions included), published file by file, with a
 * cancellable progress notification. Open documents are re-analysed from the editor's text instead.
 */
export async function scanWorkspace(
  params: ScanWorkspaceParams,
  deps: WorkspaceScanDeps,
): Promise<ScanWorkspaceResult> {
  const progress = await deps.connection.window.createWorkDoneProgress();
  progress.begin('Responsible ML: scanning workspace', undefined, 'finding files…', true);
  const controller = new AbortController();
  progress.token.onCancellationRequested(() => controller.abort());
  const result: ScanWorkspaceResult = {
    files: 0,
    findings: 0,
    hints: 0,
    beyondLimit: 0,
    skipped: [],
    cancelled: false,
  };
  const settings = await deps.settings();
  const scanned = new Set<string>();
  try {
    for (const folder of deps.configs.workspaceFolders()) {
      for await (const file of filesOf(folder, params, deps, controller.signal)) {
        progress.report(`${path.relative(folder, file.path)} (${result.files} scanned)`);
        await scanOne(file, result, scanned, deps, settings, controller.signal);
      }
    }
  } catch (error) {
    if (!controller.signal.aborted) throw error;
    result.cancelled = true;
  } finally {
    progress.done();
  }
  // The status bar's number, from what is published in all: the toast, the status bar and the Problems panel agree.
  const { findings } = deps.published.totals();
  result.findings = problemsCount(findings);
  result.hints = deps.published.totals(scanned).findings.hint;
  deps.connection.console.info(
    `Workspace scan ${result.cancelled ? 'cancelled' : 'done'}: ${result.files} files, ${result.findings} findings, ${result.skipped.length} skipped`,
  );
  return result;
}

async function* filesOf(folder: string, params: ScanWorkspaceParams, deps: WorkspaceScanDeps, signal: AbortSignal) {
  const loaded = await deps.configs.forFile(path.join(folder, '.rml.json'));
  yield* findScannableFiles(folder, {
    config: loaded.config,
    root: loaded.root,
    extraExcludes: params.excludes,
    signal,
  });
}

async function scanOne(
  file: ScannableFile,
  result: ScanWorkspaceResult,
  scanned: Set<string>,
  deps: WorkspaceScanDeps,
  settings: RmlSettings,
  signal: AbortSignal,
) {
  const uri = URI.file(file.path).toString();
  const open = deps.documents.get(uri);
  if (open) {
    await deps.scanner.analyseNow(open);
    scanned.add(uri);
    result.files++;
    return;
  }
  const request = await deps.requests.forFile(uri, file.path, { format: file.format, isPrompt: file.isPrompt });
  if (!request) return;
  try {
    const { kept, total } = await scanFileCapped(file.path, { ...request, signal }, settings.maxDiagnosticsPerFile);
    deps.published.publish(uri, kept, settings.maxDiagnosticsPerFile);
    scanned.add(uri);
    result.files++;
    result.beyondLimit += total - kept.length;
  } catch (error) {
    if (signal.aborted) throw error;
    result.skipped.push({ uri, reason: (error as Error).message });
  }
}
