import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { problemsRows, waitForProblemsRows } from './driverRequests';
import {
  activateExtensionUnderTest,
  codeOf,
  discardChangesAndCloseEditors,
  openWorkspaceFile,
  productDiagnostics,
  showProblemsPanel,
  waitForDiagnostics,
} from './workspace';

const EMAIL_COLUMN = 2; // id,name,email,card_number,plan

describe('Journey: redact an e-mail address', () => {
  beforeEach(discardChangesAndCloseEditors);

  it('the "Redact" quick fix replaces the cell with <EMAIL>, its diagnostic disappears, and undo restores both', async () => {
    await activateExtensionUnderTest();
    const { document } = await openWorkspaceFile('data/customers.csv');
    const original = document.getText();
    const hasEmail = (published: vscode.Diagnostic[]) => productDiagnostics(published, 'pii/email').length > 0;
    const before = await waitForDiagnostics(document.uri, hasEmail, 'a pii/email diagnostic');
    const target = productDiagnostics(before, 'pii/email')[0] as vscode.Diagnostic;
    const line = target.range.start.line;
    const originalCells = document.lineAt(line).text.split(',');
    await showProblemsPanel();
    const rowOfTarget = `Responsible ML pii/email [Ln ${line + 1}, Col ${target.range.start.character + 1}]`;
    const showsTarget = (rows: string[]) => rows.some((row) => row.includes(rowOfTarget));
    await waitForProblemsRows(showsTarget, `the row "${rowOfTarget}"`, 20_000, 'customers.csv');

    await applyCodeAction(await redactActionFor(document.uri, target));
    const expectedCells = originalCells.map((cell, column) => (column === EMAIL_COLUMN ? '<EMAIL>' : cell));
    assert.deepEqual(document.lineAt(line).text.split(','), expectedCells);
    await waitForDiagnostics(
      document.uri,
      (published) =>
        !productDiagnostics(published, 'pii/email').some((diagnostic) => diagnostic.range.start.line === line),
      `no pii/email diagnostic left on line ${line + 1}`,
    );
    await waitForProblemsRows(
      (rows) => !showsTarget(rows),
      `no row "${rowOfTarget}" any more`,
      20_000,
      'customers.csv',
    );

    await vscode.window.showTextDocument(document);
    await vscode.commands.executeCommand('undo');
    assert.equal(document.getText(), original);
    await waitForDiagnostics(
      document.uri,
      (published) =>
        productDiagnostics(published, 'pii/email').some((diagnostic) => diagnostic.range.isEqual(target.range)),
      `the pii/email diagnostic back on line ${line + 1}`,
    );
    await waitForProblemsRows(showsTarget, `the row "${rowOfTarget}" back`, 20_000, 'customers.csv');
    await problemsRows('');
  });
});

/** The quick fix titled "Redact as …" for this diagnostic, resolved so that its edit is present. */
async function redactActionFor(
  uri: vscode.Uri,
  diagnostic: vscode.Diagnostic,
): Promise<vscode.CodeAction | vscode.Command> {
  const actions = await vscode.commands.executeCommand<Array<vscode.CodeAction | vscode.Command>>(
    'vscode.executeCodeActionProvider',
    uri,
    diagnostic.range,
    vscode.CodeActionKind.QuickFix.value,
    20,
  );
  // "Redact as <EMAIL>" fixes this finding; "Redact all … in this file" fixes many and is not what this journey tests.
  const redacts = actions.filter((action) => action.title.startsWith('Redact as '));
  const isTarget = (d: vscode.Diagnostic) => codeOf(d) === 'pii/email' && d.range.isEqual(diagnostic.range);
  const forTarget = redacts.filter((action) => 'diagnostics' in action && action.diagnostics?.some(isTarget));
  const chosen = forTarget[0] ?? (redacts.length === 1 ? redacts[0] : undefined);
  const offered = actions.map((action) => action.title).join(', ') || 'none';
  assert.ok(chosen, `expected one "Redact" quick fix for the e-mail; offered: ${offered}`);
  return chosen;
}

async function applyCodeAction(action: vscode.CodeAction | vscode.Command): Promise<void> {
  if (typeof action.command === 'string') {
    await vscode.commands.executeCommand(action.command, ...((action as vscode.Command).arguments ?? []));
    return;
  }
  const codeAction = action as vscode.CodeAction;
  if (codeAction.edit) {
    assert.equal(await vscode.workspace.applyEdit(codeAction.edit), true, 'the redact edit was refused');
  }
  if (codeAction.command) {
    await vscode.commands.executeCommand(codeAction.command.command, ...(codeAction.command.arguments ?? []));
  }
}
