import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { elementTexts } from './driverRequests';
import {
  activateExtensionUnderTest,
  discardChangesAndCloseEditors,
  eventually,
  openWorkspaceFile,
  workspaceUri,
} from './workspace';

const EPOCHS = 20;
/** Copies of the fixture rows: enough work per epoch (about a second) for the panel to show the curves growing. */
const COPIES = 20;

describe('Journey: train a model on a dataset', function () {
  // Twenty epochs take 20–80 s depending on what else the machine runs.
  this.timeout(240_000);
  beforeEach(discardChangesAndCloseEditors);

  it('Train Model on This Dataset opens the run panel, its curves grow epoch by epoch, and the per-group table appears', async () => {
    await activateExtensionUnderTest();
    const dataset = await writeLargerDataset();
    await openWorkspaceFile('data/reviews-large.csv');
    // Early stopping off: the journey watches all twenty epochs arrive.
    const options = {
      label: 'label',
      text: 'text',
      sensitive: ['dialect'],
      epochs: EPOCHS,
      seed: 7,
      earlyStopping: false,
    };
    const runId = await vscode.commands.executeCommand<string>('responsibleML.trainModel', dataset, options);
    assert.ok(runId, 'the command queued a job');

    // The loss chart's canvas carries its point counts (training, validation): watch them grow.
    const seen = new Set<number>();
    await eventually(
      async () => {
        const [points] = await elementTexts('[data-chart="loss"] canvas', true, 'data-points');
        const epochs = Number(points?.split(',')[0] ?? 0);
        if (epochs > 0) seen.add(epochs);
        return epochs === EPOCHS ? epochs : undefined;
      },
      `the loss curve to reach ${EPOCHS} epochs`,
      180_000,
    );
    assert.ok(seen.size >= 2, `the curve grew in steps (saw ${[...seen].join(', ')} epochs)`);

    await eventually(
      async () => (await elementTexts('.run-header .status', true)).find((status) => status.startsWith('Completed')),
      'the run to complete',
      180_000,
    );
    const groups = await elementTexts('.grouping[data-grouping="dialect"] table.group-table tbody tr th', true);
    assert.deepEqual([...groups].sort(), ['A', 'B']);
    const backend = await elementTexts('.badge.backend', true);
    assert.match(backend.join(' '), /wasm|cpu|tensorflow/);
  });
});

/** data/reviews-large.csv: the fixture's rows repeated (the workspace is a temporary copy). */
async function writeLargerDataset(): Promise<vscode.Uri> {
  const source = new TextDecoder().decode(await vscode.workspace.fs.readFile(workspaceUri('data/reviews.csv')));
  const [header, ...rows] = source.trimEnd().split('\n');
  const copies = Array.from({ length: COPIES }, () => rows.join('\n'));
  const target = workspaceUri('data/reviews-large.csv');
  await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(`${header}\n${copies.join('\n')}\n`));
  return target;
}
