import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { click, elementTexts } from './driverRequests';
import {
  activateExtensionUnderTest,
  discardChangesAndCloseEditors,
  eventually,
  openWorkspaceFile,
  workspaceUri,
} from './workspace';

const DATASET = 'data/reviews.csv';
/** A data row of the dataset (0-based line 3: "3,visit food place food superb …"). */
const ROW = 3;

/**
 * A user trains a model, puts the cursor on a row and clicks "Explain prediction": the attribution panel shows the
 * row's token heatmap; clicking a word shows that word of that row in the editor.
 */
describe('Journey: explain a prediction from a dataset row', function () {
  this.timeout(300_000);
  beforeEach(discardChangesAndCloseEditors);

  it('a row → Explain prediction → heatmap → click a token → the editor shows the row', async () => {
    await activateExtensionUnderTest();
    const dataset = workspaceUri(DATASET);
    const runId = await vscode.commands.executeCommand<string>('responsibleML.trainModel', dataset, {
      label: 'label',
      text: 'text',
      sensitive: ['dialect'],
      epochs: 4,
      seed: 3,
    });
    assert.ok(runId, 'the command queued a job');
    await eventually(
      async () => ((await readState(runId)) === 'completed' ? true : undefined),
      `run ${runId} to complete`,
      180_000,
    );

    const editor = await openWorkspaceFile(DATASET);
    editor.selection = new vscode.Selection(ROW, 2, ROW, 2);
    await eventually(
      async () => (await elementTexts('.codelens-decoration a')).find((text) => text.includes('Explain prediction')),
      'the Explain prediction lens on the row',
    );
    await click('.codelens-decoration a', { text: 'Explain prediction' });

    const tokens = await eventually(
      async () => {
        const texts = await elementTexts('.heatmap .token', true);
        return texts.length > 0 ? texts : undefined;
      },
      'the token heatmap',
      120_000,
    );
    assert.deepEqual(tokens.slice(0, 3), ['visit', 'food', 'place']);
    const [source] = await elementTexts('.input-source', true);
    assert.equal(source, `Row: ${DATASET}:${ROW + 1}`);
    const [prediction] = await elementTexts('.explanation h2', true);
    assert.match(prediction ?? '', /^Prediction: (positive|negative) \(p = 0\.\d{3}\)$/);
    assert.ok(
      (await elementTexts('.badge.delta', true)).length === 1,
      'integrated gradients show their convergence delta',
    );
    // The run's attribution file, computed by the packaged attribution worker after training: importance per group.
    const charts = await eventually(
      async () => {
        const titles = await elementTexts('.importance-chart figcaption', true);
        return titles.length > 0 ? titles : undefined;
      },
      'global importance per group',
      120_000,
    );
    assert.match(charts[0] ?? '', /^All test examples \(\d+ examples\)$/);
    assert.ok(
      charts.some((title) => title.startsWith('dialect = A')),
      charts.join(' | '),
    );

    // Away from the row first, so the click has to bring it back.
    editor.selection = new vscode.Selection(500, 0, 500, 0);
    await click('.heatmap .token', { text: 'superb', includeWebviews: true });
    const shown = await eventually(async () => {
      const active = vscode.window.activeTextEditor;
      return active?.document.uri.toString() === dataset.toString() && active.selection.start.line === ROW
        ? active
        : undefined;
    }, 'the editor to show the row');
    assert.equal(shown.document.getText(shown.selection), 'superb');
    assert.ok(
      shown.visibleRanges.some((range) => range.contains(shown.selection)),
      'the row is scrolled into view',
    );
  });
});

async function readState(runId: string): Promise<string | undefined> {
  try {
    const status = JSON.parse(
      new TextDecoder().decode(await vscode.workspace.fs.readFile(workspaceUri(`.rml/runs/${runId}/status.json`))),
    ) as { state: string; error?: string };
    if (status.state === 'failed' || status.state === 'cancelled')
      throw new Error(`run ${runId} ${status.state}: ${status.error ?? ''}`);
    return status.state;
  } catch (error) {
    if ((error as Error).message.startsWith('run ')) throw error;
    return undefined;
  }
}
