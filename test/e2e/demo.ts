/**
 * `npm run demo`: the packaged extension in a real VS Code (code-server 4.100.3 = VS Code 1.100.3) on the example
 * workspace, for a person to use in a browser. Reuses the end-to-end driver's pieces; runs until Ctrl-C.
 * The workspace is a fresh copy under .vscode-test/demo/ so the repository's fixtures stay clean.
 * Env: RML_DEMO_PORT (default 8080).
 */
import { cpSync, mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { installExtension, startCodeServer, type CodeServerProfile } from './lib/codeServer';
import { readDriverOptions, REPO_ROOT } from './lib/options';

async function main(): Promise<void> {
  const options = readDriverOptions();
  const demoDir = path.join(REPO_ROOT, '.vscode-test', 'demo');
  rmSync(demoDir, { recursive: true, force: true });
  const profile: CodeServerProfile = {
    entry: options.codeServerEntry,
    extensionsDir: path.join(demoDir, 'extensions'),
    userDataDir: path.join(demoDir, 'user-data'),
    xdgDir: path.join(demoDir, 'xdg'),
  };
  await installExtension(profile, options.vsixPath, options.extensionId);
  const workspace = path.join(demoDir, 'workspace');
  cpSync(options.fixtureWorkspace, workspace, { recursive: true });
  mkdirSync(path.join(demoDir, 'logs'), { recursive: true });
  const port = Number(process.env['RML_DEMO_PORT'] ?? 8080);
  const server = await startCodeServer(profile, workspace, {}, path.join(demoDir, 'logs', 'code-server.log'), port);
  console.log(`Responsible ML ${path.basename(options.vsixPath)} is running in VS Code 1.100.3 (code-server).`);
  console.log(`Open ${server.url}/?folder=${encodeURIComponent(workspace)} in a browser, then data/customers.csv, data/hiring.csv or prompts/support.prompt.`);
  console.log('Ctrl-C stops it.');
  const stop = () => void server.stop().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(`demo: ${(error as Error).message}`);
  process.exit(1);
});
