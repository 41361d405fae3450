/**
 * The channel between the end-to-end driver (a Node process outside VS Code) and the suite running inside VS Code's
 * extension host. Both sides share a folder whose path the driver puts in RML_E2E_CHANNEL on code-server's environment
 * (the extension host inherits it). Plain files, because the two processes share nothing else: no socket to the
 * extension host, and the browser page that the driver controls cannot see into it.
 *
 *   config.json           driver → suite: what to test (SuiteConfig), written before code-server starts
 *   requests/<id>.json    suite → driver: a UI request (DriverRequest) the suite cannot do from the extension host
 *   responses/<id>.json   driver → suite: its answer (DriverResponse)
 *   result.json           suite → driver: the mocha outcome (SuiteResult); its appearance ends the run
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export const CHANNEL_ENV = 'RML_E2E_CHANNEL';

/** What the driver asks the suite to test; written by the driver before the workbench opens. */
export interface SuiteConfig {
  /** `publisher.name` of the extension installed from the .vsix. */
  extensionId: string;
  /** Per-test mocha time-out in milliseconds. */
  testTimeoutMs: number;
  /** Only run tests whose full title matches this regular expression. */
  grep?: string;
}

/** UI work only the driver can do: it holds the browser page (screenshots, the workbench DOM, webview frames). */
export type DriverRequest =
  | { kind: 'screenshot'; name: string }
  /** With `filter`, typed into the Problems view's filter box first (the list only renders the rows in view). */
  | { kind: 'problems-rows'; filter?: string }
  /** With `attribute`, that attribute's value instead of the text (e.g. a chart's `data-points`). */
  | { kind: 'element-texts'; selector: string; includeWebviews: boolean; attribute?: string }
  /**
   * Clicks (or right-clicks) the first visible element matching `selector` whose text contains `text`, in the
   * workbench and, if asked, in webviews: what a user does with the editor title, a context menu, a CodeLens.
   */
  | { kind: 'click'; selector: string; text?: string; button?: 'left' | 'right'; includeWebviews?: boolean }
  /** Presses keys as Playwright names them (`Enter`, `Escape`, `F1`, `Control+Shift+P`). */
  | { kind: 'press'; keys: string }
  /** Types text into whatever has the focus (a quick pick's input). */
  | { kind: 'type'; text: string };

/** The driver's answer: screenshot → `path`; problems-rows and element-texts → `texts`. */
export type DriverResponse = { ok: true; path?: string; texts?: string[] } | { ok: false; error: string };

export interface TestPass {
  title: string;
  durationMs: number;
}

export interface TestFailure {
  title: string;
  message: string;
  stack?: string;
}

/** Written by the suite when mocha ends (or when it could not start): the driver's verdict comes from it. */
export interface SuiteResult {
  vscodeVersion: string;
  passes: TestPass[];
  failures: TestFailure[];
  pending: string[];
  durationMs: number;
}

export const channelFiles = (channelDir: string) => ({
  config: path.join(channelDir, 'config.json'),
  result: path.join(channelDir, 'result.json'),
  requests: path.join(channelDir, 'requests'),
  responses: path.join(channelDir, 'responses'),
  request: (id: string) => path.join(channelDir, 'requests', `${id}.json`),
  response: (id: string) => path.join(channelDir, 'responses', `${id}.json`),
});

/** Write to a temporary name then rename, so the other side never reads a half-written file. */
export function writeJsonAtomically(file: string, value: unknown): void {
  mkdirSync(path.dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, JSON.stringify(value, null, 2));
  renameSync(temporary, file);
}

/** The parsed file, or undefined while it does not exist yet. */
export function readJsonIfPresent<T>(file: string): T | undefined {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  try {
    return JSON.parse(text) as T;
  } catch (error) {
    throw new Error(`${file}: invalid JSON: ${(error as Error).message}`);
  }
}
