import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import {
  activateExtensionUnderTest,
  discardChangesAndCloseEditors,
  openWorkspaceFile,
  productDiagnostics,
  waitForDiagnostics,
} from './workspace';

const NAME_COLUMN = 1; // id,name,email,card_number,plan

describe('Journey: replace a column that identifies people', () => {
  beforeEach(discardChangesAndCloseEditors);

  it("the header's quick fix replaces every name with <PERSON> in one edit, the warning goes, and one undo restores all", async () => {
    await activateExtensionUnderTest();
    const { document } = await openWorkspaceFile('data/customers.csv');
    const original = document.getText();
    const identifies = (published: vscode.Diagnostic[]) =>
      productDiagnostics(published, 'data/direct-identifier').length > 0;
    const before = await waitForDiagnostics(document.uri, identifies, 'a data/direct-identifier diagnostic');
    const target = productDiagnostics(before, 'data/direct-identifier')[0] as vscode.Diagnostic;
    assert.equal(target.range.start.line, 0, 'on the header');
    assert.match(target.message, /column 'name' holds names/);

    const actions = await vscode.commands.executeCommand<Array<vscode.CodeAction | vscode.Command>>(
      'vscode.executeCodeActionProvider',
      document.uri,
      target.range,
      vscode.CodeActionKind.QuickFix.value,
      20,
    );
    const titles = actions.map((action) => action.title);
    const replace = actions.find((action) => action.title.startsWith("Replace every value of 'name' with <PERSON>"));
    assert.ok(replace && 'edit' in replace && replace.edit, `offered: ${titles.join(' | ')}`);
    // "Pseudonymise … with a salted hash" is disabled until .rml.json has a salt, and the API lists enabled fixes only.
    assert.equal(await vscode.workspace.applyEdit(replace.edit), true, 'the edit was refused');

    const lines = document.getText().trimEnd().split('\n').slice(1);
    assert.ok(lines.length > 0);
    for (const line of lines) assert.equal(line.split(',')[NAME_COLUMN], '<PERSON>', line);
    assert.equal(document.lineAt(0).text, original.split('\n')[0], 'the header stays');
    await waitForDiagnostics(
      document.uri,
      (published) => !identifies(published),
      'no data/direct-identifier once the names are gone',
    );

    await vscode.window.showTextDocument(document);
    await vscode.commands.executeCommand('undo');
    assert.equal(document.getText(), original, 'one undo restores every name');
    await waitForDiagnostics(document.uri, identifies, 'the data/direct-identifier diagnostic back');
  });
});
