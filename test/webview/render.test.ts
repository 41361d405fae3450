import assert from 'node:assert/strict';
import type { Browser, Locator } from 'playwright-core';
import type { RunRecord } from '../../src/shared/runs';
import { FIXTURE_RUN_IDS, readFixtureRun, runningAfter } from '../unit/webviews/fixtureRuns';
import { countPixels, launchChromium, openWebview, WEBVIEW_ORIGIN, type WebviewSession } from './harness';
import { DARK_MODERN, LIGHT_MODERN } from './themes';

/**
 * The training-run view as built (`dist/webviews/training.js` + `.css`), in headless Chromium under the
 * panel's CSP: a fixture run's snapshot, live epochs, its finished report, a comparison and a theme change.
 */

const rate = (value: number | undefined) => (value === undefined ? '—' : value.toFixed(3));

async function texts(locator: Locator): Promise<string[]> {
  return (await locator.allTextContents()).map((text) => text.trim());
}

describe('training run webview (Chromium)', function () {
  let browser: Browser;
  let session: WebviewSession;
  let biased: RunRecord;
  let reweighed: RunRecord;

  before(async () => {
    browser = await launchChromium();
    biased = await readFixtureRun(FIXTURE_RUN_IDS.biased);
    reweighed = await readFixtureRun(FIXTURE_RUN_IDS.reweighed);
  });

  after(async () => browser?.close());

  beforeEach(async () => {
    session = await openWebview(browser, 'training');
    await session.applyTheme(DARK_MODERN);
  });

  afterEach(async function () {
    await session.screenshot(this.currentTest?.title.replace(/[^a-z0-9]+/gi, '-').toLowerCase() ?? 'test');
    // Every test: the panel's CSP is on the page and nothing was loaded, blocked or requested from elsewhere.
    const csp = await session.page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
    assert.match(
      csp ?? '',
      /^default-src 'none'; img-src https:\/\/rml-webview\.test data:; style-src https:\/\/rml-webview\.test 'nonce-[^']+'; script-src 'nonce-[^']+'; font-src https:\/\/rml-webview\.test$/,
    );
    assert.deepEqual(session.remoteRequests, [], 'requests to remote origins');
    assert.deepEqual(await session.cspViolations(), [], 'CSP violations');
    assert.deepEqual(session.pageErrors, [], 'uncaught errors in the view');
    assert.ok(
      session.served.includes('/dist/webviews/training.js') && session.served.includes('/dist/webviews/training.css'),
      `served ${session.served.join(', ')} from ${WEBVIEW_ORIGIN}`,
    );
    await session.close();
  });

  it('draws a running run, adds live epochs, and shows its report when it finishes', async () => {
    const { page } = session;
    await session.post({ type: 'snapshot', run: runningAfter(biased, 3) });
    assert.equal(await page.locator('[data-chart="loss"] canvas').getAttribute('data-points'), '3,3');
    assert.equal(await page.locator('[data-chart="accuracy"] canvas').getAttribute('data-points'), '3,3');
    assert.equal(await page.locator('[data-chart="groups-sex"] canvas').getAttribute('data-points'), '3,3');
    assert.equal(await page.locator('table.epoch-table').count(), 0, 'the folded table is built when unfolded');
    await page.getByText('Loss and accuracy: data table').click();
    await page.locator('table.epoch-table').waitFor();
    assert.equal(await page.locator('table.epoch-table tbody tr').count(), 3);
    assert.equal((await page.locator('.run-header .status').textContent())?.trim(), 'Running — epoch 3 of 8 done');
    assert.equal(await page.locator('.badge.backend').textContent(), 'wasm · CPU');
    assert.deepEqual(await session.savedState(), { runId: biased.id });
    assert.ok(await page.getByText('data/loans.csv').isVisible());
    assert.ok(await page.getByText((biased.config?.dataset.sha256 ?? '').slice(0, 12)).isVisible());

    for (const epoch of biased.metrics.slice(2, 5))
      await session.post({ type: 'event', event: { kind: 'epoch', runId: biased.id, metrics: epoch } });
    assert.equal(
      await page.locator('[data-chart="loss"] canvas').getAttribute('data-points'),
      '5,5',
      'epoch 3 came again and is drawn once',
    );
    assert.equal(await page.locator('table.epoch-table tbody tr').count(), 5);
    assert.equal((await page.locator('.run-header .status').textContent())?.trim(), 'Running — epoch 5 of 8 done');
    assert.match(
      (await page.locator('[data-chart="loss"] canvas').getAttribute('aria-label')) ?? '',
      /5 epochs; at epoch 5: training 0\.\d{4}, validation 0\.\d{4}/,
    );

    // The Cancel button works from the keyboard and says it is cancelling until the run finishes.
    await page.locator('button.cancel').focus();
    await page.keyboard.press('Enter');
    assert.deepEqual(
      (await session.posted()).filter((message) => message.type === 'cancel'),
      [{ type: 'cancel', runId: biased.id }],
    );
    assert.equal(await page.locator('button.cancel').textContent(), 'Cancelling…');
    assert.equal(await page.locator('button.cancel').isDisabled(), true);

    await session.post({
      type: 'event',
      event: { kind: 'finished', runId: biased.id, state: 'completed' },
      run: biased,
    });
    assert.equal(await page.locator('button.cancel').isVisible(), false);
    assert.equal((await page.locator('.run-header .status').textContent())?.trim(), 'Completed — 8 epochs');
    assert.equal(await page.locator('[data-chart="loss"] canvas').getAttribute('data-points'), '8,8');
    await assertFairnessSection(session, biased);
  });

  async function assertFairnessSection({ page }: WebviewSession, run: RunRecord): Promise<void> {
    const sex = run.report?.test.fairness?.byColumn['sex'] ?? assert.fail('fixture has no sex report');
    const section = page.locator('.grouping[data-grouping="sex"]');
    const rows = section.locator('table.group-table tbody tr');
    assert.deepEqual(await texts(rows.locator('th')), ['F', 'M']);
    for (const [index, group] of ['F', 'M'].entries()) {
      const rates = sex.report.byGroup[group];
      const cells = await texts(rows.nth(index).locator('td'));
      assert.equal(cells[0], String(rates?.count));
      assert.ok(cells[1]?.startsWith(rate(rates?.selectionRate)), `${group} selection rate ${cells[1]}`);
      assert.ok(cells[2]?.startsWith(rate(rates?.truePositiveRate)), `${group} TPR ${cells[2]}`);
      assert.ok(cells[3]?.startsWith(rate(rates?.falsePositiveRate)), `${group} FPR ${cells[3]}`);
      assert.ok(cells[4]?.startsWith(rate(rates?.accuracy)), `${group} accuracy ${cells[4]}`);
      const interval = sex.report.intervals?.byGroup[group]?.selectionRate;
      assert.ok(
        cells[1]?.includes(`[${rate(interval?.lower)}, ${rate(interval?.upper)}]`),
        `${group} interval in ${cells[1]}`,
      );
    }
    const impact = section.locator('tr[data-disparity="disparateImpact"]');
    assert.equal(await impact.getAttribute('class'), 'flagged');
    assert.deepEqual((await texts(impact.locator('td'))).slice(0, 1), [rate(sex.report.disparateImpact ?? undefined)]);
    assert.match((await impact.textContent()) ?? '', /⚠ outside the threshold/);
    assert.match(
      (await section.locator('h4 .flag-count').textContent()) ?? '',
      /⚠ \d+ disparities cross their thresholds/,
    );
    const matrix = section.locator('table.confusion').first();
    assert.match((await matrix.locator('caption').textContent()) ?? '', /^F: true class by row/);
    const cells = await texts(matrix.locator('tbody td'));
    assert.deepEqual(cells, (sex.confusionMatrices['F'] ?? []).flat().map(String));
    assert.equal(await page.locator('.grouping[data-grouping="sex,age_band"] table.group-table tbody tr').count(), 6);
    assert.equal(await section.locator('[data-chart="rates-sex"] canvas').getAttribute('data-points'), '4,4');
  }

  it('shows two runs side by side with what changed', async () => {
    const { page } = session;
    await session.post({ type: 'compare', runs: [biased, reweighed] });
    assert.equal(await page.locator('.columns > article.run').count(), 2);
    assert.deepEqual(await texts(page.locator('.columns > article.run h2')), [biased.id, reweighed.id]);
    assert.equal(
      await page.locator('[data-chart="comparison"] canvas').getAttribute('data-points'),
      '10,10',
      'epochs aligned 1..10',
    );
    const impact = page.locator('table.comparison-table tbody tr', { hasText: 'Fairness: sex: Disparate impact' });
    const cells = await texts(impact.locator('td'));
    const before = biased.report?.test.fairness?.byColumn['sex']?.report.disparateImpact ?? NaN;
    const after = reweighed.report?.test.fairness?.byColumn['sex']?.report.disparateImpact ?? NaN;
    assert.deepEqual(cells.slice(0, 2), [`${before.toFixed(3)} ⚠`, after.toFixed(3)]);
    assert.match(cells[2] ?? '', /^\+0\.\d{3} \(B better\)$/);
    assert.deepEqual(await session.savedState(), { runId: biased.id, compareRunId: reweighed.id });

    await page.getByRole('button', { name: 'Stop comparing' }).click();
    await page.getByRole('button', { name: 'Compare with…' }).click();
    const posted = (await session.posted()).map((message) => message.type);
    assert.deepEqual(posted.slice(-2), ['clearComparison', 'pickComparison']);
  });

  it('takes the new colours when the theme changes', async () => {
    const { page } = session;
    await session.post({ type: 'snapshot', run: biased });
    const canvas = '[data-chart="loss"] canvas';
    const darkBlue = DARK_MODERN.variables['--vscode-charts-blue'] ?? '';
    const lightBlue = LIGHT_MODERN.variables['--vscode-charts-blue'] ?? '';
    await page.waitForFunction(`document.querySelector('${canvas}').width > 0`);
    assert.ok((await countPixels(page, canvas, darkBlue)) > 20, 'training loss drawn in the dark theme blue');
    assert.equal(await countPixels(page, canvas, lightBlue), 0);
    await session.applyTheme(LIGHT_MODERN);
    await page.evaluate('new Promise((resolve) => requestAnimationFrame(() => resolve(undefined)))');
    assert.ok((await countPixels(page, canvas, lightBlue)) > 20, 'redrawn in the light theme blue');
    assert.equal(await countPixels(page, canvas, darkBlue), 0, 'no dark theme colour left');
  });

  it('says which runs it is restoring after a window reload', async () => {
    await session.close();
    session = await openWebview(browser, 'training', { runId: biased.id, compareRunId: reweighed.id });
    assert.equal(await session.page.locator('.loading').textContent(), `Loading run ${biased.id} and ${reweighed.id}…`);
    assert.deepEqual(await session.posted(), [{ type: 'ready' }]);
    await session.applyTheme(DARK_MODERN);
    await session.post({ type: 'compare', runs: [biased, reweighed] });
    assert.equal(await session.page.locator('.loading').count(), 0);
    assert.equal(await session.page.locator('.columns > article.run').count(), 2);
  });

  it("shows why a run failed, and the host's read errors", async () => {
    const { page } = session;
    const failed = await readFixtureRun(FIXTURE_RUN_IDS.failed);
    await session.post({ type: 'snapshot', run: failed });
    assert.equal((await page.locator('.run-header .status').textContent())?.trim(), 'Failed — after epoch 2 of 10');
    assert.equal(await page.locator('.run-header .error').textContent(), `Error: ${failed.status.error}`);
    assert.equal(await page.locator('button.cancel').isVisible(), false);
    assert.match((await page.locator('section.evaluation .note').textContent()) ?? '', /failed before its evaluation/);
    assert.deepEqual(
      await texts(page.locator('.files button')),
      ['config.json', 'metrics.jsonl', 'status.json'],
      'no report.json to open',
    );
    await page.getByRole('button', { name: 'metrics.jsonl' }).click();
    assert.deepEqual((await session.posted()).at(-1), { type: 'openFile', runId: failed.id, file: 'metrics' });
    await session.post({
      type: 'error',
      message: 'Could not read the run: /w/.rml/runs/x/metrics.jsonl:3: invalid JSON',
    });
    assert.equal(await page.getByRole('alert').filter({ hasText: 'metrics.jsonl:3' }).count(), 1);
  });
});
