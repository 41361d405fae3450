import path from 'node:path';
import * as vscode from 'vscode';
import type { AttributionViewState } from '../../shared/attributionMessages';
import { DatasetColumnsRequest, FindLabelIssuesRequest, type FindLabelIssuesParams } from '../../shared/protocol';
import type { RmlContext } from '../context';
import { AttributionPanel } from './attributionPanel';
import { ExplainPredictionLens } from './attributionLens';
import { runIdOf } from './runPicker';

const DATASET_LANGUAGES = ['csv', 'tsv', 'jsonl', 'json'];

/**
 * "Explain Prediction": the row under the cursor (or the selected text) of the active dataset, or the row a lens
 * names (uri, 0-based line).
 */
export function explainPrediction(ctx: RmlContext, uri?: vscode.Uri, line?: number): AttributionPanel | undefined {
  const editor = vscode.window.activeTextEditor;
  if (uri && typeof line === 'number') {
    return AttributionPanel.show(ctx, {
      input: { kind: 'row', uri: uri.toString(), line, label: rowLabel(uri, line) },
    });
  }
  if (!editor || !DATASET_LANGUAGES.includes(editor.document.languageId)) {
    return AttributionPanel.show(ctx);
  }
  const selected = editor.document.getText(editor.selection);
  if (!editor.selection.isEmpty && selected.trim() !== '' && !selected.includes('\n')) {
    return AttributionPanel.show(ctx, { input: { kind: 'text', text: selected } });
  }
  const row = editor.selection.active.line;
  return AttributionPanel.show(ctx, {
    input: { kind: 'row', uri: editor.document.uri.toString(), line: row, label: rowLabel(editor.document.uri, row) },
  });
}

function rowLabel(uri: vscode.Uri, line: number): string {
  return `${vscode.workspace.asRelativePath(uri)}:${line + 1}`;
}

/** Options given by automation (tests, keybindings) to skip the pickers. */
export type FindLabelIssuesOptions = Omit<FindLabelIssuesParams, 'uri'>;

function isFindOptions(value: unknown): value is FindLabelIssuesOptions {
  return typeof value === 'object' && value !== null && typeof (value as { label?: unknown }).label === 'string';
}

/** "Find Label Issues": picks the label column and where the probabilities come from, then asks the server. */
export async function findLabelIssues(ctx: RmlContext, target?: vscode.Uri, given?: unknown): Promise<void> {
  const uri = target ?? vscode.window.activeTextEditor?.document.uri;
  if (!uri || !DATASET_LANGUAGES.some((language) => uri.fsPath.endsWith(`.${language}`))) {
    void vscode.window.showErrorMessage(
      'Responsible ML: open a CSV, TSV, JSONL or JSON dataset to look for label issues.',
    );
    return;
  }
  const options = isFindOptions(given) ? given : await askOptions(ctx, uri);
  if (!options) return;
  try {
    const report = await ctx.client.sendRequest(FindLabelIssuesRequest.type, { uri: uri.toString(), ...options });
    AttributionPanel.showLabelIssues(ctx, report);
    void vscode.window.showInformationMessage(
      `Responsible ML: ${report.issues.length} of ${report.rows} rows look mislabelled; see the diagnostics on their labels.`,
    );
  } catch (error) {
    void vscode.window.showErrorMessage(`Responsible ML: could not find label issues: ${(error as Error).message}`);
  }
}

async function askOptions(ctx: RmlContext, uri: vscode.Uri): Promise<FindLabelIssuesOptions | undefined> {
  const dataset = await ctx.client.sendRequest(DatasetColumnsRequest.type, { uri: uri.toString() });
  const label = await vscode.window.showQuickPick(dataset.columns, {
    title: 'Label column (the labels to check)',
    ignoreFocusOut: true,
    ...(dataset.suggested.label ? { placeHolder: dataset.suggested.label } : {}),
  });
  if (!label) return undefined;
  const rest = dataset.columns.filter((column) => column !== label);
  const source = await vscode.window.showQuickPick(
    [
      {
        label: 'Train the text model out of fold',
        detail: 'seeded 5-fold cross-validation on one text column',
        source: 'text' as const,
      },
      {
        label: 'Train a tabular model out of fold',
        detail: 'seeded 5-fold cross-validation on feature columns',
        source: 'features' as const,
      },
      {
        label: 'Use my predicted probabilities…',
        detail: 'a CSV with one column per class, headed by the label value',
        source: 'file' as const,
      },
    ],
    { title: 'Out-of-sample probabilities', ignoreFocusOut: true },
  );
  if (!source) return undefined;
  if (source.source === 'file') {
    const picked = await vscode.window.showOpenDialog({
      canSelectMany: false,
      filters: { 'Predicted probabilities': ['csv', 'tsv'] },
      defaultUri: vscode.Uri.file(path.dirname(uri.fsPath)),
    });
    return picked?.[0] ? { label, predProbsUri: picked[0].toString() } : undefined;
  }
  if (source.source === 'text') {
    const text = await vscode.window.showQuickPick(rest, { title: 'Text column', ignoreFocusOut: true });
    return text ? { label, text } : undefined;
  }
  const features = await vscode.window.showQuickPick(rest, {
    title: 'Feature columns',
    canPickMany: true,
    ignoreFocusOut: true,
  });
  return features && features.length > 0 ? { label, features } : undefined;
}

/** The attribution panel's serializer, its commands and the "Explain prediction" lens. */
export function registerAttribution(ctx: RmlContext): vscode.Disposable[] {
  const lens = new ExplainPredictionLens();
  return [
    vscode.window.registerWebviewPanelSerializer(AttributionPanel.viewType, {
      deserializeWebviewPanel: async (panel, state: AttributionViewState | undefined) =>
        AttributionPanel.revive(ctx, panel, state),
    }),
    vscode.commands.registerCommand('responsibleML.explainPrediction', (uri?: vscode.Uri, line?: number) => {
      explainPrediction(ctx, uri instanceof vscode.Uri ? uri : undefined, line);
    }),
    vscode.commands.registerCommand('responsibleML.openAttribution', (argument?: unknown) => {
      const runId = runIdOf(argument);
      AttributionPanel.show(ctx, runId ? { runId } : {});
    }),
    vscode.commands.registerCommand('responsibleML.findLabelIssues', (uri?: vscode.Uri, options?: unknown) =>
      findLabelIssues(ctx, uri instanceof vscode.Uri ? uri : undefined, options),
    ),
    vscode.languages.registerCodeLensProvider(
      DATASET_LANGUAGES.map((language) => ({ language })),
      lens,
    ),
    vscode.window.onDidChangeTextEditorSelection((event) => lens.cursorMoved(event.textEditor)),
    lens,
  ];
}
