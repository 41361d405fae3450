import path from 'node:path';
import * as vscode from 'vscode';
import { DatasetColumnsRequest, StartTrainingRequest } from '../../shared/protocol';
import type { RmlContext } from '../context';
import { stillValid, suggestedChoices, type TrainingChoices } from './trainingChoices';
import { trainingForm } from './trainingForm';

/** What the command asks for; automation (keybindings, other extensions, tests) may pass it to skip the form. */
export type TrainModelOptions = TrainingChoices;

const DATASET_LANGUAGES = new Set(['csv', 'tsv', 'jsonl', 'json']);
const REMEMBERED = (uri: vscode.Uri) => `responsibleML.training:${uri.toString()}`;

/** Options given by automation, as opposed to the extra arguments VS Code's menus pass to a command. */
export function isTrainModelOptions(value: unknown): value is TrainModelOptions {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const candidate = value as Partial<TrainModelOptions>;
  return typeof candidate.label === 'string' && Array.isArray(candidate.sensitive);
}

/**
 * "Train Model on This Dataset" (palette, editor title, Explorer context menu, CodeLens): shows the form with this
 * dataset's remembered or suggested choices, then queues the job on the server. The run panel opens when the job
 * starts (see main.ts). Refused in untrusted workspaces: training executes code and writes files.
 */
export async function trainModel(
  ctx: RmlContext,
  target?: vscode.Uri,
  given?: TrainModelOptions,
): Promise<string | undefined> {
  if (!vscode.workspace.isTrusted) {
    const choice = await vscode.window.showWarningMessage(
      'Responsible ML trains models only in trusted workspaces.',
      'Manage Workspace Trust',
    );
    if (choice) await vscode.commands.executeCommand('workbench.trust.manage');
    return undefined;
  }
  const uri = target ?? datasetInActiveEditor();
  if (!uri) {
    void vscode.window.showErrorMessage('Responsible ML: open a CSV, TSV, JSONL or JSON dataset to train on.');
    return undefined;
  }
  const choices = given ?? (await askChoices(ctx, uri));
  if (!choices) return undefined;
  try {
    const result = await ctx.client.sendRequest(StartTrainingRequest.type, { datasetUri: uri.toString(), ...choices });
    if (result.queuedBehind > 0) {
      void vscode.window.showInformationMessage(
        `Responsible ML: training queued behind ${result.queuedBehind} job(s) on this dataset.`,
      );
    }
    return result.runId;
  } catch (error) {
    void vscode.window.showErrorMessage(
      `Responsible ML: cannot train on ${path.basename(uri.fsPath)}: ${(error as Error).message}`,
    );
    return undefined;
  }
}

function datasetInActiveEditor(): vscode.Uri | undefined {
  const document = vscode.window.activeTextEditor?.document;
  return document && DATASET_LANGUAGES.has(document.languageId) ? document.uri : undefined;
}

async function askChoices(ctx: RmlContext, uri: vscode.Uri): Promise<TrainingChoices | undefined> {
  const dataset = await ctx.client.sendRequest(DatasetColumnsRequest.type, { uri: uri.toString() });
  const remembered = stillValid(ctx.extension.workspaceState.get<TrainingChoices>(REMEMBERED(uri)), dataset.columns);
  const start = remembered ?? suggestedChoices(dataset);
  if (!start) {
    void vscode.window.showErrorMessage(`Responsible ML: ${path.basename(uri.fsPath)} has no columns to train on.`);
    return undefined;
  }
  const choices = await trainingForm(path.basename(uri.fsPath), dataset, start);
  if (choices) await ctx.extension.workspaceState.update(REMEMBERED(uri), choices);
  return choices;
}

/** A "Train Model on This Dataset" lens on the header line of CSV and TSV files. */
export class TrainModelCodeLens implements vscode.CodeLensProvider {
  provideCodeLenses(document: vscode.TextDocument): vscode.CodeLens[] {
    if (document.lineCount < 2) return [];
    const command = {
      title: '$(beaker) Train Model on This Dataset',
      command: 'responsibleML.trainModel',
      arguments: [document.uri],
    };
    return [new vscode.CodeLens(new vscode.Range(0, 0, 0, 0), command)];
  }
}
