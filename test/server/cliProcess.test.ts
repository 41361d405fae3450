import { strict as assert } from 'node:assert';
import { spawn, spawnSync } from 'node:child_process';
import path from 'node:path';

const CLI = path.resolve('dist/cli.js');
const WORKSPACE = path.resolve('test/fixtures/example-workspace');

/** The built `rml` as CI runs it: a real process, real exit codes, real pipes. */
describe('rml as a process (dist/cli.js)', () => {
  it('exits 1 on findings at --fail-on, 0 below it, 2 on usage errors with the message on stderr', () => {
    assert.equal(spawnSync(process.execPath, [CLI, 'scan', WORKSPACE, '--fail-on', 'error']).status, 1);
    assert.equal(spawnSync(process.execPath, [CLI, 'scan', WORKSPACE, '--fail-on', 'none']).status, 0);
    const usage = spawnSync(process.execPath, [CLI, 'scan', '--format', 'xml', WORKSPACE], { encoding: 'utf8' });
    assert.equal(usage.status, 2);
    assert.match(usage.stderr, /--format must be one of text, json, sarif/);
    assert.equal(usage.stdout, '');
  });

  it('ends quietly with exit 0 when its reader closes the pipe early (`rml scan … | head -1`)', async () => {
    const child = spawn(process.execPath, [CLI, 'scan', WORKSPACE, '--fail-on', 'none'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdout.once('data', () => child.stdout.destroy());
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    assert.equal(stderr, '');
    assert.equal(code, 0);
  });
});
