import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { elementTexts, problemsRows, waitForProblemsRows } from './driverRequests';
import {
  activateExtensionUnderTest,
  discardChangesAndCloseEditors,
  eventually,
  productDiagnostics,
  showProblemsPanel,
  waitForDiagnostics,
  workspaceUri,
} from './workspace';

describe('Journey: scan the whole workspace', () => {
  beforeEach(discardChangesAndCloseEditors);

  it('responsibleML.scanWorkspace reports PII in data/never-opened.jsonl without opening it', async () => {
    await activateExtensionUnderTest();
    const neverOpened = workspaceUri('data/never-opened.jsonl');
    assert.equal(isOpenInAnEditor(neverOpened), false, 'precondition: the file is not open');

    await vscode.commands.executeCommand('responsibleML.scanWorkspace');
    const diagnostics = await waitForDiagnostics(
      neverOpened,
      (published) => productDiagnostics(published, 'pii/email').length >= 2,
      'a pii/email diagnostic for each of its two records',
    );
    assert.ok(productDiagnostics(diagnostics).every((diagnostic) => diagnostic.range.start.line <= 1));
    assert.equal(isOpenInAnEditor(neverOpened), false, 'scanning must not open the file in an editor');

    await showProblemsPanel();
    // The panel renders only the rows in view, and the example workspace has many findings: filter to this file.
    await waitForProblemsRows(
      (rows) => rows.some((row) => row.includes('never-opened.jsonl')),
      'a row for never-opened.jsonl',
      20_000,
      'never-opened',
    );
    await problemsRows('');
  });

  it('the toast, the status bar and the Problems panel give one number of findings', async () => {
    await activateExtensionUnderTest();
    await vscode.commands.executeCommand('responsibleML.scanWorkspace');
    const toast = await eventually(
      async () =>
        (await elementTexts('.notification-list-item-message')).find((text) =>
          /files scanned, \d+ findings in the Problems panel/.test(text),
        ),
      'the Scan Workspace toast',
    );
    const said = Number(/(\d+) findings in the Problems panel/.exec(toast)?.[1]);
    // What the Problems panel lists from this extension: every published diagnostic but hints.
    const listed = vscode.languages
      .getDiagnostics()
      .flatMap(([, diagnostics]) => productDiagnostics(diagnostics))
      .filter((diagnostic) => diagnostic.severity !== vscode.DiagnosticSeverity.Hint).length;
    assert.equal(said, listed, toast);
    await eventually(
      async () => (await elementTexts('.statusbar-item')).find((text) => text.trim() === `RML ${listed}`),
      `the status bar to say RML ${listed}`,
    );
  });
});

function isOpenInAnEditor(uri: vscode.Uri): boolean {
  return vscode.window.tabGroups.all
    .flatMap((group) => group.tabs)
    .some((tab) => tab.input instanceof vscode.TabInputText && tab.input.uri.toString() === uri.toString());
}
