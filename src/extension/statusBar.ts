import * as vscode from 'vscode';
import { problemsCount } from '../shared/findings';
import type { StatusParams } from '../shared/protocol';

const ICONS: Record<StatusParams['state'], string> = {
  starting: '$(loading~spin)',
  ready: '$(shield)',
  scanning: '$(sync~spin)',
  training: '$(pulse)',
  error: '$(error)',
};

/** Server state and finding count; a click opens the Problems panel. */
export class RmlStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('responsibleML.status', vscode.StatusBarAlignment.Left, 10);

  constructor() {
    this.item.name = 'Responsible ML';
    this.item.command = 'workbench.actions.view.problems';
    this.show({ state: 'starting', findings: { error: 0, warning: 0, information: 0, hint: 0 }, files: 0 });
    this.item.show();
  }

  show(status: StatusParams): void {
    const { error, warning, information } = status.findings;
    const total = problemsCount(status.findings);
    const backend = status.backend ? ` · ${status.backend}` : '';
    this.item.text = `${ICONS[status.state]} RML ${total}${backend}`;
    this.item.tooltip = new vscode.MarkdownString(
      `**Responsible ML** — server ${status.state}${status.detail ? `: ${status.detail}` : ''}\n\n` +
        `${total} findings in the Problems panel: ${error} errors, ${warning} warnings, ${information} notes in ${status.files} files ` +
        `(open documents and the last workspace scan)${status.backend ? `\n\nCompute backend: ${status.backend}` : ''}`,
    );
    this.item.backgroundColor =
      status.state === 'error' ? new vscode.ThemeColor('statusBarItem.errorBackground') : undefined;
  }

  stopped(reason: string): void {
    this.item.text = `${ICONS.error} RML`;
    this.item.tooltip = `Responsible ML server stopped: ${reason}`;
    this.item.backgroundColor = new vscode.ThemeColor('statusBarItem.errorBackground');
  }

  dispose(): void {
    this.item.dispose();
  }
}
