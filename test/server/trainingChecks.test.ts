import { strict as assert } from 'node:assert';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  DatasetColumnsRequest,
  ReadRunRequest,
  StartTrainingRequest,
  TrainingEventNotification,
  WorkspaceTrustNotification,
  type DatasetColumnsResult,
  type StartTrainingParams,
  type StartTrainingResult,
} from '../../src/shared/protocol';
import type { RunRecord, TrainingEvent } from '../../src/shared/runs';
import { LspTestClient } from './lspClient';

/** What the server checks before a job trains, and what it tells the Train Model form about a dataset. */
describe('language server: training checks and column suggestions', function () {
  this.timeout(120_000);
  let workspace: string;
  let client: LspTestClient;
  let loansUri: string;

  before(async () => {
    workspace = mkdtempSync(path.join(os.tmpdir(), 'rml-server-checks-'));
    mkdirSync(path.join(workspace, 'data'));
    cpSync(path.resolve('test/fixtures/training/loans.csv'), path.join(workspace, 'data/loans.csv'));
    writeFileSync(
      path.join(workspace, '.rml.json'),
      JSON.stringify({ dataset: { files: { 'loans.csv': { label: 'approved', sensitive: ['sex'] } } } }),
    );
    loansUri = pathToFileURL(path.join(workspace, 'data/loans.csv')).href;
    client = new LspTestClient();
    await client.initialize(workspace, { workspaceTrusted: true });
    await client.connection.sendNotification(WorkspaceTrustNotification.method, { trusted: true });
  });
  after(async () => {
    await client.shutdown();
    rmSync(workspace, { recursive: true, force: true });
  });

  const eventsOf = (runId: string) =>
    client.notifications
      .filter((entry) => entry.method === TrainingEventNotification.method)
      .map((entry) => entry.params as TrainingEvent)
      .filter((event) => event.runId === runId);

  it('fails a job before its first epoch when the test split cannot be evaluated', async () => {
    const params: StartTrainingParams = {
      datasetUri: loansUri,
      label: 'approved',
      features: ['age', 'income'],
      sensitive: ['sex'],
      privileged: [{ column: 'sex', value: 'X' }],
    };
    const { runId } = (await client.connection.sendRequest(StartTrainingRequest.method, params)) as StartTrainingResult;
    const end = await client.notification<TrainingEvent>(
      TrainingEventNotification.method,
      (event) => event.runId === runId && event.kind === 'finished',
    );
    assert.equal(end.kind === 'finished' && end.state, 'failed');
    assert.match(
      end.kind === 'finished' ? (end.error ?? '') : '',
      /nothing was trained: privileged value 'X' does not occur in column 'sex'/,
    );
    assert.equal(eventsOf(runId).filter((event) => event.kind === 'epoch').length, 0);
    const run = (await client.connection.sendRequest(ReadRunRequest.method, { runId })) as RunRecord;
    assert.equal(run.status.epochsCompleted, 0);
  });

  it('suggests the label, sensitive and weight columns of the per-file settings, and features without them', async () => {
    const result = (await client.connection.sendRequest(DatasetColumnsRequest.method, {
      uri: loansUri,
    })) as DatasetColumnsResult;
    assert.equal(result.suggested.label, 'approved');
    assert.deepEqual(result.suggested.sensitive, ['sex']);
    assert.equal(result.suggested.weight, 'weight');
    assert.deepEqual(result.suggested.features, ['age', 'income', 'hours', 'education']);
    assert.equal(result.notSuggested?.weight?.reason, 'weight');
  });
});
