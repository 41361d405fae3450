import * as vscode from 'vscode';
import type { RunState, RunSummary } from '../shared/runs';
import { CancelTrainingRequest } from '../shared/protocol';
import type { RmlContext } from './context';
import { runDetails, runTitle, runTooltipLines } from './panels/runDescriptions';
import { folderName, listWorkspaceRuns } from './panels/runPicker';
import type { FolderRuns } from '../shared/protocol';
import { onTrainingEvent } from './panels/trainingEvents';

/**
 * The Runs view (`responsibleML.runs`): the training runs in each workspace folder's `.rml/runs`, newest
 * first, refreshed when a job reports and when a run's `status.json` changes on disk. Clicking one opens its panel.
 */

const STATE_ICONS: Record<RunState, vscode.ThemeIcon> = {
  running: new vscode.ThemeIcon('sync~spin', new vscode.ThemeColor('charts.blue')),
  completed: new vscode.ThemeIcon('pass', new vscode.ThemeColor('testing.iconPassed')),
  cancelled: new vscode.ThemeIcon('circle-slash', new vscode.ThemeColor('disabledForeground')),
  failed: new vscode.ThemeIcon('error', new vscode.ThemeColor('testing.iconFailed')),
};

export class RunItem extends vscode.TreeItem {
  constructor(
    readonly run: RunSummary,
    now: Date,
  ) {
    super(runTitle(run), vscode.TreeItemCollapsibleState.None);
    this.id = run.id;
    this.description = runDetails(run, now);
    this.tooltip = tooltipOf(run);
    this.iconPath = STATE_ICONS[run.state];
    this.contextValue = `rmlRun.${run.state}`;
    this.command = { command: 'responsibleML.openRun', title: 'Open Training Run', arguments: [run.id] };
    this.accessibilityInformation = { label: `${run.state} run ${runTitle(run)}, ${this.description}` };
  }
}

class FolderItem extends vscode.TreeItem {
  constructor(readonly entry: FolderRuns) {
    super(folderName(entry.folderUri), vscode.TreeItemCollapsibleState.Expanded);
    this.id = entry.folderUri;
    this.description = `${entry.runs.length} ${entry.runs.length === 1 ? 'run' : 'runs'}`;
    this.iconPath = vscode.ThemeIcon.Folder;
  }
}

/** A folder whose runs could not be listed: the reason (file and problem) instead of an empty list. */
class ProblemItem extends vscode.TreeItem {
  constructor(folder: string, message: string) {
    super(`Cannot list the runs of ${folder}`, vscode.TreeItemCollapsibleState.None);
    this.description = message;
    this.tooltip = message;
    this.iconPath = new vscode.ThemeIcon('warning', new vscode.ThemeColor('problemsWarningIcon.foreground'));
  }
}

type RunsNode = RunItem | FolderItem | ProblemItem;

/** `appendText` escapes what the run's files hold (paths, error messages) so none of it renders as Markdown. */
function tooltipOf(run: RunSummary): vscode.MarkdownString {
  const tooltip = new vscode.MarkdownString();
  runTooltipLines(run).forEach((line, index) => {
    if (index > 0) tooltip.appendMarkdown('  \n');
    tooltip.appendText(line);
  });
  return tooltip;
}

function folderChildren(entry: FolderRuns, now: Date): RunsNode[] {
  const runs: RunsNode[] = entry.runs.map((run) => new RunItem(run, now));
  return entry.error ? [new ProblemItem(folderName(entry.folderUri), entry.error), ...runs] : runs;
}

class RunsTreeProvider implements vscode.TreeDataProvider<RunsNode> {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeTreeData = this.changed.event;
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly ctx: RmlContext) {}

  /** Bursts (an epoch rewrites status.json and sends an event) become one refresh. */
  refreshSoon(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => this.changed.fire(), 300);
  }

  getTreeItem(node: RunsNode): vscode.TreeItem {
    return node;
  }

  async getChildren(node?: RunsNode): Promise<RunsNode[]> {
    const now = new Date();
    if (node instanceof FolderItem) return folderChildren(node.entry, now);
    if (node) return [];
    const folders = await listWorkspaceRuns(this.ctx);
    if (folders.length === 1 && folders[0]) return folderChildren(folders[0], now);
    return folders.filter((entry) => entry.runs.length > 0 || entry.error).map((entry) => new FolderItem(entry));
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.changed.dispose();
  }
}

async function cancelRun(ctx: RmlContext, item: unknown): Promise<void> {
  if (!(item instanceof RunItem)) return;
  try {
    const result = await ctx.client.sendRequest(CancelTrainingRequest.type, { runId: item.run.id });
    if (!result.cancelled)
      void vscode.window.showInformationMessage(`Responsible ML: run ${item.run.id} is not running any more.`);
  } catch (error) {
    void vscode.window.showErrorMessage(
      `Responsible ML: could not cancel run ${item.run.id}: ${(error as Error).message}`,
    );
  }
}

/** The view, its file watcher and event subscription, and the commands `responsibleML.refreshRuns` and `responsibleML.cancelRun`. */
export function registerRunsView(ctx: RmlContext): vscode.Disposable[] {
  const provider = new RunsTreeProvider(ctx);
  const view = vscode.window.createTreeView('responsibleML.runs', { treeDataProvider: provider, canSelectMany: true });
  const watcher = vscode.workspace.createFileSystemWatcher('**/.rml/runs/*/status.json');
  const refresh = () => provider.refreshSoon();
  return [
    provider,
    view,
    watcher,
    watcher.onDidCreate(refresh),
    watcher.onDidChange(refresh),
    watcher.onDidDelete(refresh),
    vscode.workspace.onDidChangeWorkspaceFolders(refresh),
    onTrainingEvent(ctx)((event) => {
      if (event.kind !== 'log') refresh();
    }),
    vscode.commands.registerCommand('responsibleML.refreshRuns', refresh),
    vscode.commands.registerCommand('responsibleML.cancelRun', (item?: unknown) => cancelRun(ctx, item)),
  ];
}
