import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { elementTexts, screenshot } from './driverRequests';
import {
  activateExtensionUnderTest,
  discardChangesAndCloseEditors,
  eventually,
  openWorkspaceFile,
  productDiagnostics,
  waitForDiagnostics,
} from './workspace';

describe('Journey: a biased dataset', () => {
  beforeEach(discardChangesAndCloseEditors);

  it('shows the disparity on the sensitive column header, its group table on hover, and reweighing resolves it', async () => {
    await activateExtensionUnderTest();
    const editor = await openWorkspaceFile('data/hiring.csv');
    const { document } = editor;
    const published = await waitForDiagnostics(
      document.uri,
      (all) => productDiagnostics(all, 'bias/label-disparity').length > 0,
      'a bias/label-disparity diagnostic',
    );
    const [disparity] = productDiagnostics(published, 'bias/label-disparity');
    assert.equal(document.getText(disparity!.range), 'sex', 'on the header cell of the sensitive column');
    assert.match(disparity!.message, /disparate impact 0\.\d+ < 0\.8/);

    // The hover the user sees: move the cursor onto the header cell and show it.
    editor.selection = new vscode.Selection(disparity!.range.start, disparity!.range.start);
    await vscode.commands.executeCommand('editor.action.showHover');
    await eventually(
      async () =>
        (await elementTexts('.monaco-hover-content table')).find((text) => /\bF\b/.test(text) && /\bM\b/.test(text)),
      'a hover with a per-group table of F and M',
    );
    await screenshot('bias hover with the group table');

    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
      'vscode.executeCodeActionProvider',
      document.uri,
      disparity!.range,
      vscode.CodeActionKind.QuickFix.value,
    );
    const reweigh = actions.find((action) => action.title.startsWith('Add reweighing weights'));
    assert.ok(reweigh?.edit, `no reweighing fix among: ${actions.map((action) => action.title).join(', ')}`);
    assert.ok(await vscode.workspace.applyEdit(reweigh.edit));
    assert.match(document.lineAt(0).text, /,weight$/);
    await waitForDiagnostics(
      document.uri,
      (all) => productDiagnostics(all, 'bias/label-disparity').length === 0,
      'the disparity to be resolved by the weights',
    );
    await vscode.commands.executeCommand('undo');
    assert.doesNotMatch(document.lineAt(0).text, /,weight$/, 'one undo removes the weight column');
  });
});
