/**
 * The driver's settings, from environment variables, and the checks that everything it needs is there before it
 * starts anything (each failure names the step that fixes it).
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

export const REPO_ROOT = path.resolve(__dirname, '..', '..', '..');

export interface DriverOptions {
  /** The packaged extension under test (E2E_VSIX; default: the newest responsible-ml-*.vsix in the repo root). */
  vsixPath: string;
  /** `publisher.name` of that extension (E2E_EXTENSION_ID; default: this repository's package.json). */
  extensionId: string;
  /** Whole-run time-out once the workbench opens (E2E_TIMEOUT_MS, default 5 minutes). */
  timeoutMs: number;
  /** Per-test mocha time-out (E2E_TEST_TIMEOUT_MS, default 60 s: the first activation starts a language server). */
  testTimeoutMs: number;
  /** Only tests whose title matches (E2E_GREP). */
  grep?: string;
  /** Keep the temporary folders for inspection (KEEP_E2E=1). */
  keepTemporaryFiles: boolean;
  codeServerEntry: string;
  chromiumPath: string;
  suiteBundle: string;
  /** Minimal extension given as extensionDevelopmentPath, so the extension under test is the installed .vsix. */
  harnessExtension: string;
  fixtureWorkspace: string;
  /** Screenshots and logs (git-ignored). */
  resultsDir: string;
}

export function readDriverOptions(env: NodeJS.ProcessEnv = process.env): DriverOptions {
  return {
    vsixPath: env.E2E_VSIX ? path.resolve(env.E2E_VSIX) : newestProductVsix(),
    extensionId: env.E2E_EXTENSION_ID ?? productExtensionId(),
    timeoutMs: positiveInteger(env, 'E2E_TIMEOUT_MS', 5 * 60_000),
    testTimeoutMs: positiveInteger(env, 'E2E_TEST_TIMEOUT_MS', 60_000),
    grep: env.E2E_GREP || undefined,
    keepTemporaryFiles: env.KEEP_E2E === '1',
    codeServerEntry: path.join(REPO_ROOT, '.vscode-test/code-server/node_modules/code-server/out/node/entry.js'),
    chromiumPath: env.E2E_CHROMIUM ?? '/usr/bin/chromium',
    suiteBundle: path.join(REPO_ROOT, 'out/e2e/suite.js'),
    harnessExtension: path.join(REPO_ROOT, 'test/e2e/harness'),
    fixtureWorkspace: path.join(REPO_ROOT, 'test/fixtures/example-workspace'),
    resultsDir: path.join(REPO_ROOT, 'test-results/e2e'),
  };
}

/** Throws one message listing every missing prerequisite and how to get it. */
export function checkPrerequisites(options: DriverOptions): void {
  const problems: string[] = [];
  if (!existsSync(options.vsixPath)) {
    problems.push(`no extension package at ${options.vsixPath} (run \`npm run package\`)`);
  }
  if (!existsSync(options.codeServerEntry))
    problems.push('code-server is not installed (run test/e2e/install-code-server.sh)');
  if (!existsSync(options.chromiumPath))
    problems.push(`no Chromium at ${options.chromiumPath} (run test/e2e/install-code-server.sh)`);
  const staleness = suiteBundleProblem(options.suiteBundle);
  if (staleness) problems.push(staleness);
  if (problems.length > 0) throw new Error(`cannot run the end-to-end tests:\n  - ${problems.join('\n  - ')}`);
}

function newestProductVsix(): string {
  const packages = readdirSync(REPO_ROOT)
    .filter((name) => /^responsible-ml-.*\.vsix$/.test(name))
    .map((name) => path.join(REPO_ROOT, name))
    .sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs);
  return packages[0] ?? path.join(REPO_ROOT, 'responsible-ml-<version>.vsix');
}

function productExtensionId(): string {
  const manifest = JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as {
    publisher: string;
    name: string;
  };
  return `${manifest.publisher}.${manifest.name}`;
}

/** The suite bundle must exist and be newer than every suite source, or the run would test old code. */
function suiteBundleProblem(bundle: string): string | undefined {
  if (!existsSync(bundle)) return `no suite bundle at ${bundle} (run \`npm run build\`)`;
  const bundleTime = statSync(bundle).mtimeMs;
  const sources = [path.join(REPO_ROOT, 'test/e2e/suite'), path.join(REPO_ROOT, 'test/e2e/protocol.ts')];
  const newer = sources.flatMap(listFiles).filter((file) => statSync(file).mtimeMs > bundleTime);
  if (newer.length === 0) return undefined;
  return `the suite bundle is older than ${path.relative(REPO_ROOT, newer[0] ?? '')} (run \`npm run build\`)`;
}

function listFiles(fileOrFolder: string): string[] {
  if (!statSync(fileOrFolder).isDirectory()) return [fileOrFolder];
  return readdirSync(fileOrFolder, { recursive: true, encoding: 'utf8' })
    .map((name) => path.join(fileOrFolder, name))
    .filter((file) => statSync(file).isFile());
}

function positiveInteger(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const text = env[name];
  if (text === undefined || text === '') return fallback;
  const value = Number(text);
  if (!Number.isInteger(value) || value <= 0) {
    throw new Error(`${name} must be a positive whole number of milliseconds, got "${text}"`);
  }
  return value;
}
