import * as vscode from 'vscode';
import { GenerateDatasheetRequest, GenerateModelCardRequest, type GeneratedDocumentResult } from '../shared/protocol';
import type { RmlContext } from './context';
import { LedgerPanel } from './panels/ledgerPanel';
import { pickRun, runIdOf } from './panels/runPicker';

/**
 * Generate Model Card, Generate Datasheet and Show Ledger. The server writes the files (it alone reads runs and
 * datasets); the host only asks, shows progress and opens the result.
 */
async function generateModelCard(ctx: RmlContext, argument: unknown): Promise<string | undefined> {
  const runId = runIdOf(argument) ?? (await pickRun(ctx, 'Generate Model Card for run…'))?.id;
  if (!runId) return undefined;
  const result = await withProgress(`Writing the model card of run ${runId}…`, () =>
    ctx.client.sendRequest(GenerateModelCardRequest.type, { runId }),
  );
  if (!result) return undefined;
  await open(result);
  const changed =
    result.datasetMatches === false ? ' Its dataset has changed since the run: the audit was not run.' : '';
  void vscode.window.showInformationMessage(
    `Responsible ML: model card written; ${result.questions} questions are left for a person.${changed}`,
  );
  return result.uri;
}

async function generateDatasheet(ctx: RmlContext, argument: unknown): Promise<string | undefined> {
  const uri = argument instanceof vscode.Uri ? argument : vscode.window.activeTextEditor?.document.uri;
  if (!uri) {
    void vscode.window.showInformationMessage(
      'Responsible ML: open a dataset (CSV, TSV, JSONL) to write its datasheet.',
    );
    return undefined;
  }
  const result = await withProgress(`Writing the datasheet of ${vscode.workspace.asRelativePath(uri)}…`, () =>
    ctx.client.sendRequest(GenerateDatasheetRequest.type, { uri: uri.toString() }),
  );
  if (!result) return undefined;
  await open(result);
  void vscode.window.showInformationMessage(
    `Responsible ML: datasheet written; ${result.questions} questions are left for a person.`,
  );
  return result.uri;
}

async function withProgress<T>(title: string, task: () => Promise<T>): Promise<T | undefined> {
  try {
    return await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: `Responsible ML: ${title}` },
      task,
    );
  } catch (error) {
    void vscode.window.showErrorMessage(`Responsible ML: ${(error as Error).message}`);
    return undefined;
  }
}

async function open(result: GeneratedDocumentResult): Promise<void> {
  const document = await vscode.workspace.openTextDocument(vscode.Uri.parse(result.uri));
  await vscode.window.showTextDocument(document, { preview: false });
}

export function registerAccountabilityCommands(ctx: RmlContext): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand('responsibleML.generateModelCard', (argument?: unknown) =>
      generateModelCard(ctx, argument),
    ),
    vscode.commands.registerCommand('responsibleML.generateDatasheet', (argument?: unknown) =>
      generateDatasheet(ctx, argument),
    ),
    vscode.commands.registerCommand('responsibleML.showLedger', () => void LedgerPanel.show(ctx)),
    vscode.window.registerWebviewPanelSerializer(LedgerPanel.viewType, {
      deserializeWebviewPanel: async (panel) => LedgerPanel.revive(ctx, panel),
    }),
  ];
}
