/**
 * The browser side: headless Debian Chromium (driven by playwright-core, never a downloaded browser) showing the
 * code-server workbench, and the UI requests the in-host suite sends through the channel (screenshots, DOM reads).
 */
import { appendFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Frame, type Page } from 'playwright-core';
import type { DriverRequest, DriverResponse } from '../protocol';

const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export interface WorkbenchTarget {
  serverUrl: string;
  workspaceDir: string;
  /** Folder loaded as the extension under development: VS Code runs the suite on its behalf. */
  developmentExtension: string;
  /** Module whose `run()` VS Code calls in the extension host. */
  suiteModule: string;
}

export interface Workbench {
  isClosed(): boolean;
  screenshot(name: string): Promise<string>;
  answer(request: DriverRequest): Promise<DriverResponse>;
  /** The last few errors the workbench logged (extension host errors are forwarded there), for failure messages. */
  recentErrors(): string[];
  close(): Promise<void>;
}

const ERRORS_KEPT = 3;

export async function openWorkbench(
  chromiumPath: string,
  target: WorkbenchTarget,
  resultsDir: string,
): Promise<Workbench> {
  const browser: Browser = await chromium.launch({ executablePath: chromiumPath, args: CHROMIUM_ARGS });
  try {
    const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
    const errors = recordConsole(page, path.join(resultsDir, 'browser-console.log'));
    await page.goto(workbenchUrl(target));
    return { ...workbenchOn(browser, page, resultsDir), recentErrors: () => errors.slice(-ERRORS_KEPT) };
  } catch (error) {
    await browser.close();
    throw error;
  }
}

/** Copies the page's console to a log file; returns the live list of error messages (first line of each). */
function recordConsole(page: Page, logFile: string): string[] {
  const errors: string[] = [];
  page.on('console', (message) => {
    appendFileSync(logFile, `[${message.type()}] ${message.text()}\n`);
    // Network noise (the offline extension gallery, missing icons) is logged as errors too: keep real exceptions.
    if (message.type() === 'error' && /\bError\b/.test(message.text())) {
      errors.push(
        message
          .text()
          .split('\n')[0]
          ?.replace(/%c\s*ERR color: #f33\s*/, '') ?? '',
      );
    }
  });
  page.on('pageerror', (error) => appendFileSync(logFile, `[pageerror] ${error.stack ?? error.message}\n`));
  return errors;
}

/**
 * The `payload` parameter is how the web workbench receives what desktop VS Code takes as --extensionDevelopmentPath
 * and --extensionTestsPath; paths are vscode-remote URIs on the code-server host.
 */
export function workbenchUrl(target: WorkbenchTarget): string {
  const authority = new URL(target.serverUrl).host;
  const remote = (file: string) => `vscode-remote://${authority}${path.resolve(file)}`;
  const payload = [
    ['extensionDevelopmentPath', remote(target.developmentExtension)],
    ['extensionTestsPath', remote(target.suiteModule)],
  ];
  const query = new URLSearchParams({ folder: path.resolve(target.workspaceDir), payload: JSON.stringify(payload) });
  return `${target.serverUrl}/?${query.toString()}`;
}

function workbenchOn(browser: Browser, page: Page, resultsDir: string): Omit<Workbench, 'recentErrors'> {
  let screenshots = 0;
  const screenshot = async (name: string) => {
    screenshots += 1;
    const file = path.join(resultsDir, `${String(screenshots).padStart(2, '0')}-${fileNameOf(name)}.png`);
    mkdirSync(resultsDir, { recursive: true });
    await page.screenshot({ path: file });
    return file;
  };
  const answer = async (request: DriverRequest): Promise<DriverResponse> => {
    try {
      switch (request.kind) {
        case 'screenshot':
          return { ok: true, path: await screenshot(request.name) };
        case 'problems-rows':
          return { ok: true, texts: await problemsRows(page, request.filter) };
        case 'element-texts':
          return {
            ok: true,
            texts: await elementTexts(page, request.selector, request.includeWebviews, request.attribute),
          };
        case 'click':
          await click(page, request);
          return { ok: true };
        case 'press':
          await page.keyboard.press(request.keys);
          return { ok: true };
        case 'type':
          await page.keyboard.type(request.text);
          return { ok: true };
      }
    } catch (error) {
      return { ok: false, error: (error as Error).message };
    }
  };
  return { isClosed: () => page.isClosed(), screenshot, answer, close: () => browser.close() };
}

/**
 * The rendered text of each row the Problems panel shows now: file rows ("customers.csvdata 6"), then one per marker
 * ("E-mail address found Responsible ML pii/email [Ln 2, Col 17]": the parentheses around the code on screen are CSS
 * decorations). Not the rows' aria-labels: they leave the code out. Only rendered rows exist in the DOM: the panel
 * virtualises long lists.
 */
async function problemsRows(page: Page, filter?: string): Promise<string[]> {
  if (filter !== undefined) {
    const box = page.locator('.viewpane-filter input').first();
    if ((await box.inputValue()) !== filter) await box.fill(filter);
  }
  return page.$$eval('.markers-panel .monaco-list-row', (rows) =>
    rows.map((row) =>
      ('innerText' in row ? String(row.innerText) : (row.textContent ?? '')).replace(/\s+/g, ' ').trim(),
    ),
  );
}

/** Text of every element matching the selector in the workbench and, when asked, inside webview iframes. */
async function elementTexts(
  page: Page,
  selector: string,
  includeWebviews: boolean,
  attribute?: string,
): Promise<string[]> {
  const frames = includeWebviews ? page.frames() : [page.mainFrame()];
  const texts: string[] = [];
  for (const frame of frames) {
    if (frame.isDetached()) continue;
    texts.push(...(await readFrame(frame, selector, attribute)));
  }
  return texts;
}

/**
 * The texts (or `attribute`) of `selector` in one frame; none from a frame that navigates while it is read (a webview
 * loading its page): it has nothing to read at that moment, and callers poll until what they wait for is there.
 */
async function readFrame(frame: Frame, selector: string, attribute?: string): Promise<string[]> {
  try {
    // innerText (rendered text, as a user reads it) exists on HTML elements only; SVG elements have textContent.
    return await frame.$$eval(
      selector,
      (elements, name) =>
        elements.map((element) =>
          name
            ? (element.getAttribute(name) ?? '')
            : 'innerText' in element
              ? String(element.innerText)
              : (element.textContent ?? ''),
        ),
      attribute,
    );
  } catch (error) {
    if (/Execution context was destroyed|Frame was detached|frame got detached/i.test((error as Error).message))
      return [];
    throw error;
  }
}

/** The first visible match in the workbench (then in each webview frame, when asked); throws naming what it looked for. */
async function click(page: Page, request: Extract<DriverRequest, { kind: 'click' }>): Promise<void> {
  const frames = request.includeWebviews ? page.frames() : [page.mainFrame()];
  for (const frame of frames) {
    if (frame.isDetached()) continue;
    let candidates = frame.locator(request.selector);
    if (request.text !== undefined) candidates = candidates.filter({ hasText: request.text });
    const count = await candidates.count();
    for (let index = 0; index < count; index++) {
      const candidate = candidates.nth(index);
      if (!(await candidate.isVisible())) continue;
      await candidate.click({ button: request.button ?? 'left' });
      return;
    }
  }
  throw new Error(
    `nothing visible to click: ${request.selector}${request.text === undefined ? '' : ` with text "${request.text}"`}`,
  );
}

function fileNameOf(name: string): string {
  return (
    name
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '')
      .slice(0, 80) || 'screenshot'
  );
}
