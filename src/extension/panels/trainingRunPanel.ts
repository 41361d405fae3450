import * as vscode from 'vscode';
import { ApplyThresholdsRequest, CancelTrainingRequest, ReadRunRequest, RunFileRequest } from '../../shared/protocol';
import type { RunRecord, TrainingEvent } from '../../shared/runs';
import type { FromTrainingView, RunFileName, ToTrainingView, TrainingViewState } from '../../shared/webviewMessages';
import type { RmlContext } from '../context';
import { pickRun, runIdOf } from './runPicker';
import { onTrainingEvent } from './trainingEvents';
import { runTitle } from './runDescriptions';
import { renderWebview, webviewOptions, webviewPanelOptions } from './webviewShell';

/**
 * The panel of one training run (one per run id; opening it again reveals it). It hydrates from the run as the
 * server reads it whenever the view (re)loads, then forwards the live events of its run — and of the run it is
 * compared with — as they come from the server.
 */
export class TrainingRunPanel {
  static readonly viewType = 'responsibleML.trainingRun';
  private static readonly open = new Map<string, TrainingRunPanel>();

  /** The view has said `ready` and has had its snapshot: increments can be posted. */
  private hydrated = false;
  /** Events that arrived while the view could not take them; replayed after the next snapshot (merging is idempotent). */
  private pending: ToTrainingView[] = [];
  /** Counts hydrations, so only the latest of overlapping ones (a reload during a comparison pick) releases the queue. */
  private generation = 0;
  private readonly disposables: vscode.Disposable[] = [];

  private constructor(
    private readonly ctx: RmlContext,
    private readonly panel: vscode.WebviewPanel,
    private readonly runId: string,
    private compareRunId: string | undefined,
  ) {
    const extensionUri = ctx.extension.extensionUri;
    panel.webview.options = webviewOptions(extensionUri);
    panel.iconPath = {
      light: vscode.Uri.joinPath(extensionUri, 'media', 'icons', 'training-run-light.svg'),
      dark: vscode.Uri.joinPath(extensionUri, 'media', 'icons', 'training-run-dark.svg'),
    };
    panel.webview.html = renderWebview(panel.webview, extensionUri, 'training', `Training run ${runId}`);
    this.disposables.push(
      panel.webview.onDidReceiveMessage((message: FromTrainingView) => void this.onViewMessage(message)),
      // Without retained context a hidden view is torn down; it says `ready` again when shown.
      panel.onDidChangeViewState(() => {
        if (!panel.visible) this.hydrated = false;
      }),
      panel.onDidDispose(() => this.dispose()),
    );
    TrainingRunPanel.open.set(runId, this);
  }

  /** Opens (or reveals) the panel of run `runId`, optionally compared with another run. */
  static show(
    ctx: RmlContext,
    runId: string,
    options: { compareRunId?: string; preserveFocus?: boolean; beside?: boolean } = {},
  ): TrainingRunPanel {
    const existing = TrainingRunPanel.open.get(runId);
    if (existing) {
      existing.panel.reveal(undefined, options.preserveFocus);
      if (options.compareRunId) void existing.compareWith(options.compareRunId);
      return existing;
    }
    // Live runs open beside the editor, in the group where run panels already are: one group, not one per run.
    const runPanelGroup = [...TrainingRunPanel.open.values()]
      .map((open) => open.panel.viewColumn)
      .find((viewColumn) => viewColumn !== undefined);
    const beside = runPanelGroup ?? vscode.ViewColumn.Beside;
    const column = {
      viewColumn: options.beside ? beside : vscode.ViewColumn.Active,
      preserveFocus: options.preserveFocus ?? false,
    };
    const panel = vscode.window.createWebviewPanel(
      TrainingRunPanel.viewType,
      `Run ${runId}`,
      column,
      webviewPanelOptions(ctx.extension.extensionUri),
    );
    return new TrainingRunPanel(ctx, panel, runId, options.compareRunId);
  }

  /** Called when a job starts: shows its panel beside the editor without taking the focus. */
  static showLive(ctx: RmlContext, runId: string): TrainingRunPanel {
    return TrainingRunPanel.show(ctx, runId, { preserveFocus: true, beside: true });
  }

  /** Restores a panel after a window reload from the state the view saved with `setState`. */
  static revive(
    ctx: RmlContext,
    panel: vscode.WebviewPanel,
    state: (Partial<TrainingViewState> & { runDir?: string }) | undefined,
  ): void {
    // Panels saved before runs were named by id kept their folder; its name is the id.
    const runId = state?.runId ?? runIdOf(state?.runDir);
    if (!runId) {
      panel.dispose();
      return;
    }
    new TrainingRunPanel(ctx, panel, runId, state?.compareRunId);
  }

  /** Routes a server event to the panels showing its run. */
  static dispatch(event: TrainingEvent): void {
    for (const panel of TrainingRunPanel.open.values()) panel.onTrainingEvent(event);
  }

  private shows(runId: string): boolean {
    return runId === this.runId || runId === this.compareRunId;
  }

  private onTrainingEvent(event: TrainingEvent): void {
    if (!this.shows(event.runId)) return;
    if (event.kind === 'epoch') this.post({ type: 'event', event });
    else if (event.kind === 'finished') void this.postFinished(event);
  }

  /** Re-reads the finished run so the view gets its final status, its whole history and its report. */
  private async postFinished(event: Extract<TrainingEvent, { kind: 'finished' }>): Promise<void> {
    try {
      this.post({ type: 'event', event, run: await this.readRun(event.runId) });
    } catch (readError) {
      this.ctx.output.warn(
        `Run ${event.runId} ended (${event.state}) but could not be read: ${(readError as Error).message}`,
      );
      this.post({ type: 'event', event });
    }
  }

  private readRun(runId: string): Promise<RunRecord> {
    return this.ctx.client.sendRequest(ReadRunRequest.type, { runId });
  }

  private post(message: ToTrainingView): void {
    if (this.hydrated) void this.panel.webview.postMessage(message);
    else this.pending.push(message);
  }

  /** Whole history first (one run, or both when comparing), then what arrived meanwhile. */
  private async hydrate(): Promise<void> {
    this.hydrated = false;
    const generation = ++this.generation;
    let message: ToTrainingView;
    try {
      const own = await this.readRun(this.runId);
      this.panel.title = `${runTitle({ id: own.id, dataset: own.config?.dataset.path })} · ${own.id}`;
      message = this.compareRunId
        ? { type: 'compare', runs: [own, await this.readRun(this.compareRunId)] }
        : { type: 'snapshot', run: own };
    } catch (error) {
      message = { type: 'error', message: `Could not read the run: ${(error as Error).message}` };
      this.ctx.output.error(message.message);
    }
    if (generation !== this.generation) return;
    await this.panel.webview.postMessage(message);
    if (generation !== this.generation) return;
    this.hydrated = true;
    const replay = this.pending;
    this.pending = [];
    for (const pending of replay) this.post(pending);
  }

  private async compareWith(runId: string): Promise<void> {
    this.compareRunId = runId;
    await this.hydrate();
  }

  private async onViewMessage(message: FromTrainingView): Promise<void> {
    switch (message.type) {
      case 'ready':
        return this.hydrate();
      case 'cancel':
        return this.cancel(message.runId);
      case 'pickComparison': {
        const other = await pickRun(this.ctx, 'Compare with…', [this.runId]);
        return other ? this.compareWith(other.id) : undefined;
      }
      case 'clearComparison':
        this.compareRunId = undefined;
        return this.hydrate();
      case 'openFile':
        return this.openFile(message.runId, message.file);
      case 'openAttribution':
        await vscode.commands.executeCommand('responsibleML.openAttribution', message.runId);
        return;
      case 'applyThresholds':
        return this.applyThresholds(message.runId, message.constraint);
    }
  }

  /** Asks the server for group thresholds on the run; the re-read run then carries its thresholds.json. */
  private async applyThresholds(runId: string, constraint: string): Promise<void> {
    if (!this.shows(runId)) return;
    try {
      await this.ctx.client.sendRequest(ApplyThresholdsRequest.type, { runId, constraint });
    } catch (error) {
      void vscode.window.showErrorMessage(
        `Responsible ML: cannot apply group thresholds to run ${runId}: ${(error as Error).message}`,
      );
    }
    await this.hydrate();
  }

  private async cancel(runId: string): Promise<void> {
    if (!this.shows(runId)) return;
    try {
      const result = await this.ctx.client.sendRequest(CancelTrainingRequest.type, { runId });
      if (!result.cancelled)
        void vscode.window.showInformationMessage(`Responsible ML: run ${runId} is not running any more.`);
      else return; // The `finished` event brings the cancelled state.
    } catch (error) {
      void vscode.window.showErrorMessage(`Responsible ML: could not cancel run ${runId}: ${(error as Error).message}`);
    }
    await this.hydrate();
  }

  private async openFile(runId: string, file: RunFileName): Promise<void> {
    if (!this.shows(runId)) return;
    try {
      const { uri } = await this.ctx.client.sendRequest(RunFileRequest.type, { runId, file });
      await vscode.window.showTextDocument(vscode.Uri.parse(uri), {
        viewColumn: vscode.ViewColumn.Beside,
        preview: true,
      });
    } catch (error) {
      void vscode.window.showErrorMessage(
        `Responsible ML: cannot open the ${file} of run ${runId}: ${(error as Error).message}`,
      );
    }
  }

  private dispose(): void {
    TrainingRunPanel.open.delete(this.runId);
    for (const disposable of this.disposables.splice(0)) disposable.dispose();
  }
}

async function openRun(ctx: RmlContext, argument: unknown): Promise<void> {
  const runId = runIdOf(argument) ?? (await pickRun(ctx, 'Open Training Run'))?.id;
  if (runId) TrainingRunPanel.show(ctx, runId);
}

/** From the Runs view with two runs selected (VS Code passes the clicked item, then the selection), one run, or nothing. */
async function compareRuns(ctx: RmlContext, clicked: unknown, selected: unknown): Promise<void> {
  const chosen = (Array.isArray(selected) ? selected : [clicked])
    .map(runIdOf)
    .filter((id): id is string => id !== undefined);
  const first = chosen[0] ?? (await pickRun(ctx, 'Compare runs: first run'))?.id;
  if (!first) return;
  const second = chosen[1] ?? (await pickRun(ctx, 'Compare runs: compare with…', [first]))?.id;
  if (second) TrainingRunPanel.show(ctx, first, { compareRunId: second });
}

/** The run panels' serializer, the live-event routing and the commands `responsibleML.openRun` and `responsibleML.compareRuns`. */
export function registerTrainingPanels(ctx: RmlContext): vscode.Disposable[] {
  return [
    vscode.window.registerWebviewPanelSerializer(TrainingRunPanel.viewType, {
      deserializeWebviewPanel: async (panel, state: TrainingViewState | undefined) =>
        TrainingRunPanel.revive(ctx, panel, state),
    }),
    onTrainingEvent(ctx)((event) => TrainingRunPanel.dispatch(event)),
    vscode.commands.registerCommand('responsibleML.openRun', (argument?: unknown) => openRun(ctx, argument)),
    vscode.commands.registerCommand('responsibleML.compareRuns', (clicked?: unknown, selected?: unknown) =>
      compareRuns(ctx, clicked, selected),
    ),
  ];
}
