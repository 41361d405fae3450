/**
 * `npm run demo`: the packaged extension in a real VS Code (code-server 4.100.3 = VS Code 1.100.3) on the example
 * workspace, for a person to use in a browser. Reuses the end-to-end driver's pieces; runs until Ctrl-C.
 * The workspace is a fresh copy outside the repository (<tmp>/responsible-ml-demo/), so the fixtures stay clean and
 * VS Code does not offer the repository's git as the workspace's. Env: RML_DEMO_PORT (default 8080), RML_DEMO_DIR.
 */
import { cpSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { installExtension, startCodeServer, writeProfileSettings, type CodeServerProfile } from './lib/codeServer';
import { readDriverOptions, REPO_ROOT } from './lib/options';

async function main(): Promise<void> {
  const options = readDriverOptions();
  const demoDir = process.env['RML_DEMO_DIR'] ?? path.join(tmpdir(), 'responsible-ml-demo');
  if (isInside(demoDir, REPO_ROOT)) throw new Error(`RML_DEMO_DIR must be outside the repository (${REPO_ROOT})`);
  rmSync(demoDir, { recursive: true, force: true });
  const profile: CodeServerProfile = {
    entry: options.codeServerEntry,
    extensionsDir: path.join(demoDir, 'extensions'),
    userDataDir: path.join(demoDir, 'user-data'),
    xdgDir: path.join(demoDir, 'xdg'),
  };
  writeProfileSettings(profile);
  await installExtension(profile, options.vsixPath, options.extensionId);
  const workspace = path.join(demoDir, 'workspace');
  cpSync(options.fixtureWorkspace, workspace, { recursive: true });
  mkdirSync(path.join(demoDir, 'logs'), { recursive: true });
  const port = Number(process.env['RML_DEMO_PORT'] ?? 8080);
  const server = await startCodeServer(profile, workspace, {}, path.join(demoDir, 'logs', 'code-server.log'), port);
  console.log(`Responsible ML ${path.basename(options.vsixPath)} is running in VS Code 1.100.3 (code-server).`);
  console.log(
    `Open ${server.url}/?folder=${encodeURIComponent(workspace)} in a browser, then data/customers.csv, data/hiring.csv, data/adult-census.csv (UCI Adult, as it comes) or prompts/support.prompt.`,
  );
  console.log('Ctrl-C stops it.');
  const stop = () => void server.stop().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

function isInside(dir: string, root: string): boolean {
  const relative = path.relative(root, path.resolve(dir));
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}

main().catch((error: unknown) => {
  console.error(`demo: ${(error as Error).message}`);
  process.exit(1);
});
