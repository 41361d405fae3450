/**
 * Entry point VS Code calls in its extension host (the `extensionTestsPath` contract of @vscode/test-electron):
 * runs the journeys with mocha and writes the outcome to the channel's result.json for the driver. Bundled by
 * esbuild.mjs into out/e2e/suite.js with mocha left external (resolved from the repository's node_modules).
 */
import Mocha from 'mocha';
import * as vscode from 'vscode';
import { channelFiles, writeJsonAtomically, type SuiteResult } from '../protocol';
import { channelDirectory, screenshot, suiteConfig } from './driverRequests';

/**
 * Every journey file, imported only after mocha has defined `describe`/`it` for it. Add new `*.test.ts` files here:
 * they are bundled into the one suite module.
 */
const journeys: Array<[file: string, load: () => Promise<unknown>]> = [
  ['extensionInstalled.test.ts', () => import('./extensionInstalled.test')],
  ['datasetDiagnostics.test.ts', () => import('./datasetDiagnostics.test')],
  ['redactQuickFix.test.ts', () => import('./redactQuickFix.test')],
  ['identifyingColumn.test.ts', () => import('./identifyingColumn.test')],
  ['scanWorkspace.test.ts', () => import('./scanWorkspace.test')],
  ['hiddenPromptInstruction.test.ts', () => import('./hiddenPromptInstruction.test')],
  ['biasReweighing.test.ts', () => import('./biasReweighing.test')],
  ['trainModel.test.ts', () => import('./trainModel.test')],
  ['modelCard.test.ts', () => import('./modelCard.test')],
  ['trainEntryPoints.test.ts', () => import('./trainEntryPoints.test')],
  ['privateTraining.test.ts', () => import('./privateTraining.test')],
  ['explainPrediction.test.ts', () => import('./explainPrediction.test')],
  ['serverRestart.test.ts', () => import('./serverRestart.test')],
  ['groupThresholds.test.ts', () => import('./groupThresholds.test')],
  ['unfamiliarDataset.test.ts', () => import('./unfamiliarDataset.test')],
  ['labelIssues.test.ts', () => import('./labelIssues.test')],
];

export async function run(): Promise<void> {
  const started = Date.now();
  let result: SuiteResult;
  try {
    result = await runJourneys();
  } catch (error) {
    // The suite could not even start: report that as a failure rather than leaving the driver to time out.
    const failure = {
      title: 'end-to-end suite setup',
      message: (error as Error).message,
      stack: (error as Error).stack,
    };
    result = {
      vscodeVersion: vscode.version,
      passes: [],
      failures: [failure],
      pending: [],
      durationMs: Date.now() - started,
    };
  }
  writeJsonAtomically(channelFiles(channelDirectory()).result, result);
}

async function runJourneys(): Promise<SuiteResult> {
  const config = suiteConfig();
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: config.testTimeoutMs });
  if (config.grep) mocha.grep(new RegExp(config.grep));
  // A picture of the workbench at the end of every journey, passed or failed.
  mocha.suite.afterEach('screenshot', async function () {
    const test = this.currentTest;
    if (test) await screenshot(`${test.state ?? 'unknown'} ${test.fullTitle()}`);
  });
  for (const [file, load] of journeys) {
    mocha.suite.emit('pre-require', globalThis, file, mocha);
    await load();
  }
  return runCollectingOutcomes(mocha);
}

function runCollectingOutcomes(mocha: Mocha): Promise<SuiteResult> {
  const started = Date.now();
  const result: SuiteResult = { vscodeVersion: vscode.version, passes: [], failures: [], pending: [], durationMs: 0 };
  const { EVENT_TEST_PASS, EVENT_TEST_FAIL, EVENT_TEST_PENDING } = Mocha.Runner.constants;
  return new Promise((resolve) => {
    const runner = mocha.run(() => resolve({ ...result, durationMs: Date.now() - started }));
    runner.on(EVENT_TEST_PASS, (test) =>
      result.passes.push({ title: test.fullTitle(), durationMs: test.duration ?? 0 }),
    );
    // Also fires for failing hooks, whose title names the hook.
    runner.on(EVENT_TEST_FAIL, (test, error: Error) =>
      result.failures.push({ title: test.fullTitle(), message: error.message, stack: error.stack }),
    );
    runner.on(EVENT_TEST_PENDING, (test) => result.pending.push(test.fullTitle()));
  });
}
