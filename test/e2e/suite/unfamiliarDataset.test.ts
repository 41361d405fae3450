import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { click, elementTexts, press } from './driverRequests';
import {
  activateExtensionUnderTest,
  codeOf,
  discardChangesAndCloseEditors,
  eventually,
  openWorkspaceFile,
  productDiagnostics,
  waitForDiagnostics,
  workspaceUri,
} from './workspace';

const DATASET = 'data/adult-census.csv';

/**
 * A dataset nobody here wrote, as it is commonly redistributed (UCI Adult: `sex ,class ` in the header, ` Male`
 * values, `?` for missing): the audit names its columns without the spaces, and the Train Model form's defaults
 * train on it without picking the proxy of a sensitive column.
 */
describe('Journey: a dataset nobody here wrote (UCI Adult)', function () {
  this.timeout(240_000);
  beforeEach(discardChangesAndCloseEditors);

  it('shows its disparities on the header with clean column names, and trains from the form without the proxy', async () => {
    await activateExtensionUnderTest();
    const editor = await openWorkspaceFile(DATASET);
    const diagnostics = await waitForDiagnostics(
      editor.document.uri,
      (all) =>
        productDiagnostics(all, 'bias/label-disparity').length > 0 && productDiagnostics(all, 'bias/proxy').length > 0,
      'a disparity and a proxy',
    );
    const disparity = productDiagnostics(diagnostics, 'bias/label-disparity').find((d) =>
      d.message.startsWith('marital-status:'),
    );
    assert.ok(disparity, diagnostics.map((d) => `${codeOf(d)} ${d.message}`).join('\n'));
    assert.match(
      disparity.message,
      /^marital-status: class='>50K' for \d+ % of Never-married vs \d+ % of Married-civ-spouse/,
    );
    assert.match(productDiagnostics(diagnostics, 'bias/proxy')[0]!.message, /'relationship' predicts 'sex'/);

    const before = await runIds();
    await eventually(
      async () => ((await elementTexts('.codelens-decoration a')).length > 0 ? true : undefined),
      'the CodeLens',
    );
    await click('.codelens-decoration a', { text: 'Train Model on This Dataset' });
    await eventually(
      async () =>
        (await elementTexts('.quick-input-widget .quick-input-title')).find(
          (text) => text === 'Train a model on adult-census.csv',
        ),
      'the Train Model form',
    );
    await press('Enter');
    const runId = await eventually(
      async () => (await runIds()).find((id) => !before.includes(id)),
      'a new run folder',
      30_000,
    );
    const status = await eventually(
      async () => {
        const read = await readJson<{ state: string; error?: string }>(`.rml/runs/${runId}/status.json`);
        return read === undefined || read.state === 'running' ? undefined : read;
      },
      `run ${runId} to finish`,
      120_000,
    );
    assert.equal(status.state, 'completed', status.error ?? '');
    const config = await readJson<{ columns: { label: string; features: string[]; sensitive: string[] } }>(
      `.rml/runs/${runId}/config.json`,
    );
    assert.equal(config?.columns.label, 'class');
    assert.ok(config?.columns.features.includes('education-num'), JSON.stringify(config?.columns));
    assert.ok(!config?.columns.features.includes('relationship'), 'the proxy of sex is not a feature');
    assert.ok(config?.columns.sensitive.includes('sex'), JSON.stringify(config?.columns));
  });
});

async function runIds(): Promise<string[]> {
  try {
    return (await vscode.workspace.fs.readDirectory(workspaceUri('.rml/runs'))).map(([name]) => name);
  } catch {
    return [];
  }
}

async function readJson<T>(relativePath: string): Promise<T | undefined> {
  try {
    return JSON.parse(new TextDecoder().decode(await vscode.workspace.fs.readFile(workspaceUri(relativePath)))) as T;
  } catch {
    return undefined;
  }
}
