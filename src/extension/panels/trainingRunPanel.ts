import path from 'node:path';
import * as vscode from 'vscode';
import { readRun, type RunRecord, type RunStatus } from '../../engine/runs';
import { CancelTrainingRequest, type TrainingEvent } from '../../shared/protocol';
import type { FromTrainingView, RunFileName, ToTrainingView, TrainingViewState } from '../../shared/webviewMessages';
import type { RmlContext } from '../context';
import { pickRun, runDirOf, runFilePath } from './runLocations';
import { onTrainingEvent } from './trainingEvents';
import { runTitle } from './runDescriptions';
import { renderWebview, webviewOptions, webviewPanelOptions } from './webviewShell';

/**
 * The panel of one training run (one per run directory; opening it again reveals it). It hydrates from the
 * run's files whenever the view (re)loads, then forwards the live epochs of its run — and of the run it is
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
    private readonly runDir: string,
    private compareDir: string | undefined,
  ) {
    const extensionUri = ctx.extension.extensionUri;
    panel.webview.options = webviewOptions(extensionUri);
    panel.iconPath = { light: vscode.Uri.joinPath(extensionUri, 'media', 'icons', 'training-run-light.svg'), dark: vscode.Uri.joinPath(extensionUri, 'media', 'icons', 'training-run-dark.svg') };
    panel.webview.html = renderWebview(panel.webview, extensionUri, 'training', `Training run ${path.basename(runDir)}`);
    this.disposables.push(
      panel.webview.onDidReceiveMessage((message: FromTrainingView) => void this.onViewMessage(message)),
      // Without retained context a hidden view is torn down; it says `ready` again when shown.
      panel.onDidChangeViewState(() => {
        if (!panel.visible) this.hydrated = false;
      }),
      panel.onDidDispose(() => this.dispose()),
    );
    TrainingRunPanel.open.set(runDir, this);
  }

  /** Opens (or reveals) the panel of the run in `runDir`, optionally compared with another run. */
  static show(ctx: RmlContext, runDir: string, options: { compareDir?: string; preserveFocus?: boolean; beside?: boolean } = {}): TrainingRunPanel {
    const key = path.resolve(runDir);
    const existing = TrainingRunPanel.open.get(key);
    if (existing) {
      existing.panel.reveal(undefined, options.preserveFocus);
      if (options.compareDir) void existing.compareWith(options.compareDir);
      return existing;
    }
    const panel = vscode.window.createWebviewPanel(TrainingRunPanel.viewType, `Run ${path.basename(key)}`, { viewColumn: options.beside ? vscode.ViewColumn.Beside : vscode.ViewColumn.Active, preserveFocus: options.preserveFocus ?? false }, webviewPanelOptions(ctx.extension.extensionUri));
    return new TrainingRunPanel(ctx, panel, key, options.compareDir ? path.resolve(options.compareDir) : undefined);
  }

  /** Called when a job starts: shows its panel beside the editor without taking the focus. */
  static showLive(ctx: RmlContext, runId: string, runDir: string): TrainingRunPanel {
    if (path.basename(runDir) !== runId) ctx.output.warn(`Run ${runId}: its directory ${runDir} is named differently; events are matched by the directory name`);
    return TrainingRunPanel.show(ctx, runDir, { preserveFocus: true, beside: true });
  }

  /** Restores a panel after a window reload from the state the view saved with `setState`. */
  static revive(ctx: RmlContext, panel: vscode.WebviewPanel, state: TrainingViewState | undefined): void {
    if (!state?.runDir) {
      panel.dispose();
      return;
    }
    new TrainingRunPanel(ctx, panel, path.resolve(state.runDir), state.compareDir ? path.resolve(state.compareDir) : undefined);
  }

  /** Routes a server event to the panels showing its run. */
  static dispatch(event: TrainingEvent): void {
    for (const panel of TrainingRunPanel.open.values()) panel.onTrainingEvent(event);
  }

  private get runId(): string {
    return path.basename(this.runDir);
  }

  private dirOfRun(runId: string): string | undefined {
    if (runId === this.runId) return this.runDir;
    if (this.compareDir && runId === path.basename(this.compareDir)) return this.compareDir;
    return undefined;
  }

  private onTrainingEvent(event: TrainingEvent): void {
    if (this.dirOfRun(event.runId) === undefined) return;
    if (event.kind === 'epoch') this.post({ type: 'epoch', runId: event.runId, metrics: event.metrics });
    else if (event.kind === 'finished') void this.postFinished(event.runId, event.state, event.error);
  }

  /** Re-reads the finished run so the view gets its final status, its whole history and its report. */
  private async postFinished(runId: string, state: Exclude<RunStatus['state'], 'running'>, error: string | undefined): Promise<void> {
    const dir = this.dirOfRun(runId) as string;
    const ended = { type: 'finished', runId, state, ...(error ? { error } : {}) } as const;
    try {
      this.post({ ...ended, run: await readRun(dir) });
    } catch (readError) {
      this.ctx.output.warn(`Run ${runId} ended (${state}) but could not be read: ${(readError as Error).message}`);
      this.post(ended);
    }
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
      const own = await readRun(this.runDir);
      this.panel.title = `${runTitle({ id: own.id, dataset: own.config?.dataset.path })} · ${own.id}`;
      message = this.compareDir ? { type: 'compare', runs: [own, await readRun(this.compareDir)] } : { type: 'snapshot', run: own };
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

  private async compareWith(dir: string): Promise<void> {
    this.compareDir = path.resolve(dir);
    await this.hydrate();
  }

  private async onViewMessage(message: FromTrainingView): Promise<void> {
    switch (message.type) {
      case 'ready':
        return this.hydrate();
      case 'cancel':
        return this.cancel(message.runId);
      case 'pickComparison': {
        const other = await pickRun('Compare with…', [this.runDir]);
        return other ? this.compareWith(other.dir) : undefined;
      }
      case 'clearComparison':
        this.compareDir = undefined;
        return this.hydrate();
      case 'openFile':
        return this.openFile(message.runId, message.file);
    }
  }

  private async cancel(runId: string): Promise<void> {
    if (this.dirOfRun(runId) === undefined) return;
    try {
      const result = await this.ctx.client.sendRequest<CancelTrainingRequest.Result>(CancelTrainingRequest.method, { runId } satisfies CancelTrainingRequest.Params);
      if (!result.cancelled) void vscode.window.showInformationMessage(`Responsible ML: run ${runId} is not running any more.`);
      else return; // The `finished` event brings the cancelled state.
    } catch (error) {
      void vscode.window.showErrorMessage(`Responsible ML: could not cancel run ${runId}: ${(error as Error).message}`);
    }
    await this.hydrate();
  }

  private async openFile(runId: string, file: RunFileName): Promise<void> {
    const dir = this.dirOfRun(runId);
    if (!dir) return;
    try {
      const run: RunRecord = await readRun(dir);
      const target = runFilePath(dir, file, run.config);
      await vscode.window.showTextDocument(vscode.Uri.file(target), { viewColumn: vscode.ViewColumn.Beside, preview: true });
    } catch (error) {
      void vscode.window.showErrorMessage(`Responsible ML: cannot open the ${file} of run ${runId}: ${(error as Error).message}`);
    }
  }

  private dispose(): void {
    TrainingRunPanel.open.delete(this.runDir);
    for (const disposable of this.disposables.splice(0)) disposable.dispose();
  }
}

async function openRun(ctx: RmlContext, argument: unknown): Promise<void> {
  const dir = runDirOf(argument) ?? (await pickRun('Open Training Run'))?.dir;
  if (dir) TrainingRunPanel.show(ctx, dir);
}

/** From the Runs view with two runs selected (VS Code passes the clicked item, then the selection), one run, or nothing. */
async function compareRuns(ctx: RmlContext, clicked: unknown, selected: unknown): Promise<void> {
  const chosen = (Array.isArray(selected) ? selected : [clicked]).map(runDirOf).filter((dir): dir is string => dir !== undefined);
  const first = chosen[0] ?? (await pickRun('Compare runs: first run'))?.dir;
  if (!first) return;
  const second = chosen[1] ?? (await pickRun('Compare runs: compare with…', [first]))?.dir;
  if (second) TrainingRunPanel.show(ctx, first, { compareDir: second });
}

/** The run panels' serializer, the live-event routing and the commands `responsibleML.openRun` and `responsibleML.compareRuns`. */
export function registerTrainingPanels(ctx: RmlContext): vscode.Disposable[] {
  return [
    vscode.window.registerWebviewPanelSerializer(TrainingRunPanel.viewType, {
      deserializeWebviewPanel: async (panel, state: TrainingViewState | undefined) => TrainingRunPanel.revive(ctx, panel, state),
    }),
    onTrainingEvent(ctx)((event) => TrainingRunPanel.dispatch(event)),
    vscode.commands.registerCommand('responsibleML.openRun', (argument?: unknown) => openRun(ctx, argument)),
    vscode.commands.registerCommand('responsibleML.compareRuns', (clicked?: unknown, selected?: unknown) => compareRuns(ctx, clicked, selected)),
  ];
}
