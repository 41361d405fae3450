import { URI } from 'vscode-uri';
import type { RmlContext } from '../../../../src/extension/context';
import { RunRegistry } from '../../../../src/server/runs/runRegistry';
import {
  CancelTrainingRequest,
  ListRunsRequest,
  ReadRunRequest,
  RunFileRequest,
} from '../../../../src/shared/protocol';
import { Disposable, fake, Uri } from './vscode';

type MessageType = string | { method: string };
const methodOf = (type: MessageType) => (typeof type === 'string' ? type : type.method);

/**
 * A context whose language client records requests and notification handlers, answers Cancel with `cancelled`,
 * and answers the run requests as the server does: through the server's own `RunRegistry` over the fake
 * editor's workspace folders (the host itself never reads a run folder).
 */
export function fakeContext(cancelled = true) {
  const handlers = new Map<string, (params: unknown) => void>();
  const requests: Array<{ method: string; params: unknown }> = [];
  const logs: string[] = [];
  const runs = new RunRegistry(() => fake.workspaceFolders.map((folder) => folder.uri.fsPath));
  let registrations = 0;
  const client = {
    onNotification(type: MessageType, handler: (params: unknown) => void) {
      registrations++;
      handlers.set(methodOf(type), handler);
      return new Disposable(() => handlers.delete(methodOf(type)));
    },
    async sendRequest(type: MessageType, params: unknown) {
      const method = methodOf(type);
      requests.push({ method, params });
      const { runId, file } = params as { runId: string; file: never };
      if (method === ListRunsRequest.method) return runs.list();
      if (method === ReadRunRequest.method) return runs.read(runId);
      if (method === RunFileRequest.method) return { uri: URI.file(await runs.filePath(runId, file)).toString() };
      if (method === CancelTrainingRequest.method) return { cancelled };
      throw new Error(`the fake server does not answer ${method}`);
    },
  };
  const log = (level: string) => (message: string) => void logs.push(`${level}: ${message}`);
  const ctx = {
    extension: { extensionUri: Uri.file('/ext'), subscriptions: [] as Disposable[] },
    client,
    output: { info: log('info'), warn: log('warn'), error: log('error') },
    statusBar: {},
  } as unknown as RmlContext;
  return {
    ctx,
    /** Requests other than the run reads (what the host asked the server to do). */
    actions: () =>
      requests.filter(
        (request) =>
          ![ListRunsRequest.method, ReadRunRequest.method, RunFileRequest.method].includes(request.method as never),
      ),
    requests,
    logs,
    registrations: () => registrations,
    /** The server sends a notification. */
    notify: (method: string, params: unknown) => handlers.get(method)?.(params),
  };
}
