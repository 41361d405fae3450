import { strict as assert } from 'node:assert';
import { appendFileSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { CodeAction, CodeLens, CompletionItem } from 'vscode-languageserver-protocol';
import {
  GenerateDatasheetRequest,
  GenerateModelCardRequest,
  ReadLedgerRequest,
  type GeneratedDocumentResult,
  type ReadLedgerResult,
} from '../../src/shared/protocol';
import { BIASED_RUN, fixtureWorkspace, REWEIGHED_RUN, writeLoansDataset } from '../unit/accountability/workspace';
import { LspTestClient } from './lspClient';

/** Cards, datasheets, card lint, the dataset CodeLens and the ledger through the built server. */
describe('language server: accountability', function () {
  this.timeout(120_000);
  let workspace: string;
  let client: LspTestClient;

  before(async () => {
    workspace = fixtureWorkspace();
    writeLoansDataset(workspace, BIASED_RUN);
    writeLoansDataset(workspace, REWEIGHED_RUN);
    client = new LspTestClient();
    await client.initialize(workspace, { workspaceTrusted: true });
  });
  after(async () => {
    await client.shutdown();
    rmSync(workspace, { recursive: true, force: true });
  });

  const send = <T>(method: string, params: unknown) => client.connection.sendRequest(method, params) as Promise<T>;

  it("writes a run's model card that card lint finds nothing in, and flags it once a metric is edited", async () => {
    const result = await send<GeneratedDocumentResult>(GenerateModelCardRequest.method, { runId: BIASED_RUN });
    assert.equal(result.uri, pathToFileURL(path.join(workspace, '.rml', 'runs', BIASED_RUN, 'MODEL_CARD.md')).href);
    assert.equal(result.datasetMatches, true);
    const text = readFileSync(new URL(result.uri), 'utf8');
    const uri = client.open(new URL(result.uri).pathname, 'markdown', text);
    const clean = await client.nextDiagnostics(uri);
    assert.deepEqual(clean.diagnostics, []);
    const accuracy = JSON.parse(readFileSync(path.join(workspace, '.rml', 'runs', BIASED_RUN, 'report.json'), 'utf8'))
      .test.accuracy as number;
    client.change(uri, 2, [
      {
        text: text
          .replace(`value: ${accuracy}`, 'value: 0.99')
          .replace('## Bias, Risks, and Limitations', '## Caveats'),
      },
    ]);
    const stale = await client.nextDiagnostics(uri, (published) => published.diagnostics.length > 0);
    assert.deepEqual(stale.diagnostics.map((diagnostic) => diagnostic.code).sort(), [
      'card/missing-section',
      'card/stale-metric',
    ]);
    const missing = stale.diagnostics.find((diagnostic) => diagnostic.code === 'card/missing-section')!;
    const actions = await send<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri },
      range: missing.range,
      context: { diagnostics: [missing] },
    });
    const insert = actions.find((action) => action.title.startsWith('Insert "Bias, Risks, and Limitations"'));
    assert.ok(insert, actions.map((action) => action.title).join('; '));
    const resolved = await send<CodeAction>('codeAction/resolve', insert);
    const edit = (resolved.edit?.documentChanges?.[0] as { edits: Array<{ newText: string }> }).edits[0]!.newText;
    assert.match(edit, /## Bias, Risks, and Limitations\n\n### Disparities between groups \(test split\)/);
    assert.match(edit, /\| `pii\/email` \| 12 \|/);
    assert.equal(resolved.command?.command, 'responsibleML.server.recordFix');
    const completions = await send<CompletionItem[]>('textDocument/completion', {
      textDocument: { uri },
      position: { line: 300, character: 0 },
    });
    assert.ok(Array.isArray(completions));
  });

  it('writes a datasheet, shows the change against the last run on the dataset, and lists both in the ledger', async () => {
    const dataset = path.join(workspace, 'data', 'loans.csv');
    const sheet = await send<GeneratedDocumentResult>(GenerateDatasheetRequest.method, {
      uri: pathToFileURL(dataset).href,
    });
    assert.equal(sheet.uri, pathToFileURL(path.join(workspace, 'data', 'loans.datasheet.md')).href);
    const datasetUri = client.open(dataset, 'csv', readFileSync(dataset, 'utf8'));
    const lenses = await send<CodeLens[]>('textDocument/codeLens', { textDocument: { uri: datasetUri } });
    // Both fixture runs trained on this file: the newest is the reweighed one, compared with the biased one before it.
    assert.match(
      lenses[0]?.command?.title ?? '',
      new RegExp(`^Since run ${REWEIGHED_RUN}: data unchanged · test accuracy 0\\.6958 · disparity: age_band$`),
    );
    assert.deepEqual(lenses[0]?.command?.arguments, [REWEIGHED_RUN]);
    assert.match(
      lenses[1]?.command?.title ?? '',
      new RegExp(`^vs run ${BIASED_RUN}: accuracy \\+0\\.0274, \\d+ regressions?$`),
    );
    appendFileSync(dataset, '1,0.1,1,50+,M,,no\n');
    const changed = await send<CodeLens[]>('textDocument/codeLens', { textDocument: { uri: datasetUri } });
    assert.match(changed[0]?.command?.title ?? '', /data changed \(300 rows then\)/);
    const ledger = await send<ReadLedgerResult>(ReadLedgerRequest.method, {});
    assert.equal(ledger.timeline.verification.ok, true);
    assert.deepEqual(
      ledger.timeline.entries.map((entry) => entry.entry.action),
      ['card', 'datasheet'],
    );
  });
});
