import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { prepareChannel, serveUntilResult, type ServingWorkbench, type WatchedCodeServer } from '../lib/channel';
import { CHANNEL_ENV, channelFiles, writeJsonAtomically, type DriverRequest, type SuiteResult } from '../protocol';
import { problemsRows, screenshot, suiteConfig } from '../suite/driverRequests';

const config = { extensionId: 'publisher.name', testTimeoutMs: 1000, grep: 'Journey' };
const result: SuiteResult = {
  vscodeVersion: '1.100.3',
  passes: [{ title: 'a journey', durationMs: 5 }],
  failures: [],
  pending: [],
  durationMs: 9,
};
const PROBLEMS_ROWS = ['customers.csv', 'E-mail found Responsible ML pii/email [Ln 2, Col 17]'];
const running: WatchedCodeServer = { exitCode: () => null, extensionHostExit: () => undefined };

function fakeWorkbench(answered: DriverRequest[]): ServingWorkbench {
  return {
    answer: async (request) => {
      answered.push(request);
      return request.kind === 'problems-rows' ? { ok: true, texts: PROBLEMS_ROWS } : { ok: false, error: 'no page' };
    },
    recentErrors: () => ['Error: boom at load'],
    isClosed: () => false,
  };
}

describe('e2e channel between the driver and the in-host suite', () => {
  let channelDir: string;
  const previous = process.env[CHANNEL_ENV];

  beforeEach(() => {
    channelDir = mkdtempSync(path.join(tmpdir(), 'rml-e2e-channel-'));
    prepareChannel(channelDir, config);
    process.env[CHANNEL_ENV] = channelDir;
  });
  afterEach(() => {
    rmSync(channelDir, { recursive: true, force: true });
    if (previous === undefined) delete process.env[CHANNEL_ENV];
    else process.env[CHANNEL_ENV] = previous;
  });

  it('gives the suite the config the driver wrote', () => {
    assert.deepEqual(suiteConfig(), config);
  });

  it("answers the suite's requests in order, passes refusals on as errors, and returns the result", async () => {
    const answered: DriverRequest[] = [];
    const serving = serveUntilResult(channelDir, fakeWorkbench(answered), running, 10_000);
    assert.deepEqual(await problemsRows(), PROBLEMS_ROWS);
    await assert.rejects(screenshot('end of journey'), /driver could not do screenshot: no page/);
    writeJsonAtomically(channelFiles(channelDir).result, result);
    assert.deepEqual(await serving, result);
    assert.deepEqual(answered, [{ kind: 'problems-rows' }, { kind: 'screenshot', name: 'end of journey' }]);
  });

  it('fails at once, with the workbench errors, when the extension host exits without a result', async () => {
    const exited: WatchedCodeServer = {
      ...running,
      extensionHostExit: () => 'Extension Host Process exited with code: 0',
    };
    await assert.rejects(
      serveUntilResult(channelDir, fakeWorkbench([]), exited, 60_000),
      /the suite wrote no result: Extension Host Process exited with code: 0; last workbench errors:\nError: boom at load/,
    );
  });

  it('prefers a result written before the extension host exited (the normal end of a run)', async () => {
    writeJsonAtomically(channelFiles(channelDir).result, result);
    const exited: WatchedCodeServer = {
      ...running,
      extensionHostExit: () => 'Extension Host Process exited with code: 0',
    };
    assert.deepEqual(await serveUntilResult(channelDir, fakeWorkbench([]), exited, 60_000), result);
  });

  it('fails on a dead code-server, a closed page, and the run time-out', async () => {
    const dead: WatchedCodeServer = { ...running, exitCode: () => 1 };
    await assert.rejects(
      serveUntilResult(channelDir, fakeWorkbench([]), dead, 60_000),
      /code-server exited with code 1/,
    );
    const closed = { ...fakeWorkbench([]), isClosed: () => true };
    await assert.rejects(serveUntilResult(channelDir, closed, running, 60_000), /workbench page closed/);
    await assert.rejects(
      serveUntilResult(channelDir, fakeWorkbench([]), running, 1),
      /no result within 0\.001 s \(E2E_TIMEOUT_MS\)/,
    );
  });

  it('tells the suite to go through the driver when the channel is missing', () => {
    delete process.env[CHANNEL_ENV];
    assert.throws(() => suiteConfig(), /RML_E2E_CHANNEL is not set: run the suite through test\/e2e\/driver\.ts/);
  });
});
