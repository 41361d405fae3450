import * as assert from 'node:assert/strict';
import { elementTexts, press, typeText } from './driverRequests';
import { activateExtensionUnderTest, discardChangesAndCloseEditors, eventually, openWorkspaceFile } from './workspace';

/** Picks the quick-pick item whose label contains `text` (typing filters the list), once the pick titled `title` is up. */
async function choose(title: string, text: string): Promise<void> {
  await eventually(
    async () => (await elementTexts('.quick-input-widget .quick-input-title')).find((shown) => shown.startsWith(title)),
    `the "${title}" pick`,
  );
  await typeText(text);
  await eventually(
    async () => (await elementTexts('.quick-input-list .monaco-list-row')).find((row) => row.includes(text)),
    `"${text}" in the list`,
  );
  await press('Enter');
}

describe('Journey: train with a privacy budget', function () {
  this.timeout(240_000);
  beforeEach(discardChangesAndCloseEditors);

  it('Privacy and fairness… → DP-SGD to ε 3 trains privately, and the run panel shows the ε spent', async () => {
    await activateExtensionUnderTest();
    await openWorkspaceFile('data/hiring.csv');
    await press('F1');
    await typeText('Responsible ML: Train Model on This Dataset');
    await eventually(
      async () =>
        (await elementTexts('.quick-input-list .monaco-list-row')).find((row) =>
          row.includes('Train Model on This Dataset'),
        ),
      'the command',
    );
    await press('Enter');
    await choose('Train a model on hiring.csv', 'Privacy and fairness');
    await choose('Privacy and fairness', 'Differential privacy');
    await eventually(
      async () =>
        (await elementTexts('.quick-input-widget .quick-input-title')).find((shown) => shown.startsWith('Target ε')),
      'the ε box',
    );
    await press('Enter'); // the default budget, 3
    const summary = await eventually(
      async () =>
        (await elementTexts('.quick-input-list .monaco-list-row')).find((row) => row.includes('DP-SGD to ε 3')),
      'the form to say it trains with DP-SGD',
    );
    assert.match(summary, /Start training/);
    await press('Enter');
    const spent = await eventually(
      async () => (await elementTexts('.epsilon[data-epsilon]', true, 'data-epsilon'))[0],
      'ε spent in the run panel',
      180_000,
    );
    assert.ok(Number(spent) > 0 && Number(spent) <= 3, `ε spent ${spent} is within the budget of 3`);
  });
});
