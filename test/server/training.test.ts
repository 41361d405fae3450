import { strict as assert } from 'node:assert';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  CancelTrainingRequest,
  ListRunsRequest,
  ReadRunRequest,
  RunFileRequest,
  StartTrainingRequest,
  TrainingEventNotification,
  WorkspaceTrustNotification,
  type FolderRuns,
  type StartTrainingParams,
  type StartTrainingResult,
} from '../../src/shared/protocol';
import type { RunRecord, TrainingEvent } from '../../src/shared/runs';
import { LspTestClient } from './lspClient';

/**
 * Training jobs through the built server, as the extension host drives them: refused until the workspace is
 * trusted, one id from `startTraining` to the run folder, queued per dataset, cancellable.
 */
describe('language server: training jobs', function () {
  this.timeout(120_000);
  let workspace: string;
  let client: LspTestClient;
  let datasetUri: string;

  before(async () => {
    workspace = mkdtempSync(path.join(os.tmpdir(), 'rml-server-training-'));
    mkdirSync(path.join(workspace, 'data'));
    cpSync(path.resolve('test/fixtures/training/reviews.csv'), path.join(workspace, 'data/reviews.csv'));
    writeFileSync(
      path.join(workspace, '.rml.json'),
      JSON.stringify({ dataset: { disparateImpactThreshold: 0.9, minGroupSize: 5 } }),
    );
    datasetUri = pathToFileURL(path.join(workspace, 'data/reviews.csv')).href;
    client = new LspTestClient();
    await client.initialize(workspace, { workspaceTrusted: false });
  });
  after(async () => {
    await client.shutdown();
    rmSync(workspace, { recursive: true, force: true });
  });

  const request = (epochs: number): StartTrainingParams => ({
    datasetUri,
    label: 'label',
    text: 'text',
    sensitive: ['dialect'],
    epochs,
  });
  const start = (params: StartTrainingParams) =>
    client.connection.sendRequest(StartTrainingRequest.method, params) as Promise<StartTrainingResult>;
  const finished = (runId: string) =>
    client.notification<TrainingEvent>(
      TrainingEventNotification.method,
      (event) => event.runId === runId && event.kind === 'finished',
    );
  const eventsOf = (runId: string) =>
    client.notifications
      .filter((entry) => entry.method === TrainingEventNotification.method)
      .map((entry) => entry.params as TrainingEvent)
      .filter((event) => event.runId === runId);

  it('refuses to train in an untrusted workspace, and writes nothing', async () => {
    await assert.rejects(start(request(2)), /trust this workspace first/);
    assert.equal(existsSync(path.join(workspace, '.rml', 'runs')), false);
  });

  it('trains once trusted: the id it returns is on every event and names the run folder', async () => {
    await client.connection.sendNotification(WorkspaceTrustNotification.method, { trusted: true });
    const { runId, queuedBehind } = await start(request(2));
    assert.equal(queuedBehind, 0);
    const end = await finished(runId);
    assert.deepEqual(end, { kind: 'finished', runId, state: 'completed' });
    const kinds = eventsOf(runId).map((event) => event.kind);
    assert.equal(kinds[0], 'queued');
    assert.equal(kinds.at(-1), 'finished');
    assert.ok(kinds.indexOf('started') < kinds.indexOf('epoch'), kinds.join(' '));
    assert.equal(kinds.filter((kind) => kind === 'epoch').length, 2);
    const started = eventsOf(runId).find((event) => event.kind === 'started');
    assert.equal(started?.kind === 'started' && started.runDir, path.join(workspace, '.rml', 'runs', runId));
    const run = (await client.connection.sendRequest(ReadRunRequest.method, { runId })) as RunRecord;
    assert.equal(run.id, runId);
    assert.equal(run.status.state, 'completed');
    assert.equal(run.hasModel, true);
    assert.deepEqual(
      { ...run.report?.test.fairness?.thresholds },
      { ...run.report?.test.fairness?.thresholds, minRatio: 0.9, minGroupSize: 5 },
      ".rml.json's thresholds judge the run",
    );
    const folders = (await client.connection.sendRequest(ListRunsRequest.method, {})) as FolderRuns[];
    assert.deepEqual(
      folders[0]?.runs.map((summary) => summary.id),
      [runId],
    );
    const report = (await client.connection.sendRequest(RunFileRequest.method, { runId, file: 'report' })) as {
      uri: string;
    };
    assert.equal(report.uri, pathToFileURL(path.join(workspace, '.rml', 'runs', runId, 'report.json')).href);
  });

  it('queues a second job on the same dataset behind the first, and cancels a queued and a running one', async () => {
    const first = await start(request(200));
    const second = await start(request(2));
    assert.equal(second.queuedBehind, 1);
    assert.deepEqual(await client.connection.sendRequest(CancelTrainingRequest.method, { runId: second.runId }), {
      cancelled: true,
    });
    assert.deepEqual(await finished(second.runId), { kind: 'finished', runId: second.runId, state: 'cancelled' });
    await client.notification<TrainingEvent>(
      TrainingEventNotification.method,
      (event) => event.runId === first.runId && event.kind === 'epoch',
    );
    assert.deepEqual(await client.connection.sendRequest(CancelTrainingRequest.method, { runId: first.runId }), {
      cancelled: true,
    });
    assert.deepEqual(await finished(first.runId), { kind: 'finished', runId: first.runId, state: 'cancelled' });
    const run = (await client.connection.sendRequest(ReadRunRequest.method, { runId: first.runId })) as RunRecord;
    assert.equal(run.status.state, 'cancelled');
    assert.ok(
      !readdirSync(path.join(workspace, '.rml', 'runs')).includes(second.runId),
      'a job cancelled in the queue leaves no folder',
    );
    assert.deepEqual(await client.connection.sendRequest(CancelTrainingRequest.method, { runId: first.runId }), {
      cancelled: false,
    });
  });

  it('refuses a run id that is a path', async () => {
    await assert.rejects(
      client.connection.sendRequest(ReadRunRequest.method, { runId: '../../etc' }),
      /is not a run id/,
    );
  });
});
