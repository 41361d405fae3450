import * as vscode from 'vscode';
import { DatasetColumnsRequest, StartTrainingRequest, type DatasetColumnsResult, type StartTrainingParams } from '../shared/protocol';
import type { RmlContext } from './context';

/** What the command asks for; automation (keybindings, other extensions, tests) may pass it to skip the pickers. */
export type TrainModelOptions = Omit<StartTrainingParams, 'datasetUri'>;

const DATASET_LANGUAGES = new Set(['csv', 'tsv', 'jsonl', 'json']);

/** Options given by automation, as opposed to the extra arguments VS Code's menus pass to a command. */
export function isTrainModelOptions(value: unknown): value is TrainModelOptions {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const candidate = value as Partial<TrainModelOptions>;
  return typeof candidate.label === 'string' && Array.isArray(candidate.sensitive);
}

/**
 * "Train Model on This Dataset": picks the label, the text or feature columns and the sensitive columns
 * (prefilled from `.rml.json` and column names), then queues the job on the server. The run panel opens when
 * the job starts (see main.ts). Refused in untrusted workspaces: training executes code and writes files.
 */
export async function trainModel(ctx: RmlContext, target?: vscode.Uri, given?: TrainModelOptions): Promise<string | undefined> {
  if (!vscode.workspace.isTrusted) {
    const choice = await vscode.window.showWarningMessage('Responsible ML trains models only in trusted workspaces.', 'Manage Workspace Trust');
    if (choice) await vscode.commands.executeCommand('workbench.trust.manage');
    return undefined;
  }
  const uri = target ?? datasetInActiveEditor();
  if (!uri) {
    void vscode.window.showErrorMessage('Responsible ML: open a CSV, TSV, JSONL or JSON dataset to train on.');
    return undefined;
  }
  const options = given ?? (await askTrainingOptions(ctx, uri));
  if (!options) return undefined;
  const result = await ctx.client.sendRequest(StartTrainingRequest.type, { datasetUri: uri.toString(), ...options });
  if (result.queuedBehind > 0) void vscode.window.showInformationMessage(`Responsible ML: training queued behind ${result.queuedBehind} job(s) on this dataset.`);
  return result.runId;
}

function datasetInActiveEditor(): vscode.Uri | undefined {
  const document = vscode.window.activeTextEditor?.document;
  return document && DATASET_LANGUAGES.has(document.languageId) ? document.uri : undefined;
}

async function askTrainingOptions(ctx: RmlContext, uri: vscode.Uri): Promise<TrainModelOptions | undefined> {
  const dataset = await ctx.client.sendRequest(DatasetColumnsRequest.type, { uri: uri.toString() });
  const label = await pickOne(dataset.columns, dataset.suggested.label, 'Label column (what the model predicts)');
  if (!label) return undefined;
  const rest = dataset.columns.filter((column) => column !== label);
  const textModel: ModelChoice = { label: 'Text classifier', description: 'one column of free text', model: 'text' };
  const tabularModel: ModelChoice = { label: 'Tabular classifier', description: 'several feature columns', model: 'tabular' };
  const choices = dataset.suggested.text ? [textModel, tabularModel] : [tabularModel, textModel];
  const kind = await vscode.window.showQuickPick(choices, { title: 'Model', ignoreFocusOut: true });
  if (!kind) return undefined;
  const sensitive = await pickMany(rest, dataset.suggested.sensitive, 'Sensitive columns (per-group metrics; not used as features)');
  if (!sensitive) return undefined;
  const inputs = rest.filter((column) => !sensitive.includes(column));
  if (kind.model === 'text') {
    const column = await pickOne(inputs, dataset.suggested.text, 'Text column');
    return column ? { label, text: column, sensitive, privileged: privilegedOf(dataset, sensitive) } : undefined;
  }
  const features = await pickMany(inputs, inputs, 'Feature columns');
  return features?.length ? { label, features, sensitive, privileged: privilegedOf(dataset, sensitive) } : undefined;
}

interface ModelChoice extends vscode.QuickPickItem {
  model: 'text' | 'tabular';
}

function privilegedOf(dataset: DatasetColumnsResult, sensitive: string[]) {
  return Object.entries(dataset.suggested.privileged ?? {})
    .filter(([column]) => sensitive.includes(column))
    .map(([column, value]) => ({ column, value }));
}

async function pickOne(columns: string[], suggested: string | undefined, title: string): Promise<string | undefined> {
  const items = columns.map((column) => ({ label: column, description: column === suggested ? 'suggested' : undefined }));
  items.sort((a, b) => Number(b.label === suggested) - Number(a.label === suggested));
  return (await vscode.window.showQuickPick(items, { title, ignoreFocusOut: true }))?.label;
}

async function pickMany(columns: string[], suggested: string[], title: string): Promise<string[] | undefined> {
  const items = columns.map((column) => ({ label: column, picked: suggested.includes(column) }));
  return (await vscode.window.showQuickPick(items, { title, canPickMany: true, ignoreFocusOut: true }))?.map((item) => item.label);
}

/** A "Train Model on This Dataset" lens on the header line of CSV and TSV files. */
export class TrainModelCodeLens implements vscode.CodeLensProvider {
  provideCodeLenses(document: vscode.TextDocument): vscode.CodeLens[] {
    if (document.lineCount < 2) return [];
    return [new vscode.CodeLens(new vscode.Range(0, 0, 0, 0), { title: '$(beaker) Train Model on This Dataset', command: 'responsibleML.trainModel', arguments: [document.uri] })];
  }
}
