import path from 'node:path';
import type { Connection, TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { URI } from 'vscode-uri';
import { FileScanQueue } from '../engine/scan';
import { findScannableFiles, type ScannableFile } from '../engine/workspace';
import type { Finding } from '../shared/findings';
import { problemsCount } from '../shared/findings';
import type { ScanWorkspaceParams, ScanWorkspaceResult } from '../shared/protocol';
import type { RmlSettings } from '../shared/settings';
import type { PublishedFindings } from './diagnostics';
import type { DocumentScanner } from './documentScanner';
import type { ScanRequests } from './scanRequests';
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
 * cancellable progress notification. Open documents are re-analysed from the editor's text instead. Files are
 * queued as they are found (many small ones scanned ahead in worker threads, fileQueue.ts) and published in order.
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
  const queue = new FileScanQueue({ signal: controller.signal });
  const run: WorkspaceRun = { result, scanned, deps, settings, signal: controller.signal, queue };
  try {
    for (const folder of deps.configs.workspaceFolders()) {
      for await (const file of filesOf(folder, params, deps, controller.signal)) {
        progress.report(`${path.relative(folder, file.path)} (${result.files} scanned)`);
        await queueOne(file, run);
      }
    }
    await queue.finish();
  } catch (error) {
    await queue.finish().catch(() => undefined);
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

interface WorkspaceRun {
  result: ScanWorkspaceResult;
  scanned: Set<string>;
  deps: WorkspaceScanDeps;
  settings: RmlSettings;
  signal: AbortSignal;
  queue: FileScanQueue;
}

/** Queues one file: an open document is analysed at its turn, a file on disk scanned (maybe ahead) and published. */
async function queueOne(file: ScannableFile, run: WorkspaceRun): Promise<void> {
  const { result, scanned, deps, settings, signal, queue } = run;
  const uri = URI.file(file.path).toString();
  const open = deps.documents.get(uri);
  if (open) {
    await queue.then(async () => {
      await deps.scanner.analyseNow(open);
      scanned.add(uri);
      result.files++;
    });
    return;
  }
  const request = await deps.requests.forFile(uri, file.path, { format: file.format, isPrompt: file.isPrompt });
  if (!request) return;
  // A file may hold millions of findings: the first maxDiagnosticsPerFile are kept, the others counted.
  const limit = settings.maxDiagnosticsPerFile;
  let kept: Finding[] = [];
  let total = 0;
  await queue.add({
    path: file.path,
    size: file.size,
    request: {
      ...request,
      signal,
      onFinding: (finding) => {
        total++;
        if (kept.length < limit) kept.push(finding);
      },
    },
    end: (error) => {
      if (error !== undefined) {
        if (signal.aborted) throw error;
        result.skipped.push({ uri, reason: (error as Error).message });
        return;
      }
      deps.published.publish(uri, kept, limit);
      scanned.add(uri);
      result.files++;
      result.beyondLimit += total - kept.length;
      kept = [];
    },
  });
}
