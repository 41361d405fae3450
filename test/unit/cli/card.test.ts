import { strict as assert } from 'node:assert';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { EXIT_ERROR, EXIT_OK } from '../../../src/cli/io';
import { runCli } from '../../../src/cli/main';
import { modelCardToolkitErrors } from '../../../src/engine/accountability';
import { BIASED_RUN, fixtureWorkspace, runDir, writeLoansDataset } from '../accountability/workspace';
import { fakeIo } from './fakeIo';

async function rml(cwd: string, ...args: string[]) {
  const io = fakeIo(cwd);
  const code = await runCli(args, io);
  return { code, out: io.out, err: io.err };
}

describe('rml card --format mct-json', function () {
  this.timeout(60_000);
  let root: string;
  beforeEach(() => {
    root = fixtureWorkspace();
    writeLoansDataset(root);
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('writes model_card.json in the run folder, valid against the Model Card Toolkit schema, and exits 0', async () => {
    const { code, out } = await rml(root, 'card', '--run', BIASED_RUN, '--format', 'mct-json');
    assert.equal(code, EXIT_OK);
    const file = path.join(runDir(root, BIASED_RUN), 'model_card.json');
    assert.equal(
      out,
      `wrote .rml/runs/${BIASED_RUN}/model_card.json: Model Card Toolkit JSON, valid against schema v0.0.2, 42 performance metrics\n`,
    );
    const card = JSON.parse(readFileSync(file, 'utf8')) as { model_details: { version: { name: string } } };
    assert.deepEqual(modelCardToolkitErrors(card), []);
    assert.equal(card.model_details.version.name, BIASED_RUN);
    assert.equal(
      existsSync(path.join(runDir(root, BIASED_RUN), 'MODEL_CARD.md')),
      false,
      'the Markdown card is not written',
    );
  });

  it('writes where --out says, and leaves --format json meaning the Markdown card with a JSON summary', async () => {
    assert.equal((await rml(root, 'card', '--run', BIASED_RUN, '--format', 'mct-json', '--out', 'mc.json')).code, 0);
    assert.deepEqual(modelCardToolkitErrors(JSON.parse(readFileSync(path.join(root, 'mc.json'), 'utf8'))), []);
    const json = await rml(root, 'card', '--run', BIASED_RUN, '--format', 'json');
    assert.equal(json.code, EXIT_OK);
    assert.equal((JSON.parse(json.out) as { card: string }).card, `.rml/runs/${BIASED_RUN}/MODEL_CARD.md`);
  });

  it('exits 2 on a bad --format (naming the formats) or a missing run, and rml card --help lists mct-json', async () => {
    const bad = await rml(root, 'card', '--run', BIASED_RUN, '--format', 'mct');
    assert.equal(bad.code, EXIT_ERROR);
    assert.match(bad.err, /--format must be one of text, json, mct-json \(got 'mct'\)/);
    const missing = await rml(root, 'card', '--run', 'nope', '--format', 'mct-json');
    assert.equal(missing.code, EXIT_ERROR);
    assert.match(missing.err, /nope: not a run folder or the id of a run under \.rml\/runs/);
    const help = await rml(root, 'card', '--help');
    assert.match(
      help.out.replace(/\s+/g, ' '),
      /--format text\|json\|mct-json .*mct-json: the Model Card Toolkit JSON card/,
    );
    assert.match(help.out, /rml card --format mct-json --out model_card\.json/);
  });
});
