import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import Module from 'node:module';
import os from 'node:os';
import path from 'node:path';
import vm from 'node:vm';

/**
 * Loads a process's bundle from `directory` with a compile cache on: what `dist/cli.js`, `dist/server.js` and the
 * scan workers' entries do before anything else (`src/cli/launch.ts`, `src/server/launch.ts`,
 * `src/engine/scan/*Launch.ts`).
 *
 * V8 compiles a bundle of several MB on every start: about half of what `rml scan` of a small file costs (CI runs
 * it on every pull request), and a third of the language server's start. A code cache keeps the compiled code
 * between runs. From Node 22.1 it is Node's own (`module.enableCompileCache`). Before, it is this file's: the
 * `v8-compile-cache` package made its cache as it compiled, so it held only the bundle's top level and none of the
 * functions a run compiles later, and it wrote its 8 MB again on every run (it asks V8 for new data each time).
 * Here the cache is made once the bundle has run a while (`WRITE_AFTER_MS`, or at exit if that is sooner), so it
 * holds what a run needs, and it is written only when there was none or V8 turned it down.
 *
 * The cache lives in the user's temporary folder, under the V8 version, and is named by a hash of the bundle's
 * bytes and the process's flags: an edited bundle gets a new one. V8 itself checks it against the source and its
 * flags and compiles as before when anything is off. `NODE_DISABLE_COMPILE_CACHE` and `DISABLE_V8_COMPILE_CACHE`
 * switch it off.
 */
export function loadWithCompileCache(directory: string, bundle: string): unknown {
  // A computed path, so that the bundler leaves the bundle in its own file: it must be compiled after this.
  const file = path.join(directory, bundle);
  const enableCompileCache = (Module as { enableCompileCache?: () => unknown }).enableCompileCache;
  if (process.env.NODE_DISABLE_COMPILE_CACHE || process.env.DISABLE_V8_COMPILE_CACHE) return require(file);
  if (typeof enableCompileCache === 'function') {
    enableCompileCache();
    return require(file);
  }
  return loadCached(file);
}

/** How long a bundle runs before its cache is made: by then a scan has compiled what it runs on every row. */
export const WRITE_AFTER_MS = 250;

/** Runs `file` as a CommonJS module compiled with its cache, and makes the cache if it had none that V8 took. */
function loadCached(file: string): unknown {
  const source = readFileSync(file);
  const cacheFile = cacheFileOf(file, source);
  const cachedData = readCache(cacheFile);
  const script = new vm.Script(Module.wrap(source.toString('utf8')), {
    filename: file,
    // No loader for import(): the bundles have none (esbuild.mjs turns it into require).
    ...(cachedData ? { cachedData } : {}),
  });
  if (!cachedData || script.cachedDataRejected) writeCacheLater(script, cacheFile);
  return runAsModule(script, file);
}

/** `…/rml-compile-cache-<user>/<V8>-<arch>/<bundle>-<hash of its bytes and the flags>.bin` */
function cacheFileOf(file: string, source: Buffer): string {
  const key = createHash('sha1').update(source).update(process.execArgv.join('\0')).digest('hex').slice(0, 16);
  const user = typeof process.getuid === 'function' ? process.getuid() : 'user';
  const folder = path.join(os.tmpdir(), `rml-compile-cache-${user}`, `${process.versions.v8}-${process.arch}`);
  return path.join(folder, `${path.basename(file, '.js')}-${key}.bin`);
}

function readCache(cacheFile: string): Buffer | undefined {
  try {
    return readFileSync(cacheFile);
  } catch {
    return undefined;
  }
}

/**
 * Makes the cache after `WRITE_AFTER_MS` or at exit, whichever is first, and writes it through a temporary file
 * renamed over it: processes that start together (a worker pool) each write a whole cache, and the last one stays.
 * A worker that is terminated first writes none; the next run tries again. Failing to write costs only speed.
 */
function writeCacheLater(script: vm.Script, cacheFile: string): void {
  let written = false;
  const write = () => {
    if (written) return;
    written = true;
    clearTimeout(timer);
    process.off('exit', write);
    const temporary = `${cacheFile}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
    try {
      makeFolders(path.dirname(cacheFile));
      writeFileSync(temporary, script.createCachedData());
      renameSync(temporary, cacheFile);
    } catch {
      removeQuietly(temporary);
    }
  };
  const timer = setTimeout(write, WRITE_AFTER_MS);
  timer.unref();
  process.on('exit', write);
}

/** `rmSync` with `force` still throws where a folder on the way is a file (ENOTDIR): nothing here may throw. */
function removeQuietly(file: string): void {
  try {
    rmSync(file, { force: true });
  } catch {
    // Nothing was written there.
  }
}

/**
 * The cache's folder and its parent, made one at a time below the temporary folder, which must exist. Not
 * `mkdirSync(…, { recursive: true })`: under /proc (a TMPDIR that points there) Node 20's loops forever.
 */
function makeFolders(folder: string): void {
  for (const each of [path.dirname(folder), folder]) {
    try {
      mkdirSync(each);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
}

/** What `require` does with a compiled CommonJS file: its module object, registered, given `require` and the rest. */
function runAsModule(script: vm.Script, file: string): unknown {
  const internals = Module as unknown as {
    _cache: Record<string, Module>;
    _nodeModulePaths(directory: string): string[];
  };
  const directory = path.dirname(file);
  const module = new Module(file, require.main);
  module.filename = file;
  module.paths = internals._nodeModulePaths(directory);
  internals._cache[file] = module;
  const localRequire = Module.createRequire(file);
  const wrapper = script.runInThisContext({ displayErrors: true }) as (...args: unknown[]) => void;
  wrapper.call(module.exports, module.exports, localRequire, module, file, directory);
  module.loaded = true;
  return module.exports;
}
