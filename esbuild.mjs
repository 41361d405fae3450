// Bundles every process of the product: one esbuild context per bundle (extension host, language server,
// CLI, training worker, webviews, the end-to-end suite). Type checking is separate (`npm run typecheck`).
// Usage: node esbuild.mjs [--watch] [--production]
import asc from 'assemblyscript/asc';
import * as esbuild from 'esbuild';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const watch = process.argv.includes('--watch');
const production = process.argv.includes('--production');

// Native TensorFlow bindings are optional, platform-specific and installed at run time (Enable GPU Acceleration):
// they must never be bundled.
const nativeTensorflow = ['@tensorflow/tfjs-node-gpu', '@tensorflow/tfjs-node'];

const nodeBundle = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: production ? false : 'linked',
  minify: production,
  logLevel: 'warning',
  external: ['vscode', ...nativeTensorflow],
  // Prefer ES module builds: jsonc-parser's UMD build hides its requires from the bundler.
  mainFields: ['module', 'main'],
  // Some ESM-only dependencies (unified, retext) read import.meta.url; give them the CommonJS equivalent.
  define: { 'import.meta.url': 'importMetaUrl' },
  banner: { js: "const importMetaUrl = require('url').pathToFileURL(__filename).href;" },
  metafile: true,
  plugins: [asciiOnly(), encodingsApart()],
  // `import()` of what stays outside the bundle (secretlint's PKCS#12 rule imports node:fs so) becomes `require`:
  // the launchers compile a bundle as a vm.Script (src/engine/io/compileCache.ts), which has no loader for import().
  supported: { 'dynamic-import': false },
};

/**
 * gpt-tokenizer's encodings, 7.5 MB of BPE ranks that only the chat checks' token counts and the transformer's
 * tokens use (src/engine/chat/tokens.ts loads one on its first count), in bundles of their own, dist/<name>.js:
 * in the bundle they were half of cliMain.js and fileScanWorker.js, read, hashed by the compile cache and
 * compiled on every start (`rml --version` 0.12 -> 0.10 s; a file scan worker's compile 50 -> 28 ms).
 */
const ENCODINGS = { cl100k_base: 'tokenizerCl100k', o200k_base: 'tokenizerO200k' };

function encodingsApart() {
  return {
    name: 'encodings-apart',
    setup(build) {
      build.onResolve({ filter: /^gpt-tokenizer\/encoding\/\w+$/ }, ({ path: wanted, kind }) => {
        const bundle = ENCODINGS[wanted.slice('gpt-tokenizer/encoding/'.length)];
        // The bundle's own require finds it next to the bundle at run time.
        return bundle && kind !== 'entry-point' ? { path: `./${bundle}.js`, external: true } : undefined;
      });
    },
  };
}

/**
 * Escapes what non-ASCII esbuild leaves in a bundle (it escapes strings and names, not comments or regular
 * expression literals: a regex's `’`, `é` or `🔓`, a comment's `—`). One such character makes V8 hold the whole
 * source as two bytes per character, and Node decode it as UTF-8 on every start: `rml --version` took 0.14 s with
 * the 15.7 MB cliMain.js so, 0.11 s all ASCII. Each UTF-16 unit becomes `\uXXXX`, the same in a comment and in a
 * regex (with or without the u flag a pair of escaped surrogates is the one character); upper-case hex, so that a
 * regex's source spells no new lower-case word (prompt/obfuscation.ts reads words from sources). Columns of the
 * source map shift on those few lines.
 */
function asciiOnly() {
  return {
    name: 'ascii-only',
    setup(build) {
      build.onEnd((result) => {
        for (const file of Object.keys(result.metafile?.outputs ?? {}).filter((name) => name.endsWith('.js'))) {
          const code = readFileSync(file, 'utf8');
          if (!/[^\0-\x7f]/.test(code)) continue;
          // Neither may be escaped: a line separator would end a // comment, an escaped character (`\é`) gain a backslash.
          if (/[\u2028\u2029]|(?<!\\)(?:\\\\)*\\[^\0-\x7f]/.test(code))
            throw new Error(`${file}: cannot escape its non-ASCII`);
          const escaped = code.replace(
            /[^\0-\x7f]/g,
            (c) => `\\u${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`,
          );
          writeFileSync(file, escaped);
        }
      });
    },
  };
}

/** @type {esbuild.BuildOptions[]} */
const bundles = [
  { ...nodeBundle, entryPoints: { extension: 'src/extension/main.ts' }, outdir: 'dist' },
  // dist/server.js and dist/cli.js load the process's bundle with a compile cache on (src/engine/io/compileCache.ts).
  { ...nodeBundle, entryPoints: { server: 'src/server/launch.ts' }, outdir: 'dist' },
  { ...nodeBundle, entryPoints: { serverMain: 'src/server/main.ts' }, outdir: 'dist' },
  { ...nodeBundle, entryPoints: { trainingWorker: 'src/engine/trainingWorker.ts' }, outdir: 'dist' },
  { ...nodeBundle, entryPoints: { analysisWorker: 'src/server/analysis/analysisWorker.ts' }, outdir: 'dist' },
  { ...nodeBundle, entryPoints: { attributionWorker: 'src/engine/attribution/worker/worker.ts' }, outdir: 'dist' },
  // Chunks of large tables, scanned beside the CLI and the language server (src/engine/scan/workerPool.ts); the
  // entry loads the worker's bundle with a compile cache on, as dist/cli.js does.
  { ...nodeBundle, entryPoints: { scanWorker: 'src/engine/scan/scanWorkerLaunch.ts' }, outdir: 'dist' },
  { ...nodeBundle, entryPoints: { scanWorkerMain: 'src/engine/scan/scanWorker.ts' }, outdir: 'dist' },
  // Whole small files, many of them, scanned beside the CLI and the language server (src/engine/scan/fileQueue.ts).
  { ...nodeBundle, entryPoints: { fileScanWorker: 'src/engine/scan/fileScanWorkerLaunch.ts' }, outdir: 'dist' },
  { ...nodeBundle, entryPoints: { fileScanWorkerMain: 'src/engine/scan/fileScanWorker.ts' }, outdir: 'dist' },
  {
    ...nodeBundle,
    entryPoints: { cli: 'src/cli/launch.ts' },
    outdir: 'dist',
    banner: { js: `#!/usr/bin/env node\n${nodeBundle.banner.js}` },
  },
  { ...nodeBundle, entryPoints: { cliMain: 'src/cli/main.ts' }, outdir: 'dist' },
  ...Object.entries(ENCODINGS).map(([name, bundle]) => ({
    ...nodeBundle,
    entryPoints: { [bundle]: `node_modules/gpt-tokenizer/esm/encoding/${name}.js` },
    outdir: 'dist',
  })),
  ...webviewBundles(),
  // The end-to-end suite runs inside VS Code's extension host; it is test code and never packaged.
  {
    ...nodeBundle,
    entryPoints: { suite: 'test/e2e/suite/index.ts' },
    outdir: 'out/e2e',
    // Not next to dist's encoding bundles: it keeps its own.
    plugins: [asciiOnly()],
    external: ['vscode', 'mocha'],
  },
].filter((options) => Object.values(options.entryPoints).every((entry) => existsSync(entry)));

function webviewBundles() {
  if (!existsSync('webviews')) return [];
  return readdirSync('webviews', { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(path.join('webviews', entry.name, 'main.ts')))
    .map((entry) => ({
      bundle: true,
      platform: 'browser',
      target: 'es2022',
      format: 'iife',
      sourcemap: production ? false : 'linked',
      minify: production,
      logLevel: 'warning',
      entryPoints: { [entry.name]: path.join('webviews', entry.name, 'main.ts') },
      outdir: 'dist/webviews',
    }));
}

/** The wasm backend loads its .wasm binaries from next to the bundle at run time. */
function copyWasmBinaries() {
  const from = 'node_modules/@tensorflow/tfjs-backend-wasm/dist';
  if (!existsSync(from)) return;
  mkdirSync('dist/wasm', { recursive: true });
  for (const file of readdirSync(from).filter((name) => name.endsWith('.wasm'))) {
    cpSync(path.join(from, file), path.join('dist/wasm', file));
  }
  // HiGHS (the LP solver of ExponentiatedGradient) loads highs.wasm from dist/wasm too.
  if (existsSync('node_modules/highs/build/highs.wasm'))
    cpSync('node_modules/highs/build/highs.wasm', 'dist/wasm/highs.wasm');
}

/**
 * Dawn for Node (the `webgpu` package) for linux-x64 goes into the .vsix as dist/node_modules/webgpu, where the
 * bundles' own require resolves it: 17.8 MB (6.0 MB compressed), for the platform of GPU servers and CI. The darwin
 * (19.2 MB) and win32 (10.5 + 4.7 MB) binaries would more than double the package for everyone; there
 * "Enable GPU Acceleration" installs the package instead (README, Training on the GPU).
 */
function copyDawnForLinux() {
  const from = 'node_modules/webgpu';
  const binary = 'dist/linux-x64.dawn.node';
  if (!existsSync(path.join(from, binary))) return;
  const to = 'dist/node_modules/webgpu';
  mkdirSync(path.join(to, 'dist'), { recursive: true });
  for (const file of ['package.json', 'LICENSE.md', binary]) cpSync(path.join(from, file), path.join(to, file));
}

/**
 * The CSV row kernel (src/engine/scan/kernel/csvRows.as.ts, AssemblyScript) compiled into a TypeScript module that
 * holds its WebAssembly as base64: the sources then run as they are (tests under tsx) and every bundle carries it,
 * with no file to find at run time. Written only when it changes; a test compiles the source with the options
 * recorded there and compares.
 */
async function buildCsvKernel() {
  const source = 'src/engine/scan/kernel/csvRows.as.ts';
  const target = 'src/engine/scan/kernel/csvRowsWasm.ts';
  const options = { optimizeLevel: 3, shrinkLevel: 0, runtime: 'stub', noAssert: true, enable: ['simd'] };
  const { binary, error, stderr } = await asc.compileString({ 'csvRows.ts': readFileSync(source, 'utf8') }, options);
  if (error || !binary) throw new Error(`${source}: ${error?.message ?? 'no binary'}\n${stderr.toString()}`);
  const module = [
    `// Generated by esbuild.mjs from csvRows.as.ts (AssemblyScript): do not edit. A test compiles it again and compares.`,
    `export const CSV_ROWS_WASM_OPTIONS = ${typeScriptLiteral(options)};`,
    `export const CSV_ROWS_WASM =`,
    `  '${Buffer.from(binary).toString('base64')}';`,
    '',
  ].join('\n');
  if (!existsSync(target) || readFileSync(target, 'utf8') !== module) writeFileSync(target, module);
}

/** `value` (plain data, objects at the top only) as TypeScript that Prettier leaves alone: a member per line. */
function typeScriptLiteral(value) {
  if (Array.isArray(value)) return `[${value.map(typeScriptLiteral).join(', ')}]`;
  if (typeof value === 'string') return `'${value}'`;
  if (typeof value !== 'object') return String(value);
  return `{\n${Object.entries(value)
    .map(([key, item]) => `  ${key}: ${typeScriptLiteral(item)},\n`)
    .join('')}}`;
}

copyWasmBinaries();
copyDawnForLinux();
await buildCsvKernel();
if (watch) {
  for (const options of bundles) {
    const context = await esbuild.context(options);
    await context.watch();
  }
  console.log(`watching ${bundles.length} bundles`);
} else {
  await Promise.all(bundles.map((options) => esbuild.build(options)));
  console.log(`built ${bundles.length} bundles${production ? ' (production)' : ''}`);
}
