import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import {
  activateExtensionUnderTest,
  discardChangesAndCloseEditors,
  eventually,
  productDiagnostics,
  waitForDiagnostics,
  workspaceUri,
} from './workspace';

async function readJson<T>(relativePath: string): Promise<T | undefined> {
  try {
    return JSON.parse(new TextDecoder().decode(await vscode.workspace.fs.readFile(workspaceUri(relativePath)))) as T;
  } catch {
    return undefined;
  }
}

describe('Journey: a model card from a training run', () => {
  beforeEach(discardChangesAndCloseEditors);

  it("train → Generate Model Card → the card opens with the run's numbers → card lint has no finding (and would have one)", async () => {
    await activateExtensionUnderTest();
    const dataset = workspaceUri('data/reviews.csv');
    const runId = await vscode.commands.executeCommand<string>('responsibleML.trainModel', dataset, {
      label: 'label',
      text: 'text',
      sensitive: ['dialect'],
      epochs: 3,
      seed: 11,
    });
    assert.ok(runId, 'the command queued a job');
    await eventually(
      async () =>
        (await readJson<{ state: string }>(`.rml/runs/${runId}/status.json`))?.state === 'completed' ? true : undefined,
      'the run to complete',
      120_000,
    );
    const report = await readJson<{ test: { accuracy: number; macroF1: number } }>(`.rml/runs/${runId}/report.json`);
    assert.ok(report);

    const cardUri = await vscode.commands.executeCommand<string>('responsibleML.generateModelCard', runId);
    assert.equal(cardUri, workspaceUri(`.rml/runs/${runId}/MODEL_CARD.md`).toString());
    const editor = await eventually(
      async () => vscode.window.visibleTextEditors.find((candidate) => candidate.document.uri.toString() === cardUri),
      'the card to open',
    );
    const card = editor.document.getText();
    assert.ok(
      card.includes(`| Accuracy | ${report.test.accuracy.toFixed(4)} |`),
      'the test accuracy of report.json is in Results',
    );
    assert.ok(card.includes(`value: ${report.test.accuracy}`), 'and in the model-index metadata');
    assert.ok(card.includes(`# Model Card for text classifier predicting label (run ${runId})`));

    // Lint runs on the card: a placeholder typed into it is flagged, and the card as generated has no finding.
    const uri = editor.document.uri;
    const end = editor.document.lineAt(editor.document.lineCount - 1).range.end;
    await editor.edit((edit) => edit.insert(end, '\n[More Information Needed]\n'));
    await waitForDiagnostics(
      uri,
      (published) => productDiagnostics(published, 'card/placeholder').length === 1,
      'a card/placeholder diagnostic',
    );
    await vscode.commands.executeCommand('undo');
    assert.equal(editor.document.getText(), card);
    const clean = await waitForDiagnostics(
      uri,
      (published) => productDiagnostics(published).length === 0,
      'no finding on the generated card',
    );
    assert.deepEqual(productDiagnostics(clean), []);

    const ledger = new TextDecoder()
      .decode(await vscode.workspace.fs.readFile(workspaceUri('.rml/ledger.jsonl')))
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { action: string; runId?: string });
    assert.deepEqual(
      ledger.filter((entry) => entry.runId === runId).map((entry) => entry.action),
      ['run', 'card'],
    );
  });
});
