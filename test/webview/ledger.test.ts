import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import type { LedgerTimeline } from '../../src/shared/ledger';
import type { FromLedgerView, ToLedgerView } from '../../src/shared/ledgerView';
import { launchChromium, openWebview, type WebviewSession } from './harness';
import { DARK_MODERN } from './themes';

/** The ledger view as built (`dist/webviews/ledger.js` + `.css`) in headless Chromium under the panel's CSP. */
const HASH = 'a'.repeat(64);
const timeline = (ok: boolean): LedgerTimeline => ({
  ledger: '/w/.rml/ledger.jsonl',
  entries: [
    {
      line: 1,
      hash: 'b'.repeat(64),
      entry: {
        v: 1,
        seq: 1,
        at: '2026-11-23T10:00:00.000Z',
        actor: { name: 'Ada', email: 'ada@example.org', source: 'git' },
        action: 'run',
        summary: 'trained mlp on data/loans.csv: completed',
        inputs: [{ path: 'data/loans.csv', sha256: HASH }],
        outputs: [],
        runId: '20261123-100000-abcdef',
        prev: '0'.repeat(64),
      },
    },
    {
      line: 2,
      hash: 'c'.repeat(64),
      entry: {
        v: 1,
        seq: 2,
        at: '2026-11-24T09:30:00.000Z',
        actor: { name: 'Ada', source: 'os' },
        action: 'fix',
        summary: 'Redact <img src=x onerror=alert(1)>',
        inputs: [],
        outputs: [{ path: 'data/<b>.csv' }],
        prev: 'b'.repeat(64),
        sig: { alg: 'ed25519', keyId: '0123456789abcdef', value: 'x' },
      },
    },
  ],
  verification: ok
    ? { ledger: '/w/.rml/ledger.jsonl', ok: true, entries: 2, head: 'c'.repeat(64), signed: 1, verified: 0 }
    : {
        ledger: '/w/.rml/ledger.jsonl',
        ok: false,
        entries: 1,
        head: null,
        signed: 1,
        verified: 0,
        firstBreak: { line: 2, reason: "'prev' does not match" },
      },
});

describe('ledger webview (Chromium)', function () {
  let browser: Browser;
  let session: WebviewSession;
  before(async () => {
    browser = await launchChromium();
  });
  after(async () => browser?.close());
  beforeEach(async () => {
    session = await openWebview(browser, 'ledger');
    await session.applyTheme(DARK_MODERN);
  });
  afterEach(async function () {
    await session.screenshot(`ledger-${this.currentTest?.title.replace(/[^a-z0-9]+/gi, '-').toLowerCase() ?? 'test'}`);
    assert.deepEqual(session.remoteRequests, [], 'requests to remote origins');
    assert.deepEqual(await session.cspViolations(), [], 'CSP violations');
    assert.deepEqual(session.pageErrors, [], 'uncaught errors in the view');
    await session.close();
  });

  const post = (message: ToLedgerView) => session.post(message as never);
  const posted = async () => (await session.posted()) as unknown as FromLedgerView[];

  it('shows the entries newest first by day, escapes their text, and opens runs and files', async () => {
    const { page } = session;
    await post({ type: 'timeline', folder: 'loans', timeline: timeline(true) });
    assert.deepEqual(await page.locator('section.day h3').allTextContents(), ['2026-11-24', '2026-11-23']);
    assert.match(
      (await page.locator('.verdict').textContent()) ?? '',
      /^Chain intact: 2 entries, 1 signed\. Head cccccccccccccccc…$/,
    );
    assert.equal(await page.locator('.entry .summary').first().textContent(), 'Redact <img src=x onerror=alert(1)>');
    assert.equal(await page.locator('img').count(), 0, 'markup in a summary stays text');
    assert.equal(await page.locator('.badge.signed').count(), 1);
    await page.getByRole('button', { name: 'run 20261123-100000-abcdef' }).click();
    await page.getByRole('button', { name: 'data/loans.csv' }).click();
    const actions = (await posted()).filter((message) => message.type !== 'ready');
    assert.deepEqual(actions, [
      { type: 'openRun', runId: '20261123-100000-abcdef' },
      { type: 'openFile', path: 'data/loans.csv' },
    ]);
  });

  it('says where the chain breaks', async () => {
    await post({ type: 'timeline', folder: 'loans', timeline: timeline(false) });
    assert.match(
      (await session.page.locator('.verdict.broken').textContent()) ?? '',
      /^Chain broken at line 2: 'prev' does not match\. The entry before it is intact\.$/,
    );
  });
});
