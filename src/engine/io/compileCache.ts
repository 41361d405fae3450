import Module from 'node:module';
import path from 'node:path';

/**
 * Loads a process's bundle from `directory` with a compile cache on: what `dist/cli.js` and `dist/server.js` do
 * before anything else (`src/cli/launch.ts`, `src/server/launch.ts`).
 *
 * V8 compiles a bundle of several MB on every start: about half of what `rml scan` of a small file costs (CI runs
 * it on every pull request), and a third of the language server's start. A code cache keeps the compiled code
 * between runs: Node's own from 22.1 (`module.enableCompileCache`), the `v8-compile-cache` package before (what
 * ESLint and Yarn used). Both write only to the user's temporary folder, use cached code only when it matches the
 * source and the V8 version, and compile as before when anything is off. `NODE_DISABLE_COMPILE_CACHE` and
 * `DISABLE_V8_COMPILE_CACHE` switch them off.
 */
export function loadWithCompileCache(directory: string, bundle: string): unknown {
  const enableCompileCache = (Module as { enableCompileCache?: () => unknown }).enableCompileCache;
  if (typeof enableCompileCache === 'function') enableCompileCache();
  else require('v8-compile-cache');
  // A computed path, so that the bundler leaves the bundle in its own file: it must be compiled after this.
  return require(path.join(directory, bundle)) as unknown;
}
