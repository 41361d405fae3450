/**
 * The driver's side of the channel (../protocol.ts): answer the suite's UI requests until it writes its result,
 * and give up on a time-out, a closed page or a dead code-server.
 */
import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import {
  channelFiles,
  readJsonIfPresent,
  writeJsonAtomically,
  type DriverRequest,
  type SuiteConfig,
  type SuiteResult,
} from '../protocol';
import type { RunningCodeServer } from './codeServer';
import type { Workbench } from './workbench';

const POLL_MS = 100;

/** What serving needs from the browser and from code-server (narrow, so unit tests can stand in for them). */
export type ServingWorkbench = Pick<Workbench, 'answer' | 'recentErrors' | 'isClosed'>;
export type WatchedCodeServer = Pick<RunningCodeServer, 'extensionHostExit' | 'exitCode'>;

export function prepareChannel(channelDir: string, config: SuiteConfig): void {
  const files = channelFiles(channelDir);
  mkdirSync(files.requests, { recursive: true });
  mkdirSync(files.responses, { recursive: true });
  writeJsonAtomically(files.config, config);
}

/** Serves UI requests until result.json appears; throws when the run cannot finish. */
export async function serveUntilResult(
  channelDir: string,
  workbench: ServingWorkbench,
  codeServer: WatchedCodeServer,
  timeoutMs: number,
): Promise<SuiteResult> {
  const files = channelFiles(channelDir);
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    await answerPendingRequests(channelDir, workbench);
    const result = readJsonIfPresent<SuiteResult>(files.result);
    if (result !== undefined) return result;
    const failure = whyNoResultWillCome(workbench, codeServer, deadline, timeoutMs);
    if (failure !== undefined) throw new Error(failure);
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

function whyNoResultWillCome(
  workbench: ServingWorkbench,
  codeServer: WatchedCodeServer,
  deadline: number,
  timeoutMs: number,
): string | undefined {
  const errors = workbench.recentErrors();
  const seeAlso = errors.length > 0 ? `; last workbench errors:\n${errors.join('\n')}` : '';
  const hostExit = codeServer.extensionHostExit();
  if (hostExit !== undefined) return `the suite wrote no result: ${hostExit}${seeAlso}`;
  const exitCode = codeServer.exitCode();
  if (exitCode !== null) return `code-server exited with code ${exitCode} before the suite finished`;
  if (workbench.isClosed()) return 'the workbench page closed before the suite finished';
  if (Date.now() > deadline) return `the suite wrote no result within ${timeoutMs / 1000} s (E2E_TIMEOUT_MS)${seeAlso}`;
  return undefined;
}

async function answerPendingRequests(channelDir: string, workbench: ServingWorkbench): Promise<void> {
  const files = channelFiles(channelDir);
  const ids = readdirSync(files.requests)
    .filter((name) => name.endsWith('.json'))
    .map((name) => name.slice(0, -'.json'.length))
    .sort();
  for (const id of ids) {
    const request = readJsonIfPresent<DriverRequest>(files.request(id));
    if (request === undefined) continue;
    const response = await workbench.answer(request);
    writeJsonAtomically(files.response(id), response);
    rmSync(files.request(id));
  }
}
