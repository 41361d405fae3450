/**
 * The suite's side of the channel (../protocol.ts): read what to test, and ask the driver for what only the browser
 * can give (screenshots, the workbench DOM). Lets one journey pair an in-host assertion (vscode API) with a DOM one.
 * Free of `vscode` imports, so the channel can be unit-tested outside VS Code.
 */
import { existsSync, rmSync } from 'node:fs';
import {
  CHANNEL_ENV,
  channelFiles,
  readJsonIfPresent,
  writeJsonAtomically,
  type DriverRequest,
  type DriverResponse,
  type SuiteConfig,
} from '../protocol';

const ANSWER_TIMEOUT_MS = 30_000;
const POLL_MS = 50;
let requestsSent = 0;

export function channelDirectory(): string {
  const dir = process.env[CHANNEL_ENV];
  if (!dir || !existsSync(dir)) {
    const state = dir ? `"${dir}", which does not exist` : 'not set';
    throw new Error(`${CHANNEL_ENV} is ${state}: run the suite through test/e2e/driver.ts`);
  }
  return dir;
}

export function suiteConfig(): SuiteConfig {
  const file = channelFiles(channelDirectory()).config;
  const config = readJsonIfPresent<SuiteConfig>(file);
  if (config === undefined) throw new Error(`${file} is missing: the driver writes it before starting code-server`);
  return config;
}

/** Sends one request and waits for the driver's answer; a refused request throws with the driver's reason. */
export async function askDriver(request: DriverRequest): Promise<DriverResponse & { ok: true }> {
  const files = channelFiles(channelDirectory());
  requestsSent += 1;
  // Sortable and unique within the run: the driver answers in name order.
  const id = `${String(requestsSent).padStart(6, '0')}-${request.kind}`;
  writeJsonAtomically(files.request(id), request);
  const deadline = Date.now() + ANSWER_TIMEOUT_MS;
  for (;;) {
    const response = readJsonIfPresent<DriverResponse>(files.response(id));
    if (response !== undefined) {
      rmSync(files.response(id));
      if (!response.ok) throw new Error(`driver could not do ${request.kind}: ${response.error}`);
      return response;
    }
    if (Date.now() > deadline)
      throw new Error(`driver did not answer ${request.kind} within ${ANSWER_TIMEOUT_MS / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

/** Saves a screenshot of the workbench into test-results/e2e/ and returns its path. */
export async function screenshot(name: string): Promise<string> {
  const response = await askDriver({ kind: 'screenshot', name });
  return response.path ?? '';
}

/**
 * The Problems panel's rendered rows, e.g. "E-mail address found Responsible ML pii/email [Ln 2, Col 17]" (whitespace
 * collapsed; no parentheses: they are CSS decorations). Open the panel first with showProblemsPanel() (./workspace).
 */
export async function problemsRows(filter?: string): Promise<string[]> {
  return (await askDriver({ kind: 'problems-rows', ...(filter !== undefined ? { filter } : {}) })).texts ?? [];
}

/** Clicks what a user would click: the first visible match of `selector` (containing `text`, when given). */
export async function click(
  selector: string,
  options: { text?: string; button?: 'left' | 'right'; includeWebviews?: boolean } = {},
): Promise<void> {
  await askDriver({ kind: 'click', selector, ...options });
}

/** Presses keys in the workbench (`Enter`, `Escape`, `F1`). */
export async function press(keys: string): Promise<void> {
  await askDriver({ kind: 'press', keys });
}

/** Types into whatever has the focus. */
export async function typeText(text: string): Promise<void> {
  await askDriver({ kind: 'type', text });
}

/** Text of the elements matching a CSS selector, in the workbench and, if asked, inside webviews. */
export async function elementTexts(selector: string, includeWebviews = false, attribute?: string): Promise<string[]> {
  return (
    (await askDriver({ kind: 'element-texts', selector, includeWebviews, ...(attribute ? { attribute } : {}) }))
      .texts ?? []
  );
}

/**
 * Polls the Problems panel until its rows satisfy `expectation`: the panel renders asynchronously after the markers
 * change. Fails with the rows it last saw.
 */
export async function waitForProblemsRows(
  expectation: (rows: string[]) => boolean,
  description: string,
  timeoutMs = 20_000,
  filter?: string,
): Promise<string[]> {
  const deadline = Date.now() + timeoutMs;
  let rows = await problemsRows(filter);
  while (!expectation(rows)) {
    if (Date.now() > deadline) {
      throw new Error(`Problems panel never showed ${description}; its rows were:\n${rows.join('\n') || '(none)'}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
    rows = await problemsRows(filter);
  }
  return rows;
}
