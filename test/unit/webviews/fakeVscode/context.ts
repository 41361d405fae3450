import type { RmlContext } from '../../../../src/extension/context';
import { Disposable, Uri } from './vscode';

/** A context whose language client records requests and notification handlers, and answers Cancel with `cancelled`. */
export function fakeContext(cancelled = true) {
  const handlers = new Map<string, (params: unknown) => void>();
  const requests: Array<{ method: string; params: unknown }> = [];
  const logs: string[] = [];
  let registrations = 0;
  const client = {
    onNotification(method: string, handler: (params: unknown) => void) {
      registrations++;
      handlers.set(method, handler);
      return new Disposable(() => handlers.delete(method));
    },
    async sendRequest(method: string, params: unknown) {
      requests.push({ method, params });
      return { cancelled };
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
    requests,
    logs,
    registrations: () => registrations,
    /** The server sends a notification. */
    notify: (method: string, params: unknown) => handlers.get(method)?.(params),
  };
}
