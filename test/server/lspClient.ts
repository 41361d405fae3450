import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  StreamMessageReader,
  StreamMessageWriter,
  createMessageConnection,
  type MessageConnection,
} from 'vscode-jsonrpc/node';

export interface PublishedDiagnostics {
  uri: string;
  version?: number;
  diagnostics: Array<{
    range: { start: { line: number; character: number }; end: { line: number; character: number } };
    code: string;
    message: string;
    severity: number;
    source: string;
    data?: Record<string, unknown>;
  }>;
}

/**
 * Drives the built server bundle (`dist/server.js`) over stdio as an editor would: a JSON-RPC connection,
 * `initialize`, document notifications, and a way to wait for the next diagnostics of a document.
 */
export class LspTestClient {
  readonly connection: MessageConnection;
  private readonly process: ChildProcess;
  private readonly diagnostics = new Map<string, PublishedDiagnostics>();
  private readonly waiters: Array<{
    uri: string;
    accept: (published: PublishedDiagnostics) => boolean;
    resolve: (published: PublishedDiagnostics) => void;
  }> = [];
  readonly notifications: Array<{ method: string; params: unknown }> = [];
  private readonly notificationWaiters: Array<{
    method: string;
    accept: (params: unknown) => boolean;
    resolve: (params: unknown) => void;
  }> = [];
  stderr = '';
  /** Rejects when the server process dies, so a crash fails the test at once with its stderr. */
  private readonly exited: Promise<never>;

  /** `settings` answers the server's `workspace/configuration` requests (the `responsibleML` section). */
  constructor(serverPath = path.resolve('dist/server.js'), settings: unknown = null) {
    this.process = spawn(process.execPath, [serverPath, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
    this.process.stderr!.on('data', (chunk: Buffer) => (this.stderr += chunk.toString()));
    this.exited = new Promise<never>((_, reject) => {
      this.process.on('exit', (code) => reject(new Error(`server exited with code ${code}:\n${this.stderr}`)));
    });
    this.exited.catch(() => undefined);
    this.connection = createMessageConnection(
      new StreamMessageReader(this.process.stdout!),
      new StreamMessageWriter(this.process.stdin!),
    );
    this.connection.onNotification('textDocument/publishDiagnostics', (params: PublishedDiagnostics) =>
      this.received(params),
    );
    this.connection.onNotification((method, params) => {
      this.notifications.push({ method, params });
      for (const waiter of [...this.notificationWaiters]) {
        if (waiter.method !== method || !waiter.accept(params)) continue;
        this.notificationWaiters.splice(this.notificationWaiters.indexOf(waiter), 1);
        waiter.resolve(params);
      }
    });
    this.connection.onRequest('workspace/configuration', (params: { items: unknown[] }) =>
      params.items.map(() => settings),
    );
    this.connection.onRequest('window/workDoneProgress/create', () => null);
    this.connection.onRequest('client/registerCapability', () => null);
    this.connection.listen();
  }

  async initialize(workspaceFolder: string, initializationOptions: unknown = undefined): Promise<unknown> {
    const uri = pathToFileURL(workspaceFolder).href;
    const result = await this.orExit(
      this.connection.sendRequest('initialize', {
        processId: process.pid,
        initializationOptions,
        rootUri: uri,
        workspaceFolders: [{ uri, name: path.basename(workspaceFolder) }],
        capabilities: {
          workspace: { configuration: true, workspaceEdit: { documentChanges: true, resourceOperations: ['create'] } },
          window: { workDoneProgress: true },
        },
      }),
    );
    await this.connection.sendNotification('initialized', {});
    return result;
  }

  open(filePath: string, languageId: string, text: string, version = 1): string {
    const uri = pathToFileURL(filePath).href;
    void this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version, text } });
    return uri;
  }

  change(uri: string, version: number, changes: Array<{ range?: unknown; text: string }>): void {
    void this.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version },
      contentChanges: changes,
    });
  }

  /** Resolves with the next diagnostics published for `uri` that `accept` (default: any) — no sleeps. */
  nextDiagnostics(
    uri: string,
    accept: (published: PublishedDiagnostics) => boolean = () => true,
  ): Promise<PublishedDiagnostics> {
    const current = this.diagnostics.get(uri);
    if (current && accept(current)) return Promise.resolve(current);
    return this.orExit(new Promise((resolve) => this.waiters.push({ uri, accept, resolve })));
  }

  /** Resolves with the first notification `method` (already received or still to come) that `accept`s. */
  notification<T>(method: string, accept: (params: T) => boolean = () => true): Promise<T> {
    const seen = this.notifications.find((entry) => entry.method === method && accept(entry.params as T));
    if (seen) return Promise.resolve(seen.params as T);
    const waiter = {
      method,
      accept: (params: unknown) => accept(params as T),
      resolve: (_: unknown) => undefined as void,
    };
    const pending = new Promise<T>((resolve) => (waiter.resolve = (params) => resolve(params as T)));
    this.notificationWaiters.push(waiter);
    return this.orExit(pending);
  }

  orExit<T>(pending: Promise<T>): Promise<T> {
    return Promise.race([pending, this.exited]);
  }

  async shutdown(): Promise<void> {
    try {
      await this.connection.sendRequest('shutdown');
      await this.connection.sendNotification('exit');
    } finally {
      this.connection.dispose();
      this.process.kill();
    }
  }

  /** Ends the server at once, without the shutdown handshake (for a server that stopped answering). */
  kill(): void {
    this.connection.dispose();
    this.process.kill('SIGKILL');
  }

  private received(params: PublishedDiagnostics): void {
    this.diagnostics.set(params.uri, params);
    for (const waiter of [...this.waiters]) {
      if (waiter.uri !== params.uri || !waiter.accept(params)) continue;
      this.waiters.splice(this.waiters.indexOf(waiter), 1);
      waiter.resolve(params);
    }
  }
}
