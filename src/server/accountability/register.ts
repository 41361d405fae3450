import type { CodeAction, Connection, ServerCapabilities, TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { recordInLedger } from '../../engine/accountability';
import {
  GenerateDatasheetRequest,
  GenerateModelCardRequest,
  ReadLedgerRequest,
  type ScanWorkspaceResult,
} from '../../shared/protocol';
import type { RunRegistry } from '../runs/runRegistry';
import type { ScanRequests } from '../scanRequests';
import type { WorkspaceConfigs } from '../workspaceConfig';
import {
  cardCodeActions,
  cardCompletions,
  isInsertSection,
  resolveCardCodeAction,
  type CardFixDeps,
} from './cardFixes';
import { datasetLenses } from './datasetLens';
import { RECORD_FIX_COMMAND, registerFixRecording, withFixRecording } from './fixRecording';
import { generateDatasetSheet, generateRunCard } from './generate';
import { readWorkspaceLedger } from './ledger';

export interface AccountabilityServerDeps {
  connection: Connection;
  documents: TextDocuments<TextDocument>;
  configs: WorkspaceConfigs;
  requests: ScanRequests;
  runs: RunRegistry;
}

/** What the server announces for cards, the ledger and the dataset CodeLens (merged into its capabilities). */
export const ACCOUNTABILITY_CAPABILITIES: ServerCapabilities = {
  completionProvider: { triggerCharacters: ['#'] },
  codeLensProvider: { resolveProvider: false },
  executeCommandProvider: { commands: [RECORD_FIX_COMMAND] },
};

/** Card and datasheet generation, the ledger, card completions, the dataset CodeLens and fix recording. */
export function registerAccountability(deps: AccountabilityServerDeps): void {
  const { connection, documents, configs, requests, runs } = deps;
  const log = (line: string) => connection.console.warn(line);
  const fixes: CardFixDeps = { documents, requests, configs };
  connection.onRequest(GenerateModelCardRequest.type, (params) =>
    generateRunCard(params.runId, { runs, requests, configs, log }),
  );
  connection.onRequest(GenerateDatasheetRequest.type, (params) =>
    generateDatasetSheet(params.uri, { runs, requests, configs, log }),
  );
  connection.onRequest(ReadLedgerRequest.type, (params) =>
    readWorkspaceLedger(params.folderUri, configs.workspaceFolders()),
  );
  connection.onCompletion((params) => cardCompletions(params, fixes));
  connection.onCodeLens((params) => datasetLenses(params, { documents, requests, runs }));
  connection.onCodeActionResolve((action) =>
    isInsertSection(action.data) ? resolveCardCodeAction(action, fixes) : action,
  );
  registerFixRecording(connection, documents);
}

/** The server's own code actions plus the card fixes, each applied fix recorded in the ledger. */
export async function withAccountabilityActions(
  uri: string,
  actions: CodeAction[],
  deps: CardFixDeps,
  params: Parameters<typeof cardCodeActions>[0],
): Promise<CodeAction[]> {
  const document = deps.documents.get(uri);
  const all = [...actions, ...(await cardCodeActions(params, deps))];
  return document ? withFixRecording(all, document) : all;
}

/** Scan Workspace finished: its summary goes into the ledger of each workspace folder scanned. */
export async function recordWorkspaceScan(
  result: ScanWorkspaceResult,
  folders: readonly string[],
  log: (line: string) => void,
): Promise<void> {
  if (result.cancelled) return;
  for (const folder of folders) {
    await recordInLedger(
      folder,
      {
        action: 'scan',
        summary: `Scan Workspace: ${result.files} files, ${result.findings} findings`,
        details: { files: result.files, findings: result.findings, skipped: result.skipped.length },
      },
      log,
    );
  }
}
