import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * The compile cache of the launchers (src/engine/io/compileCache.ts), in child processes of this Node: a bundle
 * loaded through it runs as `require` would run it, its cache is written once and then used, and a bad or stale
 * cache costs nothing but a compile. On Node 22.1 and later the launchers use Node's own cache, so the cache files
 * checked here exist only before it.
 */
const LOADER = path.resolve(__dirname, '../../../src/engine/io/compileCache.ts');
const ownCache = typeof (require('node:module') as { enableCompileCache?: unknown }).enableCompileCache !== 'function';

describe('compile cache (launchers)', function () {
  this.timeout(60_000);
  let dir: string;
  let tmp: string;

  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'rml-cc-bundle-'));
    tmp = mkdtempSync(path.join(os.tmpdir(), 'rml-cc-tmp-'));
    writeFileSync(path.join(dir, 'helper.js'), 'module.exports = (x) => x * 2;\n');
    writeBundle('');
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
    rmSync(tmp, { recursive: true, force: true });
  });

  function writeBundle(extra: string): void {
    writeFileSync(
      path.join(dir, 'bundle.js'),
      [
        '"use strict";',
        'const double = require("./helper.js");',
        'const path = require("node:path");',
        'function answer() { return double(21); }',
        extra,
        'module.exports = { answer, dir: path.basename(__dirname), file: path.basename(__filename),',
        '  self: require.cache[__filename] === module, main: require.main === process.mainModule };',
      ].join('\n'),
    );
  }

  /** Loads the bundle in a child process and prints what it exports. */
  function load(env: NodeJS.ProcessEnv = {}): Record<string, unknown> {
    const script = [
      `const exported = require(${JSON.stringify(LOADER)}).loadWithCompileCache(${JSON.stringify(dir)}, 'bundle.js');`,
      'console.log(JSON.stringify({ ...exported, answer: exported.answer() }));',
    ].join('\n');
    const out = execFileSync(process.execPath, ['--require', 'tsx/cjs', '-e', script], {
      timeout: 30_000,
      env: { ...process.env, TMPDIR: tmp, TMP: tmp, TEMP: tmp, NODE_DISABLE_COMPILE_CACHE: '', ...env },
      encoding: 'utf8',
    });
    return JSON.parse(out) as Record<string, unknown>;
  }

  function cacheFiles(): string[] {
    const found: string[] = [];
    const walk = (folder: string) => {
      for (const entry of readdirSync(folder, { withFileTypes: true })) {
        const full = path.join(folder, entry.name);
        if (entry.isDirectory()) walk(full);
        else if (full.endsWith('.bin')) found.push(full);
      }
    };
    walk(tmp);
    return found;
  }

  const expected = { answer: 42, file: 'bundle.js', self: true, main: true };

  it('runs the bundle as require would: its own require, __dirname, __filename and module', () => {
    const exported = load();
    assert.deepEqual({ ...exported, dir: undefined }, { ...expected, dir: undefined });
    assert.equal(exported.dir, path.basename(dir));
  });

  (ownCache ? it : it.skip)('writes the cache once, then uses it without writing it again', () => {
    load();
    const [cache, ...more] = cacheFiles();
    assert.ok(cache, 'a cache file after the first run');
    assert.deepEqual(more, []);
    assert.match(path.basename(cache), /^bundle-[0-9a-f]{16}\.bin$/);
    const first = statSync(cache);
    assert.ok(first.size > 0);
    assert.deepEqual({ ...load(), dir: undefined }, { ...expected, dir: undefined });
    const second = statSync(cache);
    // A cache V8 turned down would be written again, through a new file renamed over it.
    assert.equal(second.ino, first.ino);
    assert.equal(second.mtimeMs, first.mtimeMs);
    assert.deepEqual(cacheFiles(), [cache]);
  });

  (ownCache ? it : it.skip)('a damaged cache is compiled around and written anew', () => {
    load();
    const [cache] = cacheFiles();
    writeFileSync(cache!, 'not a code cache');
    assert.deepEqual({ ...load(), dir: undefined }, { ...expected, dir: undefined });
    assert.ok(statSync(cache!).size > 'not a code cache'.length, 'the cache was made again');
  });

  (ownCache ? it : it.skip)('an edited bundle gets a cache of its own', () => {
    load();
    const [before] = cacheFiles();
    writeBundle('function unused() { return 1; }');
    assert.deepEqual({ ...load(), dir: undefined }, { ...expected, dir: undefined });
    const after = cacheFiles();
    assert.equal(after.length, 2);
    assert.ok(after.includes(before!));
  });

  it('a temporary folder it cannot make the cache in costs only the cache', () => {
    // A file where the cache's folder should be: making the folders below it fails. (A TMPDIR under /proc, where
    // Node 20's recursive mkdirSync loops forever, hangs tsx's own cache before the loader runs, so that one is
    // checked on the built CLI by hand: `TMPDIR=/proc/x rml --version`.)
    const user = typeof process.getuid === 'function' ? process.getuid() : 'user';
    writeFileSync(path.join(tmp, `rml-compile-cache-${user}`), '');
    const exported = load();
    assert.deepEqual({ ...exported, dir: undefined }, { ...expected, dir: undefined });
    assert.deepEqual(cacheFiles(), []);
  });

  it('NODE_DISABLE_COMPILE_CACHE leaves no cache', () => {
    assert.deepEqual({ ...load({ NODE_DISABLE_COMPILE_CACHE: '1' }), dir: undefined }, { ...expected, dir: undefined });
    assert.deepEqual(cacheFiles(), []);
  });
});
