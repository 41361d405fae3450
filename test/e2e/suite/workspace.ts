/**
 * In-host helpers for the journeys: the fixture workspace (a temporary copy of test/fixtures/example-workspace), the
 * extension under test, and waiting on the diagnostics it publishes.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { suiteConfig } from './driverRequests';

/** The `source` of every diagnostic the product publishes. */
export const PRODUCT_SOURCE = 'Responsible ML';
const DIAGNOSTICS_TIMEOUT_MS = 30_000;

/** Activates the extension installed from the .vsix (not the harness given as development extension). */
export async function activateExtensionUnderTest(): Promise<vscode.Extension<unknown>> {
  const { extensionId } = suiteConfig();
  const extension = vscode.extensions.getExtension(extensionId);
  if (extension === undefined) {
    const others = vscode.extensions.all
      .filter((candidate) => !candidate.packageJSON.isBuiltin)
      .map((candidate) => candidate.id);
    assert.fail(`extension ${extensionId} is not installed; non-built-in extensions: ${others.join(', ') || 'none'}`);
  }
  await extension.activate();
  return extension;
}

export function workspaceUri(relativePath: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'no workspace folder is open: the driver opens the fixture workspace');
  return vscode.Uri.joinPath(folder.uri, ...relativePath.split('/'));
}

export async function openWorkspaceFile(relativePath: string): Promise<vscode.TextEditor> {
  const document = await vscode.workspace.openTextDocument(workspaceUri(relativePath));
  return vscode.window.showTextDocument(document);
}

/** `code` as a string, whether published as a plain value or as `{ value, target }` (LSP codeDescription). */
export function codeOf(diagnostic: vscode.Diagnostic): string {
  const code = diagnostic.code;
  return typeof code === 'object' ? String(code.value) : String(code ?? '');
}

export function productDiagnostics(diagnostics: readonly vscode.Diagnostic[], code?: string): vscode.Diagnostic[] {
  return diagnostics
    .filter((diagnostic) => diagnostic.source === PRODUCT_SOURCE && (code === undefined || codeOf(diagnostic) === code))
    .sort((a, b) => a.range.start.compareTo(b.range.start));
}

export function describeDiagnostics(diagnostics: readonly vscode.Diagnostic[]): string {
  const lines = diagnostics.map(
    (d) => `  ${d.range.start.line + 1}:${d.range.start.character + 1} ${d.source ?? '?'} ${codeOf(d)}: ${d.message}`,
  );
  return lines.join('\n') || '  (none)';
}

/**
 * Resolves with the file's diagnostics once `expectation` holds, re-checking on every diagnostics change (no sleeps);
 * fails after a time-out listing what was published.
 */
export function waitForDiagnostics(
  uri: vscode.Uri,
  expectation: (diagnostics: vscode.Diagnostic[]) => boolean,
  description: string,
  timeoutMs = DIAGNOSTICS_TIMEOUT_MS,
): Promise<vscode.Diagnostic[]> {
  return new Promise((resolve, reject) => {
    const check = () => {
      const diagnostics = vscode.languages.getDiagnostics(uri);
      if (!expectation(diagnostics)) return false;
      finish();
      resolve(diagnostics);
      return true;
    };
    const subscription = vscode.languages.onDidChangeDiagnostics((event) => {
      if (event.uris.some((changed) => changed.toString() === uri.toString())) check();
    });
    const timer = setTimeout(() => {
      finish();
      const published = describeDiagnostics(vscode.languages.getDiagnostics(uri));
      reject(new Error(`${vscode.workspace.asRelativePath(uri)} never had ${description}; it had:\n${published}`));
    }, timeoutMs);
    const finish = () => {
      subscription.dispose();
      clearTimeout(timer);
    };
    check();
  });
}

/**
 * Opens and focuses the Problems panel. Not `workbench.actions.view.problems`: that one toggles, so it closes the
 * panel when an earlier journey left it focused.
 */
export async function showProblemsPanel(): Promise<void> {
  await vscode.commands.executeCommand('workbench.panel.markers.view.focus');
}

/** Reverts every edited document and closes all editors, so each journey starts from the fixture as committed. */
export async function discardChangesAndCloseEditors(): Promise<void> {
  for (const document of vscode.workspace.textDocuments.filter((candidate) => candidate.isDirty)) {
    await vscode.window.showTextDocument(document);
    await vscode.commands.executeCommand('workbench.action.files.revert');
  }
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}

/**
 * Reads until `read` returns a value (not undefined), every 200 ms, for things the workbench renders asynchronously
 * (hover widgets, webview charts). Fails with `description` after `timeoutMs`.
 */
export async function eventually<T>(
  read: () => Promise<T | undefined>,
  description: string,
  timeoutMs = 20_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${description}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
