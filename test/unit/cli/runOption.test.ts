import { strict as assert } from 'node:assert';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { CliIo } from '../../../src/cli/io';
import { runDirOption } from '../../../src/cli/runOption';
import type { RunStatus } from '../../../src/shared/runs';

function run(root: string, id: string, state: RunStatus['state']): void {
  const dir = path.join(root, '.rml', 'runs', id);
  mkdirSync(dir, { recursive: true });
  const at = '2026-12-02T10:00:00.000Z';
  const status: RunStatus = { state, startedAt: at, updatedAt: at, epochsCompleted: 1, epochs: 1 };
  writeFileSync(path.join(dir, 'status.json'), JSON.stringify(status));
}

describe('rml: the run a command works on', () => {
  let root = '';
  let err: string[] = [];
  const io = (): CliIo => ({ cwd: root, stdout: () => undefined, stderr: (text) => err.push(text) });
  beforeEach(() => {
    root = mkdtempSync(path.join(os.tmpdir(), 'rml-run-option-'));
    err = [];
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('is the latest completed run when --run is left out, and says which', async () => {
    run(root, '20261202-090000-aaaaaa', 'completed');
    run(root, '20261202-100000-bbbbbb', 'completed');
    run(root, '20261202-110000-cccccc', 'failed');
    assert.equal(await runDirOption(undefined, io()), path.join(root, '.rml', 'runs', '20261202-100000-bbbbbb'));
    assert.match(err.join(''), /the latest completed run, 20261202-100000-bbbbbb \(--run chooses another\)/);
  });

  it('is the run --run names, as a folder or an id, and a clear error otherwise', async () => {
    run(root, '20261202-090000-aaaaaa', 'completed');
    const dir = path.join(root, '.rml', 'runs', '20261202-090000-aaaaaa');
    assert.equal(await runDirOption('20261202-090000-aaaaaa', io()), dir);
    assert.equal(await runDirOption(dir, io()), dir);
    await assert.rejects(runDirOption('nope', io()), /nope: not a run folder or the id of a run under \.rml\/runs/);
    rmSync(path.join(root, '.rml'), { recursive: true });
    await assert.rejects(
      runDirOption(undefined, io()),
      /no completed run under .*: train one \(rml train FILE\) or give --run DIR/,
    );
  });
});
