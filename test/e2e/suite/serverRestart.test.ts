import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as vscode from 'vscode';
import { elementTexts } from './driverRequests';
import {
  activateExtensionUnderTest,
  discardChangesAndCloseEditors,
  eventually,
  openWorkspaceFile,
  productDiagnostics,
  waitForDiagnostics,
} from './workspace';

/** Process ids of this extension's language server (its own `dist/server.js`, started over IPC). */
function serverProcessesOf(extensionPath: string): number[] {
  try {
    return execFileSync('pgrep', ['-f', `${extensionPath}/dist/server.js`], { encoding: 'utf8' })
      .trim()
      .split('\n')
      .filter(Boolean)
      .map(Number);
  } catch {
    return []; // pgrep exits 1 when nothing matches
  }
}

describe('Journey: the language server crashes', () => {
  beforeEach(discardChangesAndCloseEditors);

  it('is restarted, says so, and analyses documents again', async () => {
    const { extensionPath } = await activateExtensionUnderTest();
    const serverProcesses = () => serverProcessesOf(extensionPath);
    const [before] = serverProcesses();
    assert.ok(before, 'a server process is running');
    process.kill(before, 'SIGKILL');

    const after = await eventually(async () => serverProcesses().find((pid) => pid !== before), 'a new server process');
    assert.notEqual(after, before);
    await eventually(
      async () =>
        (await elementTexts('.notifications-toasts')).find((text) => /stopped unexpectedly; restarting/.test(text)),
      'a notification saying the server restarts',
    );

    const { document } = await openWorkspaceFile('data/customers.csv');
    const published = await waitForDiagnostics(
      document.uri,
      (all) => productDiagnostics(all, 'pii/email').length > 0,
      'diagnostics from the restarted server',
    );
    assert.ok(productDiagnostics(published, 'pii/email').length > 0);
    void vscode.commands.executeCommand('notifications.clearAll');
  });
});
