import path from 'node:path';
import * as vscode from 'vscode';
import { ReadLedgerRequest } from '../../shared/protocol';
import type { FromLedgerView, ToLedgerView } from '../../shared/ledgerView';
import type { RmlContext } from '../context';
import { renderWebview, webviewOptions, webviewPanelOptions } from './webviewShell';

/**
 * The ledger as a timeline (one panel per window). The server reads and verifies `.rml/ledger.jsonl`; the view
 * draws it; links open runs (their panel) and files (relative to the workspace folder the ledger belongs to).
 */
export class LedgerPanel {
  static readonly viewType = 'responsibleML.ledger';
  private static current: LedgerPanel | undefined;
  private folderUri: vscode.Uri | undefined;
  private readonly disposables: vscode.Disposable[] = [];

  private constructor(
    private readonly ctx: RmlContext,
    private readonly panel: vscode.WebviewPanel,
  ) {
    const extensionUri = ctx.extension.extensionUri;
    panel.webview.options = webviewOptions(extensionUri);
    panel.webview.html = renderWebview(panel.webview, extensionUri, 'ledger', 'Responsible ML ledger');
    this.disposables.push(
      panel.webview.onDidReceiveMessage((message: FromLedgerView) => void this.onViewMessage(message)),
      panel.onDidDispose(() => this.dispose()),
    );
    LedgerPanel.current = this;
  }

  static show(ctx: RmlContext): LedgerPanel {
    if (LedgerPanel.current) {
      LedgerPanel.current.panel.reveal();
      void LedgerPanel.current.load();
      return LedgerPanel.current;
    }
    const panel = vscode.window.createWebviewPanel(
      LedgerPanel.viewType,
      'Ledger',
      vscode.ViewColumn.Active,
      webviewPanelOptions(ctx.extension.extensionUri),
    );
    return new LedgerPanel(ctx, panel);
  }

  static revive(ctx: RmlContext, panel: vscode.WebviewPanel): void {
    new LedgerPanel(ctx, panel);
  }

  private async load(): Promise<void> {
    let message: ToLedgerView;
    try {
      const result = await this.ctx.client.sendRequest(ReadLedgerRequest.type, {});
      this.folderUri = vscode.Uri.parse(result.folderUri);
      message = {
        type: 'timeline',
        folder: vscode.workspace.asRelativePath(this.folderUri, true) || this.folderUri.fsPath,
        timeline: result.timeline,
      };
    } catch (error) {
      message = { type: 'error', message: `Could not read the ledger: ${(error as Error).message}` };
    }
    await this.panel.webview.postMessage(message);
  }

  private async onViewMessage(message: FromLedgerView): Promise<void> {
    switch (message.type) {
      case 'ready':
      case 'refresh':
        return this.load();
      case 'openRun':
        await vscode.commands.executeCommand('responsibleML.openRun', message.runId);
        return;
      case 'openFile':
        return this.openFile(message.path);
    }
  }

  private async openFile(file: string): Promise<void> {
    if (!this.folderUri) return;
    const uri = path.isAbsolute(file) ? vscode.Uri.file(file) : vscode.Uri.joinPath(this.folderUri, ...file.split('/'));
    try {
      await vscode.commands.executeCommand('vscode.open', uri, { viewColumn: vscode.ViewColumn.Beside, preview: true });
    } catch (error) {
      void vscode.window.showErrorMessage(`Responsible ML: cannot open ${file}: ${(error as Error).message}`);
    }
  }

  private dispose(): void {
    if (LedgerPanel.current === this) LedgerPanel.current = undefined;
    for (const disposable of this.disposables.splice(0)) disposable.dispose();
  }
}
