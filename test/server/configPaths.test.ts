import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { LspTestClient } from './lspClient';

/**
 * `.rml.json` naming `../../../../dev/zero` as a test split made the server read /dev/zero forever, on a core, in
 * restricted mode too, and kept at it after the document closed. The split must be refused on its value, and the
 * training file analysed (diagnostics that never arrive fail this test by its time-out).
 */
describe('language server: paths a config names', function () {
  this.timeout(30_000);
  let workspace = '';
  let client: LspTestClient;
  const configText =
    '{\n  "dataset": {\n    "splits": [\n      { "train": "train.csv", "test": "../../../../dev/zero" },\n      { "train": "other.csv", "test": "linked.csv" }\n    ]\n  }\n}\n';
  const train = `id,review,label\n${Array.from({ length: 30 }, (_, i) => `${i},"review ${i}: it arrived on time and works, mail me at user${i}@example.org",${i % 2}`).join('\n')}\n`;

  before(async () => {
    workspace = mkdtempSync(path.join(os.tmpdir(), 'rml-server-paths-'));
    writeFileSync(path.join(workspace, '.rml.json'), configText);
    writeFileSync(path.join(workspace, 'train.csv'), train);
    symlinkSync('/dev/zero', path.join(workspace, 'linked.csv'));
    client = new LspTestClient();
    await client.initialize(workspace);
  });
  after(async () => {
    await client.shutdown();
    rmSync(workspace, { recursive: true, force: true });
  });

  it('puts config/invalid on each refused value: outside the folder, and a link to a device', async () => {
    const uri = pathToFileURL(path.join(workspace, '.rml.json')).href;
    const published = await client.nextDiagnostics(uri, (diagnostics) => diagnostics.diagnostics.length >= 2);
    assert.deepEqual(
      published.diagnostics.map((diagnostic) => diagnostic.code),
      ['config/invalid', 'config/invalid'],
    );
    assert.deepEqual(published.diagnostics[0]!.range.start, { line: 3, character: 38 });
    assert.match(published.diagnostics[0]!.message, /resolves outside the folder of \.rml\.json/);
    assert.match(published.diagnostics[1]!.message, /'linked\.csv' is a link to \/dev\/zero/);
  });

  it('analyses the training file without reading /dev/zero', async () => {
    const uri = client.open(path.join(workspace, 'train.csv'), 'csv', train);
    const published = await client.nextDiagnostics(uri);
    assert.ok(published.diagnostics.some((diagnostic) => diagnostic.code === 'pii/email'));
  });
});
