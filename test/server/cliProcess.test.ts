import { strict as assert } from 'node:assert';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
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
    // Far more output than a pipe buffers (64 KiB), so the scan is still writing when the reader goes.
    const dir = mkdtempSync(path.join(os.tmpdir(), 'rml-pipe-'));
    const rows = Array.from({ length: 20_000 }, (_, i) => `${i},user${i}@example.org`);
    writeFileSync(path.join(dir, 'many.csv'), `id,email\n${rows.join('\n')}\n`);
    const child = spawn(process.execPath, [CLI, 'scan', path.join(dir, 'many.csv'), '--fail-on', 'none'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdout.once('data', () => child.stdout.destroy());
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    rmSync(dir, { recursive: true, force: true });
    assert.equal(stderr, '');
    assert.equal(code, 0);
  });
  it('keeps its compiled code in a cache between runs, and answers the same from it', () => {
    const cache = mkdtempSync(path.join(os.tmpdir(), 'rml-compile-cache-'));
    // Node 22.1+ caches with module.enableCompileCache (NODE_COMPILE_CACHE names the folder), older Node in the
    // temporary folder (src/engine/io/compileCache.ts).
    const env = { ...process.env, NODE_COMPILE_CACHE: cache, TMPDIR: cache };
    const scan = () =>
      spawnSync(process.execPath, [CLI, 'scan', WORKSPACE, '--format', 'json', '--fail-on', 'none'], {
        encoding: 'utf8',
        env,
      });
    const cold = scan();
    const stored = readdirSync(cache, { recursive: true });
    const warm = scan();
    rmSync(cache, { recursive: true, force: true });
    assert.equal(cold.status, 0, cold.stderr);
    assert.ok(stored.length > 0, 'the first run stored compiled code');
    assert.equal(warm.status, 0, warm.stderr);
    assert.equal(warm.stdout, cold.stdout);
  });
});
