import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { click, elementTexts, press, typeText } from './driverRequests';
import {
  activateExtensionUnderTest,
  discardChangesAndCloseEditors,
  eventually,
  openWorkspaceFile,
  workspaceUri,
} from './workspace';

const DATASET = 'data/hiring.csv';
const COMMAND_TITLE = 'Train Model on This Dataset';

/**
 * Every way a user starts training, clicked as a user clicks it: the command palette, the editor title button, the
 * Explorer context menu and the CodeLens. Each must show the form for this dataset (VS Code passes menus'
 * extra arguments to the command: they must not be taken for options) and, on Enter, train to completion.
 */
describe('Journey: every way to start training', function () {
  this.timeout(240_000);
  beforeEach(discardChangesAndCloseEditors);

  const entryPoints: Array<[name: string, open: () => Promise<void>]> = [
    [
      'the command palette',
      async () => {
        await press('F1');
        await typeText(`Responsible ML: ${COMMAND_TITLE}`);
        await eventually(
          async () =>
            (await elementTexts('.quick-input-list .monaco-list-row')).find((row) => row.includes(COMMAND_TITLE)),
          'the command in the palette',
        );
        await press('Enter');
      },
    ],
    ['the editor title button', () => click(`.editor-actions .action-label[aria-label="${COMMAND_TITLE}"]`)],
    [
      'the Explorer context menu',
      async () => {
        await click('.explorer-folders-view .monaco-list-row', { text: 'hiring.csv', button: 'right' });
        await click('.monaco-menu .action-label', { text: COMMAND_TITLE });
      },
    ],
    ['the CodeLens on the header', () => click('.codelens-decoration a', { text: COMMAND_TITLE })],
  ];

  for (const [name, open] of entryPoints) {
    it(`from ${name}: the form names the dataset, and Enter trains a model on it`, async () => {
      await activateExtensionUnderTest();
      await openWorkspaceFile(DATASET);
      const before = await runIds();
      await eventually(
        async () => ((await elementTexts('.codelens-decoration a')).length > 0 ? true : undefined),
        'the CodeLens to render',
      );
      await open();
      const title = await eventually(
        async () =>
          (await elementTexts('.quick-input-widget .quick-input-title')).find((text) =>
            text.startsWith('Train a model on'),
          ),
        'the Train Model form',
      );
      assert.equal(title, 'Train a model on hiring.csv');
      await press('Enter');
      const runId = await eventually(
        async () => (await runIds()).find((id) => !before.includes(id)),
        'a new run folder',
        30_000,
      );
      const state = await eventually(
        async () => {
          const status = await readStatus(runId);
          return status?.state === 'running' || status === undefined ? undefined : status;
        },
        `run ${runId} to finish`,
        120_000,
      );
      assert.equal(state.state, 'completed', state.error ?? '');
    });
  }
});

async function runIds(): Promise<string[]> {
  try {
    return (await vscode.workspace.fs.readDirectory(workspaceUri('.rml/runs'))).map(([name]) => name);
  } catch {
    return [];
  }
}

async function readStatus(runId: string): Promise<{ state: string; error?: string } | undefined> {
  try {
    return JSON.parse(
      new TextDecoder().decode(await vscode.workspace.fs.readFile(workspaceUri(`.rml/runs/${runId}/status.json`))),
    );
  } catch {
    return undefined;
  }
}
