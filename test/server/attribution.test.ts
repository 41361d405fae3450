import { strict as assert } from 'node:assert';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { runTrainingJob } from '../../src/engine/training/job';
import type { ExplanationResult, LabelIssuesReport } from '../../src/shared/attribution';
import {
  ExplainableRunsRequest,
  ExplainRequest,
  FindLabelIssuesRequest,
  RunAttributionRequest,
  type ExplainableRun,
  type RunAttributionResult,
} from '../../src/shared/protocol';
import { LineIndex } from '../../src/engine/parse';
import { LspTestClient } from './lspClient';

/**
 * The attribution panel's requests through the built server: explainable runs, an explanation of a row of the open
 * dataset (placed on its characters), the run's global importance, and label issues as diagnostics with fixes.
 */
describe('language server: attribution and label issues', function () {
  this.timeout(180_000);
  let workspace: string;
  let client: LspTestClient;
  let runId: string;
  let datasetPath: string;
  let datasetUri: string;

  before(async () => {
    workspace = mkdtempSync(path.join(os.tmpdir(), 'rml-server-attribution-'));
    mkdirSync(path.join(workspace, 'data'));
    datasetPath = path.join(workspace, 'data/biased.csv');
    cpSync(path.resolve('test/fixtures/counterfactual/biased.csv'), datasetPath);
    datasetUri = pathToFileURL(datasetPath).href;
    runId = (
      await runTrainingJob({
        dataset: datasetPath,
        label: 'label',
        text: 'text',
        epochs: 8,
        backend: 'wasm',
        runsRoot: path.join(workspace, '.rml/runs'),
      })
    ).id;
    client = new LspTestClient();
    await client.initialize(workspace, { workspaceTrusted: true });
  });
  after(async () => {
    await client.shutdown();
    rmSync(workspace, { recursive: true, force: true });
  });

  const send = <T>(method: string, params: unknown) => client.connection.sendRequest(method, params) as Promise<T>;

  it('lists the completed run, first for its own dataset', async () => {
    const runs = await send<ExplainableRun[]>(ExplainableRunsRequest.method, { uri: datasetUri });
    assert.equal(runs[0]?.id, runId);
    assert.equal(runs[0]?.sameDataset, true);
    assert.equal(runs[0]?.modelKind, 'text');
    assert.deepEqual(runs[0]?.classes, ['neg', 'pos']);
  });

  it('explains the row under the cursor of the open document, every word placed on its characters, with its swaps', async () => {
    const text = readFileSync(datasetPath, 'utf8');
    client.open(datasetPath, 'csv', text);
    const result = await send<ExplanationResult>(ExplainRequest.method, { runId, input: { uri: datasetUri, line: 3 } });
    assert.equal(result.row?.line, 3);
    assert.equal(result.row?.index, 2);
    const lines = new LineIndex(text);
    for (const unit of result.units)
      assert.equal(text.slice(lines.offsetAt(unit.range!.start), lines.offsetAt(unit.range!.end)), unit.text);
    assert.ok(Math.abs(result.delta!) < 1e-3);
    assert.ok(result.counterfactuals.length >= 1, 'the row names its writer');
    assert.equal(result.counterfactuals[0]!.original, result.text);
    const typed = await send<ExplanationResult>(ExplainRequest.method, {
      runId,
      input: { text: 'She said it was great.' },
      method: 'occlusion',
    });
    assert.deepEqual(
      typed.units.map((unit) => unit.text),
      ['She', 'said', 'it', 'was', 'great'],
    );
    await assert.rejects(
      send(ExplainRequest.method, { runId, input: { uri: datasetUri, line: 0 } }),
      /line 1 of .* is not a data row/,
    );
  });

  it("computes the run's global importance and counterfactual gap on request, then reads them back", async () => {
    const first = await send<RunAttributionResult>(RunAttributionRequest.method, { runId });
    assert.ok(first.attribution, first.error);
    assert.ok(first.attribution!.counterfactual!.gap > 0.05, 'the planted bias shows');
    const again = await send<RunAttributionResult>(RunAttributionRequest.method, { runId });
    assert.deepEqual(again.attribution, first.attribution);
  });

  it('publishes label issues as diagnostics with "Change label to …"; fixing one drops it', async () => {
    const data = path.join(workspace, 'data/small.csv');
    const text = 'text,label\na,cat\nb,cat\nc,dog\nd,dog\ne,cat\n';
    writeFileSync(data, text);
    const probs = path.join(workspace, 'data/probs.csv');
    writeFileSync(probs, 'dog,cat\n0.1,0.9\n0.2,0.8\n0.9,0.1\n0.8,0.2\n0.9,0.1\n');
    const uri = client.open(data, 'csv', text);
    const report = await send<LabelIssuesReport & { uri: string }>(FindLabelIssuesRequest.method, {
      uri,
      label: 'label',
      predProbsUri: pathToFileURL(probs).href,
    });
    assert.deepEqual(
      report.issues.map((issue) => issue.line),
      [6],
    );
    const published = await client.nextDiagnostics(uri, (p) =>
      p.diagnostics.some((d) => d.code === 'data/label-issue'),
    );
    const diagnostic = published.diagnostics.find((d) => d.code === 'data/label-issue')!;
    assert.deepEqual(diagnostic.range, { start: { line: 5, character: 2 }, end: { line: 5, character: 5 } });
    assert.match(diagnostic.message, /Label 'cat' looks wrong: the model is confident this row is 'dog'/);
    const actions = await send<
      Array<{ title: string; edit?: { documentChanges: Array<{ edits: Array<{ newText: string }> }> } }>
    >('textDocument/codeAction', {
      textDocument: { uri },
      range: diagnostic.range,
      context: { diagnostics: [diagnostic] },
    });
    const change = actions.find((action) => action.title === "Change label to 'dog'");
    assert.ok(change, actions.map((action) => action.title).join(' | '));
    assert.equal(change!.edit!.documentChanges[0]!.edits[0]!.newText, 'dog');
    assert.ok(actions.some((action) => action.title.startsWith('Ignore this Label looks wrong finding')));
    client.change(uri, 2, [{ text: text.replace('e,cat', 'e,dog') }]);
    await client.nextDiagnostics(
      uri,
      (p) => p.version === 2 && !p.diagnostics.some((d) => d.code === 'data/label-issue'),
    );
  });

  it('refuses k-fold training until the workspace is trusted', async () => {
    const untrusted = new LspTestClient();
    await untrusted.initialize(workspace, { workspaceTrusted: false });
    try {
      await assert.rejects(
        untrusted.connection.sendRequest(FindLabelIssuesRequest.method, {
          uri: datasetUri,
          label: 'label',
          text: 'text',
        }),
        /trust this workspace first/,
      );
    } finally {
      await untrusted.shutdown();
    }
  });
});
