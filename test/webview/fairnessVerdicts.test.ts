import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import type { RunRecord } from '../../src/shared/runs';
import { FIXTURE_RUN_IDS, readFixtureRun } from '../unit/webviews/fixtureRuns';
import { launchChromium, openWebview, type WebviewSession } from './harness';
import { DARK_MODERN } from './themes';

/**
 * The run panel's fairness verdicts as built, in headless Chromium: a model that predicts one class is never
 * "within the threshold", a verdict resting on a group below minGroupSize says so, and intervals are shown.
 */
describe('training run webview: fairness verdicts (Chromium)', function () {
  let browser: Browser;
  let session: WebviewSession;
  let biased: RunRecord;

  before(async () => {
    browser = await launchChromium();
    biased = await readFixtureRun(FIXTURE_RUN_IDS.biased);
  });
  after(async () => browser?.close());
  beforeEach(async () => {
    session = await openWebview(browser, 'training');
    await session.applyTheme(DARK_MODERN);
  });
  afterEach(async function () {
    await session.screenshot(this.currentTest?.title.replace(/[^a-z0-9]+/gi, '-').toLowerCase() ?? 'test');
    assert.deepEqual(session.pageErrors, [], 'uncaught errors in the view');
    assert.deepEqual(await session.cspViolations(), [], 'CSP violations');
    await session.close();
  });

  /** The fixture run with its report changed. */
  function withReport(change: (test: NonNullable<RunRecord['report']>['test']) => void): RunRecord {
    const run = structuredClone(biased);
    change(run.report!.test);
    return run;
  }

  it('marks every figure of a model that predicts one class as uninformative, under a prominent warning', async () => {
    const message = "the model predicts 'no' for 100 % of the examples (60 of 60): its groups get the same predictions";
    const run = withReport((test) => {
      test.warnings = [{ code: 'model/constant-prediction', message }];
    });
    const { page } = session;
    await session.post({ type: 'snapshot', run });
    const warning = page.locator('section.evaluation .model-warnings[role="alert"]');
    assert.match((await warning.textContent()) ?? '', /fairness figures below are uninformative/);
    assert.equal(await warning.locator('li[data-code="model/constant-prediction"]').textContent(), message);
    const rows = page.locator('.grouping table.disparity-table tbody tr');
    assert.ok((await rows.count()) > 0);
    assert.deepEqual(
      [...new Set(await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-verdict'))))],
      ['uninformative'],
    );
    assert.equal(await page.locator('.grouping table.disparity-table', { hasText: 'within the threshold' }).count(), 0);
    assert.equal(await page.locator('.grouping tr.flagged').count(), 0, 'nothing flagged, nothing passed');
    assert.match(
      (await page.locator('.grouping[data-grouping="sex"] h4').textContent()) ?? '',
      /figures uninformative/,
    );
  });

  it('says a disparity rests on a group too small to judge instead of "outside the threshold"', async () => {
    // The run recorded minGroupSize 200: group F has 188 test examples.
    const run = withReport((test) => {
      test.fairness!.thresholds = { minRatio: 0.8, maxDifference: 0.1, minGroupSize: 200 };
    });
    const { page } = session;
    await session.post({ type: 'snapshot', run });
    const dpd = page.locator('.grouping[data-grouping="sex"] tr[data-disparity="demographicParityDifference"]');
    assert.equal(await dpd.getAttribute('data-verdict'), 'small-group');
    assert.match(
      (await dpd.textContent()) ?? '',
      /rests on a group below 200 examples \(F: 188 examples\): too small to judge/,
    );
    assert.doesNotMatch((await dpd.textContent()) ?? '', /⚠ outside the threshold/);
    // AIF360's disparate impact pools the unprivileged groups: it is still judged.
    const impact = page.locator('.grouping[data-grouping="sex"] tr[data-disparity="disparateImpact"]');
    assert.equal(await impact.getAttribute('data-verdict'), 'outside');
  });

  it("shows each disparity's bootstrap interval in its Interval column", async () => {
    const { page } = session;
    await session.post({ type: 'snapshot', run: biased });
    const interval =
      biased.report?.test.fairness?.byColumn['sex']?.report.intervals?.disparities.demographicParityDifference;
    assert.ok(interval, 'the fixture has intervals');
    const cells = await page
      .locator('.grouping[data-grouping="sex"] tr[data-disparity="demographicParityDifference"] td')
      .allTextContents();
    assert.equal(cells[1], `[${interval.lower.toFixed(3)}, ${interval.upper.toFixed(3)}]`);
  });
});
