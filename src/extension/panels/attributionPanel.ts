import * as vscode from 'vscode';
import type { LabelIssuesReport } from '../../shared/attribution';
import type {
  AttributionControls,
  AttributionInput,
  AttributionViewState,
  FromAttributionView,
  ToAttributionView,
} from '../../shared/attributionMessages';
import { DEFAULT_CONTROLS } from '../../shared/attributionMessages';
import type { Range } from '../../shared/findings';
import { ExplainableRunsRequest, ExplainRequest, RunAttributionRequest } from '../../shared/protocol';
import type { RmlContext } from '../context';
import { renderWebview, webviewOptions, webviewPanelOptions } from './webviewShell';

/**
 * The attribution panel (one for the window): explains a dataset row or a text with a run's model, and shows the
 * run's global importance per group and the last label issues found. It asks the server for everything; the view
 * gets the whole state again whenever it (re)loads.
 */
export class AttributionPanel {
  static readonly viewType = 'responsibleML.attribution';
  private static current: AttributionPanel | undefined;

  private runId: string | undefined;
  private input: AttributionInput | undefined;
  private controls: AttributionControls = DEFAULT_CONTROLS;
  private labelIssues: { report: LabelIssuesReport & { uri: string }; file: string } | undefined;
  private ready = false;
  private readonly disposables: vscode.Disposable[] = [];

  private constructor(
    private readonly ctx: RmlContext,
    private readonly panel: vscode.WebviewPanel,
    state: AttributionViewState | undefined,
  ) {
    this.runId = state?.runId;
    this.input = state?.input;
    this.controls = state?.controls ?? DEFAULT_CONTROLS;
    const extensionUri = ctx.extension.extensionUri;
    panel.webview.options = webviewOptions(extensionUri);
    panel.webview.html = renderWebview(panel.webview, extensionUri, 'attribution', 'Why the model predicted this');
    this.disposables.push(
      panel.webview.onDidReceiveMessage((message: FromAttributionView) => void this.onViewMessage(message)),
      panel.onDidChangeViewState(() => {
        if (!panel.visible) this.ready = false;
      }),
      panel.onDidDispose(() => this.dispose()),
    );
    AttributionPanel.current = this;
  }

  /** Opens (or reveals) the panel, explaining `input` with `runId` (the best run for the input when absent). */
  static show(ctx: RmlContext, request: { runId?: string; input?: AttributionInput } = {}): AttributionPanel {
    let panel = AttributionPanel.current;
    if (panel) panel.panel.reveal(vscode.ViewColumn.Beside, true);
    else {
      const created = vscode.window.createWebviewPanel(
        AttributionPanel.viewType,
        'Explain prediction',
        { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true },
        webviewPanelOptions(ctx.extension.extensionUri),
      );
      panel = new AttributionPanel(ctx, created, undefined);
    }
    if (request.runId) panel.runId = request.runId;
    if (request.input) panel.input = request.input;
    if (panel.ready) void panel.hydrate();
    return panel;
  }

  static revive(ctx: RmlContext, panel: vscode.WebviewPanel, state: AttributionViewState | undefined): void {
    new AttributionPanel(ctx, panel, state);
  }

  /** Label issues were found (by the command): the panel lists them. */
  static showLabelIssues(ctx: RmlContext, report: LabelIssuesReport & { uri: string }): void {
    const panel = AttributionPanel.show(ctx);
    panel.labelIssues = { report, file: vscode.workspace.asRelativePath(vscode.Uri.parse(report.uri)) };
    if (panel.ready) panel.post({ type: 'labelIssues', ...panel.labelIssues });
  }

  private post(message: ToAttributionView): void {
    void this.panel.webview.postMessage(message);
  }

  /** Everything again: the runs, the explanation of the input, the run's attribution, the label issues. */
  private async hydrate(): Promise<void> {
    const uri = this.input?.kind === 'row' ? this.input.uri : undefined;
    try {
      const runs = await this.ctx.client.sendRequest(ExplainableRunsRequest.type, uri ? { uri } : {});
      if (!this.runId || !runs.some((run) => run.id === this.runId)) this.runId = runs[0]?.id;
      this.post({ type: 'runs', runs, ...(this.runId ? { runId: this.runId } : {}) });
    } catch (error) {
      this.post({ type: 'error', message: `Could not list the runs: ${(error as Error).message}` });
      return;
    }
    if (this.labelIssues) this.post({ type: 'labelIssues', ...this.labelIssues });
    await this.explain();
    await this.sendRunAttribution();
  }

  private async explain(): Promise<void> {
    const { runId, input, controls } = this;
    if (!runId || !input) return;
    this.post({ type: 'busy', what: 'Explaining' });
    try {
      const params = {
        runId,
        input: input.kind === 'row' ? { uri: input.uri, line: input.line } : { text: input.text },
        method: controls.method,
        steps: controls.steps,
        integration: controls.integration,
        ...(controls.baseline ? { baseline: controls.baseline } : {}),
        ...(controls.target ? { target: controls.target } : {}),
      };
      const explanation = await this.ctx.client.sendRequest(ExplainRequest.type, params);
      this.post({ type: 'explanation', explanation, input, controls });
    } catch (error) {
      this.post({ type: 'error', message: `Could not explain: ${(error as Error).message}` });
    }
  }

  private async sendRunAttribution(): Promise<void> {
    const runId = this.runId;
    if (!runId) return;
    try {
      const result = await this.ctx.client.sendRequest(RunAttributionRequest.type, { runId });
      this.post({ type: 'runAttribution', runId, result });
    } catch (error) {
      this.post({
        type: 'runAttribution',
        runId,
        result: { attribution: null, pending: false, error: (error as Error).message },
      });
    }
  }

  private async onViewMessage(message: FromAttributionView): Promise<void> {
    switch (message.type) {
      case 'ready':
        this.ready = true;
        return this.hydrate();
      case 'explain':
        this.runId = message.runId;
        this.input = message.input;
        this.controls = message.controls;
        return this.explain();
      case 'selectRun':
        this.runId = message.runId;
        return this.sendRunAttribution();
      case 'reveal':
        return revealRange(vscode.Uri.parse(message.uri), message.range);
      case 'revealLine':
        return revealRange(vscode.Uri.parse(message.uri), {
          start: { line: message.line, character: 0 },
          end: { line: message.line, character: 0 },
        });
      case 'findLabelIssues':
        await vscode.commands.executeCommand(
          'responsibleML.findLabelIssues',
          this.input?.kind === 'row' ? vscode.Uri.parse(this.input.uri) : undefined,
        );
        return;
    }
  }

  private dispose(): void {
    if (AttributionPanel.current === this) AttributionPanel.current = undefined;
    for (const disposable of this.disposables.splice(0)) disposable.dispose();
  }
}

/** Shows `range` of a dataset in an editor beside the panel, selected and centred. */
export async function revealRange(uri: vscode.Uri, range: Range): Promise<void> {
  const selection = new vscode.Range(range.start.line, range.start.character, range.end.line, range.end.character);
  const open = vscode.window.visibleTextEditors.find((editor) => editor.document.uri.toString() === uri.toString());
  const editor = await vscode.window.showTextDocument(uri, {
    viewColumn: open?.viewColumn ?? vscode.ViewColumn.One,
    selection,
    preserveFocus: false,
  });
  editor.revealRange(selection, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
}
