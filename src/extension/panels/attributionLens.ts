import * as vscode from 'vscode';

/**
 * "Explain prediction" on the line under the cursor of a dataset (one lens, moved as the cursor moves, so a
 * million-row file does not get a million lenses). CSV and TSV header lines get none.
 */
export class ExplainPredictionLens implements vscode.CodeLensProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.changed.event;
  private readonly lines = new Map<string, number>();

  cursorMoved(editor: vscode.TextEditor): void {
    const uri = editor.document.uri.toString();
    const line = editor.selection.active.line;
    if (this.lines.get(uri) === line) return;
    this.lines.set(uri, line);
    this.changed.fire();
  }

  provideCodeLenses(document: vscode.TextDocument): vscode.CodeLens[] {
    const line = this.lines.get(document.uri.toString()) ?? vscode.window.activeTextEditor?.selection.active.line;
    if (line === undefined || line >= document.lineCount) return [];
    const hasHeader = document.languageId === 'csv' || document.languageId === 'tsv';
    if ((hasHeader && line === 0) || document.lineAt(line).isEmptyOrWhitespace) return [];
    return [
      new vscode.CodeLens(new vscode.Range(line, 0, line, 0), {
        title: '$(lightbulb) Explain prediction',
        tooltip: 'Why a trained model predicts what it does for this row (Responsible ML)',
        command: 'responsibleML.explainPrediction',
        arguments: [document.uri, line],
      }),
    ];
  }

  dispose(): void {
    this.changed.dispose();
  }
}
