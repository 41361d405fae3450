import { existsSync } from 'node:fs';
import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { createNonce, shellHtml } from '../../src/extension/panels/webviewHtml';
import type { FromTrainingView, ToTrainingView } from '../../src/shared/webviewMessages';

/**
 * Loads a bundled webview in headless Chromium the way VS Code shows it: the same shell page and CSP, the
 * bundle served from one origin standing in for the webview's resource origin, a stub `acquireVsCodeApi`,
 * and theme variables on <html>. Every request that is not for that origin is recorded and aborted.
 */
const REPO = path.join(__dirname, '..', '..');
export const WEBVIEW_ORIGIN = 'https://rml-webview.test';
export const SCREENSHOTS = path.join(REPO, 'test-results', 'webview');
const CHROMIUM = '/usr/bin/chromium';

export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: install it with 'apt-get install -y chromium'`);
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

function bundleFile(view: string, extension: 'js' | 'css'): string {
  const file = path.join(REPO, 'dist', 'webviews', `${view}.${extension}`);
  if (!existsSync(file))
    throw new Error(`${path.relative(REPO, file)} is missing: build it first with 'node esbuild.mjs'`);
  return file;
}

const CONTENT_TYPES: Record<string, string> = {
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.map': 'application/json',
};

/** Records what the view posts and saves, and every CSP violation, before any page script runs. */
const STUB_VSCODE_API = `
  window.__posted = [];
  window.__state = undefined;
  window.__cspViolations = [];
  document.addEventListener('securitypolicyviolation', (event) => window.__cspViolations.push(event.violatedDirective + ' ' + event.blockedURI));
  window.acquireVsCodeApi = () => ({
    postMessage: (message) => window.__posted.push(message),
    getState: () => window.__state,
    setState: (state) => { window.__state = state; },
  });
`;

export interface Theme {
  bodyClass: string;
  variables: Record<string, string>;
}

export interface WebviewSession {
  page: Page;
  /** Requests that left for any other origin (aborted). */
  remoteRequests: string[];
  /** Paths served from the webview origin. */
  served: string[];
  pageErrors: string[];
  posted(): Promise<FromTrainingView[]>;
  savedState(): Promise<unknown>;
  cspViolations(): Promise<string[]>;
  post(message: ToTrainingView): Promise<void>;
  applyTheme(theme: Theme): Promise<void>;
  screenshot(name: string): Promise<void>;
  close(): Promise<void>;
}

async function serveWebviewOrigin(
  context: BrowserContext,
  view: string,
  session: Pick<WebviewSession, 'remoteRequests' | 'served'>,
): Promise<void> {
  const html = shellHtml({
    title: `Responsible ML: ${view}`,
    cspSource: WEBVIEW_ORIGIN,
    nonce: createNonce(),
    scriptUri: `${WEBVIEW_ORIGIN}/dist/webviews/${view}.js`,
    styleUri: `${WEBVIEW_ORIGIN}/dist/webviews/${view}.css`,
  });
  await context.route('**/*', async (route) => {
    const url = new URL(route.request().url());
    if (url.origin !== WEBVIEW_ORIGIN) {
      session.remoteRequests.push(url.href);
      return route.abort('blockedbyclient');
    }
    session.served.push(url.pathname);
    if (url.pathname === '/index.html') return route.fulfill({ contentType: 'text/html', body: html });
    const file = path.join(REPO, url.pathname);
    if (!url.pathname.startsWith('/dist/webviews/') || !existsSync(file))
      return route.fulfill({ status: 404, body: 'not found' });
    return route.fulfill({
      contentType: CONTENT_TYPES[path.extname(file)] ?? 'application/octet-stream',
      body: await readFile(file),
    });
  });
}

/** `savedState`: what the view had saved with `setState` before a (simulated) window reload. */
export async function openWebview(browser: Browser, view: string, savedState?: unknown): Promise<WebviewSession> {
  bundleFile(view, 'js');
  bundleFile(view, 'css');
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, deviceScaleFactor: 1 });
  const page = await context.newPage();
  const session = { remoteRequests: [] as string[], served: [] as string[], pageErrors: [] as string[] };
  page.on('pageerror', (error) => session.pageErrors.push(error.message));
  await serveWebviewOrigin(context, view, session);
  await page.addInitScript(STUB_VSCODE_API);
  if (savedState !== undefined) await page.addInitScript(`window.__state = ${JSON.stringify(savedState)};`);
  await page.goto(`${WEBVIEW_ORIGIN}/index.html`);
  await page.waitForFunction('window.__posted.some((message) => message.type === "ready")');
  return {
    page,
    ...session,
    posted: () => page.evaluate('window.__posted') as Promise<FromTrainingView[]>,
    savedState: () => page.evaluate('window.__state'),
    cspViolations: () => page.evaluate('window.__cspViolations') as Promise<string[]>,
    // VS Code delivers host messages as window `message` events; dispatching one runs the view's handler at once,
    // and live epochs are drawn on the next animation frame, so wait for that frame too.
    post: async (message) => {
      await page.evaluate(`new Promise((resolve) => {
        window.dispatchEvent(new MessageEvent('message', { data: ${JSON.stringify(message)} }));
        requestAnimationFrame(() => resolve(undefined));
      })`);
    },
    applyTheme: async (theme) => {
      const script = `(() => {
        const theme = ${JSON.stringify(theme)};
        for (const [name, value] of Object.entries(theme.variables)) document.documentElement.style.setProperty(name, value);
        document.body.className = theme.bodyClass;
      })()`;
      await page.evaluate(script);
    },
    screenshot: async (name) => {
      await mkdir(SCREENSHOTS, { recursive: true });
      await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true });
    },
    close: () => context.close(),
  };
}

/** How many opaque pixels of a canvas are within `tolerance` of an `#rrggbb` colour. */
export async function countPixels(page: Page, selector: string, hex: string, tolerance = 3): Promise<number> {
  const rgb = [1, 3, 5].map((offset) => Number.parseInt(hex.slice(offset, offset + 2), 16));
  return page.evaluate(`(() => {
    const canvas = document.querySelector(${JSON.stringify(selector)});
    const { data } = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height);
    const [r, g, b] = ${JSON.stringify(rgb)};
    let count = 0;
    for (let i = 0; i < data.length; i += 4) {
      if (data[i + 3] > 250 && Math.abs(data[i] - r) <= ${tolerance} && Math.abs(data[i + 1] - g) <= ${tolerance} && Math.abs(data[i + 2] - b) <= ${tolerance}) count++;
    }
    return count;
  })()`) as Promise<number>;
}
