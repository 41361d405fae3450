import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import type { ExplanationResult, RunAttributionResult } from '../../src/shared/attribution';
import type {
  AttributionViewState,
  FromAttributionView,
  ToAttributionView,
} from '../../src/shared/attributionMessages';
import type { ExplainableRun } from '../../src/shared/protocol';
import { launchChromium, openWebview, type WebviewSession } from './harness';
import { DARK_MODERN, LIGHT_MODERN } from './themes';

/**
 * The attribution view as built (`dist/webviews/attribution.js` + `.css`) in headless Chromium under the panel's
 * CSP: a row's token heatmap, its controls, counterfactual swaps, global importance per group and label issues.
 */

const RUN: ExplainableRun = {
  id: '20261123-153240-73cf5c',
  modelKind: 'text',
  classes: ['neg', 'pos'],
  sameDataset: true,
  textColumn: 'text',
  hasAttribution: true,
};
const URI = 'file:///ws/data/reviews.csv';
const TEXT = 'She said the <img src=x onerror=alert(1)> was great';
const unit = (text: string, start: number, score: number) => ({
  text,
  start,
  end: start + text.length,
  score,
  range: { start: { line: 4, character: 1 + start }, end: { line: 4, character: 1 + start + text.length } },
});
const EXPLANATION: ExplanationResult = {
  runId: RUN.id,
  modelKind: 'text',
  classes: ['neg', 'pos'],
  probabilities: [0.2, 0.8],
  prediction: 'pos',
  target: 'pos',
  method: 'ig',
  baseline: 'pad',
  baselines: ['pad', 'zero'],
  units: [
    unit('She', 0, -0.12),
    unit('said', 4, 0.01),
    unit('the', 9, 0),
    unit('img', TEXT.indexOf('img'), 0.02),
    unit('great', TEXT.indexOf('great'), 0.3),
  ],
  delta: 2e-7,
  output: 0.8,
  baselineOutput: 0.6,
  integration: { method: 'gausslegendre', steps: 50 },
  text: TEXT,
  row: { uri: URI, line: 4, index: 3 },
  counterfactuals: [
    {
      line: 5,
      row: 3,
      original: TEXT,
      counterfactual: TEXT.replace('She', 'He'),
      swapped: { from: 'She', to: 'He', category: 'pronoun', start: 0, end: 3 },
      delta: 0.11,
    },
  ],
  counterfactualTarget: 'pos',
};
const ATTRIBUTION: RunAttributionResult = {
  pending: false,
  attribution: {
    version: 1,
    id: RUN.id,
    finishedAt: '2026-11-23T15:40:00Z',
    warnings: [],
    globalImportance: {
      method: 'ig',
      examples: 90,
      total: 90,
      overall: {
        examples: 90,
        entries: [
          { feature: 'great', meanAbs: 0.2, mean: 0.1, examples: 30 },
          { feature: 'awful', meanAbs: 0.1, mean: -0.05, examples: 25 },
        ],
      },
      byGroup: {
        dialect: {
          A: { examples: 40, entries: [{ feature: 'great', meanAbs: 0.3, mean: 0.3, examples: 12 }] },
          B: { examples: 50, entries: [{ feature: 'awful', meanAbs: 0.15, mean: -0.15, examples: 20 }] },
        },
      },
    },
    counterfactual: {
      gap: 0.09,
      examples: 80,
      texts: 90,
      target: 'pos',
      pairs: [],
      byCategory: { pronoun: { pairs: 80, meanAbsDelta: 0.09 } },
      threshold: 0.05,
      exceeds: true,
    },
  },
};

describe('attribution webview (Chromium)', function () {
  let browser: Browser;
  let session: WebviewSession;
  const post = (message: ToAttributionView) => session.post(message as never);
  const posted = async () => (await session.posted()) as unknown as FromAttributionView[];

  before(async () => (browser = await launchChromium()));
  after(async () => browser?.close());
  beforeEach(async () => {
    session = await openWebview(browser, 'attribution');
    await session.applyTheme(DARK_MODERN);
  });
  afterEach(async function () {
    await session.screenshot(
      `attribution-${this.currentTest?.title.replace(/[^a-z0-9]+/gi, '-').toLowerCase() ?? 'test'}`,
    );
    assert.deepEqual(session.remoteRequests, [], 'requests to remote origins');
    assert.deepEqual(await session.cspViolations(), [], 'CSP violations');
    assert.deepEqual(session.pageErrors, [], 'uncaught errors in the view');
    await session.close();
  });

  async function showRow(): Promise<void> {
    await post({ type: 'runs', runs: [RUN], runId: RUN.id });
    await post({
      type: 'explanation',
      explanation: EXPLANATION,
      input: { kind: 'row', uri: URI, line: 4, label: 'data/reviews.csv:5' },
      controls: { method: 'ig', steps: 50, integration: 'gausslegendre' },
    });
  }

  it('draws the text as written with each word coloured by its score, escaped, with an accessible label', async () => {
    await showRow();
    const { page } = session;
    assert.equal(await page.locator('.heatmap').textContent(), TEXT, 'the text as written, markup as text');
    assert.equal(await page.locator('.heatmap img').count(), 0, 'nothing in a dataset becomes markup');
    assert.deepEqual(await page.locator('.token').evaluateAll((tokens) => tokens.map((token) => token.className)), [
      'token lowers',
      'token raises',
      'token none',
      'token raises',
      'token raises',
    ]);
    assert.equal(await page.locator('.token').nth(4).getAttribute('aria-label'), 'great: +0.300, raises P(pos)');
    assert.equal(await page.locator('.token').nth(0).getAttribute('aria-label'), 'She: \u22120.120, lowers P(pos)');
    const background = (index: number) =>
      page.evaluate(
        `getComputedStyle(document.querySelectorAll('.token')[${index}]).backgroundColor`,
      ) as Promise<string>;
    const [strong, weak, none] = [await background(4), await background(1), await background(2)];
    assert.notEqual(strong, weak, 'stronger scores are more coloured');
    assert.equal(none, 'rgba(0, 0, 0, 0)');
    await session.applyTheme(LIGHT_MODERN);
    assert.notEqual(await background(4), strong, 'the colours follow the theme');
    assert.match((await page.locator('h2').first().textContent()) ?? '', /^Prediction: pos \(p = 0\.800\)$/);
    assert.equal(
      await page.locator('.legend').getAttribute('aria-label'),
      'Colour scale: red lowers P(pos), green raises it, from \u22120.300 to +0.300',
    );
  });

  it('reveals a clicked word in the dataset, and asks for a new explanation when a control changes', async () => {
    await showRow();
    const { page } = session;
    await page.locator('.token').nth(4).click();
    assert.deepEqual((await posted()).at(-1), { type: 'reveal', uri: URI, range: EXPLANATION.units[4]!.range });
    await page.locator('select#method').selectOption('occlusion');
    const request = (await posted()).at(-1);
    assert.deepEqual(request, {
      type: 'explain',
      runId: RUN.id,
      input: { kind: 'row', uri: URI, line: 4, label: 'data/reviews.csv:5' },
      controls: { method: 'occlusion', steps: 50, integration: 'gausslegendre' },
    });
    assert.equal(await page.locator('[role=status]').first().textContent(), 'Explaining…');
    await page.locator('select#target').selectOption('neg');
    assert.deepEqual(
      ((await posted()).at(-1) as Extract<FromAttributionView, { type: 'explain' }>).controls.target,
      'neg',
    );
    const state = (await session.savedState()) as AttributionViewState;
    assert.equal(state.runId, RUN.id);
    assert.deepEqual(state.input, { kind: 'row', uri: URI, line: 4, label: 'data/reviews.csv:5' });
  });

  it('shows the convergence delta as a badge that warns when large', async () => {
    await showRow();
    assert.equal(await session.page.locator('.badge.delta').textContent(), 'convergence \u0394 2.0e-7');
    assert.equal(await session.page.locator('.badge.delta.warn').count(), 0);
    await post({
      type: 'explanation',
      explanation: { ...EXPLANATION, delta: 0.04 },
      input: { kind: 'text', text: TEXT },
      controls: { method: 'ig', steps: 4, integration: 'riemann_left' },
    });
    assert.equal(await session.page.locator('.badge.delta.warn').textContent(), 'convergence \u0394 0.040');
    assert.match((await session.page.locator('.badge.delta').getAttribute('title')) ?? '', /raise the steps/);
  });

  it('lists counterfactual swaps, global importance per group with the gap, and label issues that reveal their row', async () => {
    await showRow();
    await post({ type: 'runAttribution', runId: RUN.id, result: ATTRIBUTION });
    await post({
      type: 'labelIssues',
      file: 'data/reviews.csv',
      report: {
        uri: URI,
        classes: ['neg', 'pos'],
        rows: 600,
        filter: 'prune_by_noise_rate',
        rank: null,
        issues: [{ line: 12, row: 10, given: 'pos', suggested: 'neg', score: 0.04 }],
        thresholds: [0.8, 0.8],
        confidentJoint: [
          [290, 10],
          [12, 288],
        ],
        probabilities: { source: 'k-fold', folds: 5, seed: 42, model: 'text-embedding-bag', epochs: 5 },
      },
    });
    const { page } = session;
    assert.deepEqual(await page.locator('table.pairs tbody tr td').allTextContents(), [
      TEXT,
      TEXT.replace('She', 'He'),
      '+0.110',
    ]);
    assert.deepEqual(await page.locator('.importance-chart figcaption').allTextContents(), [
      'All test examples (90 examples)',
      'dialect = A (40 examples)',
      'dialect = B (50 examples)',
    ]);
    const widths = await page.evaluate(
      `[...document.querySelector('.importance-chart').querySelectorAll('.fill')].map((fill) => fill.style.getPropertyValue('--width'))`,
    );
    assert.deepEqual(widths, ['1.000', '0.500']);
    assert.match(
      (await page.locator('.gap.warn').textContent()) ?? '',
      /^Counterfactual token fairness gap on the test split: 0\.0900 \(threshold 0\.05\)/,
    );
    assert.match(
      (await page.locator('.label-issues p').first().textContent()) ?? '',
      /^1 of 600 rows of data\/reviews\.csv look mislabelled/,
    );
    await page.locator('.label-issues button[data-line="12"]').click();
    assert.deepEqual((await posted()).at(-1), { type: 'revealLine', uri: URI, line: 11 });
  });

  it('explains a tabular row per column, and restores the saved input after a reload', async () => {
    await post({
      type: 'runs',
      runs: [{ ...RUN, modelKind: 'tabular', textColumn: undefined, features: ['age', 'city'] } as ExplainableRun],
      runId: RUN.id,
    });
    const tabular: ExplanationResult = {
      ...EXPLANATION,
      modelKind: 'tabular',
      baseline: 'zero',
      baselines: ['zero'],
      text: undefined,
      counterfactuals: [],
      units: [
        { text: '57', column: 'age', start: 0, end: 2, score: 0.2 },
        { text: 'Oslo', column: 'city', start: 3, end: 7, score: -0.1 },
      ],
    };
    await post({
      type: 'explanation',
      explanation: tabular,
      input: { kind: 'row', uri: URI, line: 2, label: 'loans.csv:3' },
      controls: { method: 'ablation', steps: 50, integration: 'gausslegendre' },
    });
    assert.deepEqual(await session.page.locator('.heatmap.tabular .token').allTextContents(), [
      'age = 57',
      'city = Oslo',
    ]);
    assert.equal(await session.page.locator('#text').count(), 0, 'no typed text for a tabular model');
    const saved = await session.savedState();
    await session.close();
    session = await openWebview(browser, 'attribution', saved);
    assert.equal(await session.page.locator('.input-source').textContent(), 'Row: loans.csv:3');
  });
});
