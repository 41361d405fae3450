import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import {
  activateExtensionUnderTest,
  discardChangesAndCloseEditors,
  openWorkspaceFile,
  productDiagnostics,
  waitForDiagnostics,
  workspaceUri,
} from './workspace';

const SOURCE = 'data/reviews.csv';
const NOISY = 'data/reviews-noisy.csv';
/** Data rows (0-based among rows) whose label the journey flips: clearly positive reviews marked negative. */
const FLIPPED = 5;

/**
 * A user runs "Find Label Issues" on a dataset with labels flipped by hand: the flipped rows get a diagnostic on
 * their label cell, and "Change label to …" fixes one as an undoable edit, after which its diagnostic is gone.
 */
describe('Journey: probable label errors', function () {
  this.timeout(300_000);
  beforeEach(discardChangesAndCloseEditors);
  after(async () => {
    await discardChangesAndCloseEditors();
    await vscode.workspace.fs.delete(workspaceUri(NOISY)).then(undefined, () => undefined);
  });

  it('Find Label Issues marks flipped labels, and "Change label to" fixes one, undoably', async () => {
    await activateExtensionUnderTest();
    const lines = new TextDecoder().decode(await vscode.workspace.fs.readFile(workspaceUri(SOURCE))).split('\n');
    const flipped: number[] = [];
    for (let line = 1; line < lines.length && flipped.length < FLIPPED; line++) {
      if (lines[line]!.endsWith(',positive') && /superb|excellent|great/.test(lines[line]!)) {
        lines[line] = lines[line]!.replace(/,positive$/, ',negative');
        flipped.push(line);
      }
    }
    assert.equal(flipped.length, FLIPPED);
    await vscode.workspace.fs.writeFile(workspaceUri(NOISY), new TextEncoder().encode(lines.join('\n')));
    const editor = await openWorkspaceFile(NOISY);
    await vscode.commands.executeCommand('responsibleML.findLabelIssues', editor.document.uri, {
      label: 'label',
      text: 'text',
    });
    const diagnostics = await waitForDiagnostics(
      editor.document.uri,
      (all) => productDiagnostics(all, 'data/label-issue').length > 0,
      'label issues',
      180_000,
    );
    const issues = productDiagnostics(diagnostics, 'data/label-issue');
    const found = issues.filter((issue) => flipped.includes(issue.range.start.line));
    assert.ok(found.length >= 3, `found ${found.length} of ${FLIPPED} flipped rows among ${issues.length} issues`);
    const issue = found[0]!;
    assert.match(issue.message, /^Label 'negative' looks wrong: the model is confident this row is 'positive'/);

    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
      'vscode.executeCodeActionProvider',
      editor.document.uri,
      issue.range,
    );
    const change = actions.find((action) => action.title === "Change label to 'positive'");
    assert.ok(change?.edit, actions.map((action) => action.title).join(' | '));
    assert.ok(await vscode.workspace.applyEdit(change.edit));
    const line = issue.range.start.line;
    assert.ok(editor.document.lineAt(line).text.endsWith(',positive'), editor.document.lineAt(line).text);
    await waitForDiagnostics(
      editor.document.uri,
      (all) => !productDiagnostics(all, 'data/label-issue').some((d) => d.range.start.line === line),
      `no label issue on line ${line + 1}`,
    );
    await vscode.commands.executeCommand('undo');
    assert.ok(editor.document.lineAt(line).text.endsWith(',negative'), 'undo restores the label');
  });
});
