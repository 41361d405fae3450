import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { LspTestClient, type PublishedDiagnostics } from './lspClient';

export interface CodeAction {
  title: string;
  edit?: {
    documentChanges?: Array<{
      textDocument?: { uri: string };
      edits?: Array<{ range: unknown; newText: string }>;
      kind?: string;
      uri?: string;
    }>;
  };
}

export const codes = (published: PublishedDiagnostics) =>
  published.diagnostics.map((diagnostic) => diagnostic.code).sort();

/**
 * A server started on a temporary copy of test/fixtures/server for one describe block, shut down after it.
 * `session.initializeResult` is what the server answered to `initialize`.
 */
export function serverOnFixtureCopy(prefix: string, prepare?: (workspace: string) => void) {
  const session = {
    workspace: '',
    client: undefined as unknown as LspTestClient,
    initializeResult: undefined as unknown,
  };
  before(async () => {
    session.workspace = mkdtempSync(path.join(os.tmpdir(), prefix));
    cpSync(path.resolve('test/fixtures/server'), session.workspace, { recursive: true });
    prepare?.(session.workspace);
    session.client = new LspTestClient();
    session.initializeResult = await session.client.initialize(session.workspace);
  });
  after(async () => {
    await session.client.shutdown();
    rmSync(session.workspace, { recursive: true, force: true });
  });
  return session;
}
