/**
 * End-to-end driver: proves the packaged extension works in a real VS Code.
 *
 * Installs the .vsix into a fresh code-server profile, opens a copy of test/fixtures/example-workspace in headless
 * Chromium with the mocha suite (out/e2e/suite.js) running in the extension host, answers the suite's UI requests
 * (screenshots, Problems panel rows) and exits 0 only when the suite reports that every test passed.
 *
 * Usage: npx tsx test/e2e/driver.ts   (after test/e2e/install-code-server.sh, `npm run build` and `npm run package`)
 * Env:   E2E_VSIX, E2E_EXTENSION_ID, E2E_TIMEOUT_MS, E2E_TEST_TIMEOUT_MS, E2E_GREP, KEEP_E2E=1 (see lib/options.ts)
 */
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { prepareChannel, serveUntilResult } from './lib/channel';
import { installExtension, startCodeServer, writeProfileSettings, type CodeServerProfile } from './lib/codeServer';
import { checkPrerequisites, readDriverOptions, REPO_ROOT, type DriverOptions } from './lib/options';
import { openWorkbench, type Workbench } from './lib/workbench';
import { CHANNEL_ENV, type SuiteResult } from './protocol';

const ARTIFACTS_HINT =
  'screenshots and logs: test-results/e2e/ (code-server.log, browser-console.log, logs/*/exthost1/<extension>/*.log)';

/** Undo steps, run last-first on success, failure and Ctrl-C alike. */
const cleanups: Array<() => Promise<void> | void> = [];

async function runEndToEnd(options: DriverOptions): Promise<SuiteResult> {
  checkPrerequisites(options);
  rmSync(options.resultsDir, { recursive: true, force: true });
  mkdirSync(options.resultsDir, { recursive: true });
  const runDir = mkdtempSync(path.join(tmpdir(), 'rml-e2e-'));
  cleanups.push(() => removeOrKeep(runDir, options.keepTemporaryFiles));

  const profile: CodeServerProfile = {
    entry: options.codeServerEntry,
    extensionsDir: path.join(runDir, 'extensions'),
    userDataDir: path.join(runDir, 'user-data'),
    xdgDir: path.join(runDir, 'xdg'),
  };
  // Extension host and output-channel logs (e.g. a language server's crash) outlive the temporary profile.
  cleanups.push(() => copyLogs(path.join(profile.userDataDir, 'logs'), path.join(options.resultsDir, 'logs')));
  writeProfileSettings(profile);
  const installed = await installExtension(profile, options.vsixPath, options.extensionId);
  console.log(`installed ${path.relative(REPO_ROOT, options.vsixPath)} as ${path.basename(installed)}`);

  const workspaceDir = path.join(runDir, 'workspace');
  cpSync(options.fixtureWorkspace, workspaceDir, { recursive: true });
  const channelDir = path.join(runDir, 'channel');
  prepareChannel(channelDir, {
    extensionId: options.extensionId,
    testTimeoutMs: options.testTimeoutMs,
    grep: options.grep,
  });

  const codeServerLog = path.join(options.resultsDir, 'code-server.log');
  const codeServer = await startCodeServer(profile, workspaceDir, { [CHANNEL_ENV]: channelDir }, codeServerLog);
  cleanups.push(() => codeServer.stop());
  console.log(`code-server answering at ${codeServer.url}`);

  const workbench = await openWorkbench(
    options.chromiumPath,
    {
      serverUrl: codeServer.url,
      workspaceDir,
      developmentExtension: options.harnessExtension,
      suiteModule: options.suiteBundle,
    },
    options.resultsDir,
  );
  cleanups.push(() => workbench.close());
  try {
    return await serveUntilResult(channelDir, workbench, codeServer, options.timeoutMs);
  } finally {
    await finalScreenshot(workbench);
  }
}

/** The workbench as the run left it, also after a time-out: the first thing to look at when something failed. */
async function finalScreenshot(workbench: Workbench): Promise<void> {
  try {
    console.log(`screenshot: ${path.relative(REPO_ROOT, await workbench.screenshot('end of run'))}`);
  } catch (error) {
    console.error(`no final screenshot: ${(error as Error).message}`);
  }
}

function printResult(result: SuiteResult): void {
  console.log(
    `\nVS Code ${result.vscodeVersion}: ${result.passes.length} passing, ${result.failures.length} failing, ` +
      `${result.pending.length} pending (${(result.durationMs / 1000).toFixed(1)} s)`,
  );
  for (const pass of result.passes) console.log(`  ✓ ${pass.title} (${pass.durationMs} ms)`);
  for (const title of result.pending) console.log(`  - ${title}`);
  result.failures.forEach((failure, index) => {
    // A stack already starts with the message.
    const details = failure.stack ?? failure.message;
    console.log(
      `  ${index + 1}) ${failure.title}\n${details
        .split('\n')
        .map((line) => `     ${line}`)
        .join('\n')}`,
    );
  });
}

function copyLogs(from: string, to: string): void {
  if (existsSync(from)) cpSync(from, to, { recursive: true });
}

async function removeOrKeep(runDir: string, keep: boolean): Promise<void> {
  if (keep) console.log(`kept ${runDir} (KEEP_E2E=1)`);
  else rmSync(runDir, { recursive: true, force: true });
}

async function cleanUp(): Promise<void> {
  for (const undo of cleanups.splice(0).reverse()) {
    try {
      await undo();
    } catch (error) {
      console.error(`cleanup: ${(error as Error).message}`);
    }
  }
}

async function main(): Promise<number> {
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => void cleanUp().finally(() => process.exit(130)));
  }
  try {
    const options = readDriverOptions();
    const result = await runEndToEnd(options);
    printResult(result);
    const passed = result.failures.length === 0 && result.passes.length > 0;
    if (result.passes.length === 0 && result.failures.length === 0) console.error('e2e: no test ran (check E2E_GREP)');
    if (!passed) console.error(ARTIFACTS_HINT);
    return passed ? 0 : 1;
  } catch (error) {
    console.error(`e2e: ${(error as Error).message}\n${ARTIFACTS_HINT}`);
    return 1;
  } finally {
    await cleanUp();
  }
}

void main().then((code) => process.exit(code));
