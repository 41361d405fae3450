/**
 * A stand-in for the parts of the `vscode` API the run panel and the Runs view use, recording what they do,
 * so their host logic is tested in plain mocha. The real editor is exercised by the end-to-end suite.
 */
import path from 'node:path';
import { URI } from 'vscode-uri';

export class Uri {
  private constructor(
    readonly scheme: string,
    readonly fsPath: string,
  ) {}
  static file(file: string): Uri {
    return new Uri('file', path.resolve(file));
  }
  static joinPath(base: Uri, ...parts: string[]): Uri {
    return new Uri(base.scheme, path.join(base.fsPath, ...parts));
  }
  /** `file:` URIs only, written as VS Code writes them (the server's URIs are made with vscode-uri too). */
  static parse(value: string): Uri {
    return new Uri('file', URI.parse(value).fsPath);
  }
  toString(): string {
    return URI.file(this.fsPath).toString();
  }
}

export class Disposable {
  constructor(private readonly onDispose: () => void = () => undefined) {}
  dispose(): void {
    this.onDispose();
  }
}

export class EventEmitter<T> {
  private listeners: Array<(value: T) => void> = [];
  readonly event = (listener: (value: T) => void): Disposable => {
    this.listeners.push(listener);
    return new Disposable(() => (this.listeners = this.listeners.filter((other) => other !== listener)));
  };
  fire(value: T): void {
    for (const listener of [...this.listeners]) listener(value);
  }
  dispose(): void {
    this.listeners = [];
  }
}

export enum ViewColumn {
  Active = -1,
  Beside = -2,
}

export enum TreeItemCollapsibleState {
  None = 0,
  Collapsed = 1,
  Expanded = 2,
}

export class ThemeColor {
  constructor(readonly id: string) {}
}

export class ThemeIcon {
  static readonly Folder = new ThemeIcon('folder');
  constructor(
    readonly id: string,
    readonly color?: ThemeColor,
  ) {}
}

export class MarkdownString {
  value = '';
  appendText(text: string): this {
    this.value += text.replace(/[\\`*_{}[\]()#+\-.!|<>]/g, '\\$&');
    return this;
  }
  appendMarkdown(markdown: string): this {
    this.value += markdown;
    return this;
  }
}

export class TreeItem {
  id?: string;
  description?: string;
  tooltip?: string | MarkdownString;
  iconPath?: ThemeIcon;
  contextValue?: string;
  command?: { command: string; title: string; arguments?: unknown[] };
  accessibilityInformation?: { label: string };
  constructor(
    public label: string,
    public collapsibleState: TreeItemCollapsibleState,
  ) {}
}

export class FakeWebview {
  html = '';
  options: unknown = {};
  readonly cspSource = 'vscode-webview://fake';
  readonly posted: Array<{ type: string } & Record<string, unknown>> = [];
  private readonly received = new EventEmitter<unknown>();
  readonly onDidReceiveMessage = this.received.event;
  asWebviewUri(uri: Uri): Uri {
    return uri;
  }
  async postMessage(message: { type: string }): Promise<boolean> {
    this.posted.push(message);
    return true;
  }
  /** The view's side: a message from its script. */
  fromView(message: unknown): void {
    this.received.fire(message);
  }
}

export class FakePanel {
  iconPath: unknown;
  viewColumn: number | undefined;
  requestedColumn: number | undefined;
  visible = true;
  reveals = 0;
  readonly webview = new FakeWebview();
  private readonly disposed = new EventEmitter<void>();
  private readonly viewState = new EventEmitter<{ webviewPanel: FakePanel }>();
  readonly onDidDispose = this.disposed.event;
  readonly onDidChangeViewState = this.viewState.event;
  isDisposed = false;
  constructor(
    readonly viewType: string,
    public title: string,
  ) {}
  reveal(): void {
    this.reveals++;
  }
  dispose(): void {
    this.isDisposed = true;
    this.disposed.fire();
  }
  /** The editor hides or shows the panel. */
  setVisible(visible: boolean): void {
    this.visible = visible;
    this.viewState.fire({ webviewPanel: this });
  }
}

interface WorkspaceFolder {
  uri: Uri;
  name: string;
  index: number;
}

/** What the code under test did, and the answers the fake editor gives. */
export const fake = {
  panels: [] as FakePanel[],
  commands: new Map<string, (...args: unknown[]) => unknown>(),
  serializers: new Map<string, { deserializeWebviewPanel(panel: FakePanel, state: unknown): Promise<void> }>(),
  treeProviders: new Map<
    string,
    { getChildren(node?: unknown): Promise<unknown[]>; onDidChangeTreeData: (listener: () => void) => Disposable }
  >(),
  watchers: [] as Array<{ glob: string; changed: EventEmitter<Uri> }>,
  messages: [] as string[],
  shownDocuments: [] as string[],
  workspaceFolders: [] as WorkspaceFolder[],
  /** Picks from a QuickPick's items; undefined dismisses it. */
  pick: (items: readonly unknown[]): unknown => items[0],
  reset(): void {
    this.panels.length = 0;
    this.commands.clear();
    this.serializers.clear();
    this.treeProviders.clear();
    this.watchers.length = 0;
    this.messages.length = 0;
    this.shownDocuments.length = 0;
    this.workspaceFolders = [];
    this.pick = (items) => items[0];
  },
};

export const window = {
  createWebviewPanel(viewType: string, title: string, show?: { viewColumn: number } | number): FakePanel {
    const panel = new FakePanel(viewType, title);
    const column = typeof show === 'number' ? show : show?.viewColumn;
    // VS Code resolves Beside to the group right of the active one: here, always group 2.
    panel.viewColumn =
      column === ViewColumn.Beside ? 2 : column === ViewColumn.Active || column === undefined ? 1 : column;
    panel.requestedColumn = column;
    fake.panels.push(panel);
    return panel;
  },
  registerWebviewPanelSerializer(
    viewType: string,
    serializer: { deserializeWebviewPanel(panel: FakePanel, state: unknown): Promise<void> },
  ): Disposable {
    fake.serializers.set(viewType, serializer);
    return new Disposable(() => fake.serializers.delete(viewType));
  },
  createTreeView(id: string, options: { treeDataProvider: never }): Disposable {
    fake.treeProviders.set(id, options.treeDataProvider);
    return new Disposable(() => fake.treeProviders.delete(id));
  },
  showInformationMessage: async (message: string) => void fake.messages.push(`info: ${message}`),
  showErrorMessage: async (message: string) => void fake.messages.push(`error: ${message}`),
  showQuickPick: async (items: readonly unknown[]) => fake.pick(items),
  showTextDocument: async (uri: Uri) => void fake.shownDocuments.push(uri.fsPath),
};

export const commands = {
  registerCommand(id: string, handler: (...args: unknown[]) => unknown): Disposable {
    fake.commands.set(id, handler);
    return new Disposable(() => fake.commands.delete(id));
  },
};

const foldersChanged = new EventEmitter<void>();

export const workspace = {
  get workspaceFolders(): WorkspaceFolder[] {
    return fake.workspaceFolders;
  },
  getWorkspaceFolder(uri: Uri): WorkspaceFolder | undefined {
    return fake.workspaceFolders.find((folder) => uri.fsPath.startsWith(folder.uri.fsPath + path.sep));
  },
  asRelativePath(uri: Uri): string {
    const folder = workspace.getWorkspaceFolder(uri);
    return folder ? path.relative(folder.uri.fsPath, uri.fsPath) : uri.fsPath;
  },
  createFileSystemWatcher(glob: string) {
    const changed = new EventEmitter<Uri>();
    fake.watchers.push({ glob, changed });
    return {
      onDidCreate: changed.event,
      onDidChange: changed.event,
      onDidDelete: changed.event,
      dispose: () => changed.dispose(),
    };
  },
  onDidChangeWorkspaceFolders: foldersChanged.event,
};
