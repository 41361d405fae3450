/**
 * code-server (VS Code 1.100 served to a browser, extensions in a Node extension host), installed by
 * test/e2e/install-code-server.sh: install a .vsix into a fresh extensions folder, start it on a free port, stop it.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';

export interface CodeServerProfile {
  entry: string;
  extensionsDir: string;
  userDataDir: string;
  /** code-server writes a config file and state under XDG folders: keep them in the run's temporary folder. */
  xdgDir: string;
}

export interface RunningCodeServer {
  url: string;
  /** null while it runs. */
  exitCode(): number | null;
  /** code-server's log line saying the extension host process exited, once it has. */
  extensionHostExit(): string | undefined;
  stop(): Promise<void>;
}

// The web workbench does not pass the suite's outcome on; the extension host just exits (code 0, even when the suite
// threw while loading). Seeing this line before a result means no result will come.
const EXTENSION_HOST_EXITED = /Extension Host Process exited[^\n]*/;

/** Installs the package with code-server's own `--install-extension` and returns the installed extension's folder. */
export async function installExtension(
  profile: CodeServerProfile,
  vsixPath: string,
  extensionId: string,
): Promise<string> {
  const output: string[] = [];
  const child = spawn(
    process.execPath,
    [profile.entry, ...profileArguments(profile), '--install-extension', vsixPath],
    {
      env: profileEnvironment(profile, {}),
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  child.stdout.on('data', (chunk: Buffer) => output.push(chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => output.push(chunk.toString()));
  const exitCode = await new Promise<number | null>((resolve, reject) => {
    child.on('error', reject);
    child.on('exit', resolve);
  });
  const prefix = `${extensionId.toLowerCase()}-`;
  const installed = existsSync(profile.extensionsDir)
    ? readdirSync(profile.extensionsDir).find((name) => name.toLowerCase().startsWith(prefix))
    : undefined;
  if (exitCode !== 0 || installed === undefined) {
    throw new Error(
      `installing ${vsixPath} did not produce extension ${extensionId} in ${profile.extensionsDir} ` +
        `(exit code ${exitCode}; is E2E_EXTENSION_ID right?):\n${output.join('')}`,
    );
  }
  return path.join(profile.extensionsDir, installed);
}

/**
 * Starts code-server in its own process group (so stop() also ends its extension host and helpers) and resolves once
 * its HTTP port answers. `environment` reaches the extension host, which inherits code-server's environment.
 */
export async function startCodeServer(
  profile: CodeServerProfile,
  workspaceDir: string,
  environment: Record<string, string>,
  logFile: string,
  requestedPort?: number,
): Promise<RunningCodeServer> {
  const port = requestedPort ?? (await freePort());
  const args = [
    ...profileArguments(profile),
    '--auth',
    'none',
    '--bind-addr',
    `127.0.0.1:${port}`,
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    workspaceDir,
  ];
  const log = createWriteStream(logFile);
  const child = spawn(process.execPath, [profile.entry, ...args], {
    env: profileEnvironment(profile, environment),
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  child.stdout.pipe(log);
  child.stderr.pipe(log);
  let extensionHostExit: string | undefined;
  child.stdout.on('data', (chunk: Buffer) => {
    extensionHostExit ??= EXTENSION_HOST_EXITED.exec(chunk.toString())?.[0];
  });
  const url = `http://127.0.0.1:${port}`;
  const running: RunningCodeServer = {
    url,
    exitCode: () => child.exitCode,
    extensionHostExit: () => extensionHostExit,
    stop: () => stopProcessGroup(child),
  };
  try {
    await waitUntilAnswering(`${url}/healthz`, child, 60_000);
  } catch (error) {
    await running.stop();
    throw new Error(`${(error as Error).message} (code-server log: ${logFile})`);
  }
  return running;
}

/**
 * What a person trying the product (and the journeys) should see first: the workspace, not VS Code's welcome page
 * or walkthrough stealing the focus, and no "a git repository was found in the parent folders" prompt.
 */
export const PROFILE_SETTINGS = {
  'workbench.startupEditor': 'none',
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'workbench.tips.enabled': false,
  'git.openRepositoryInParentFolders': 'never',
  'extensions.ignoreRecommendations': true,
  'telemetry.telemetryLevel': 'off',
} as const;

/** Writes the profile's user settings (before code-server starts, which reads them once). */
export function writeProfileSettings(profile: CodeServerProfile, extra: Record<string, unknown> = {}): void {
  const file = path.join(profile.userDataDir, 'User', 'settings.json');
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify({ ...PROFILE_SETTINGS, ...extra }, null, 2)}\n`);
}

function profileArguments(profile: CodeServerProfile): string[] {
  return ['--extensions-dir', profile.extensionsDir, '--user-data-dir', profile.userDataDir];
}

function profileEnvironment(profile: CodeServerProfile, extra: Record<string, string>): NodeJS.ProcessEnv {
  return {
    ...process.env,
    XDG_CONFIG_HOME: path.join(profile.xdgDir, 'config'),
    XDG_DATA_HOME: path.join(profile.xdgDir, 'data'),
    ...extra,
  };
}

/** Asks the OS for an unused port. Another process could take it before code-server binds; startup then fails loudly. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('could not find a free TCP port');
  return address.port;
}

async function waitUntilAnswering(url: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`code-server exited with code ${child.exitCode} before answering`);
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2_000) });
      if (response.ok) return;
    } catch {
      // Not listening yet: poll again.
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`code-server did not answer ${url} within ${timeoutMs / 1000} s`);
}

/** SIGTERM to the whole group, SIGKILL after a grace period; resolves when the group leader has exited. */
async function stopProcessGroup(child: ChildProcess): Promise<void> {
  if (child.pid === undefined) return;
  const exited = new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once('exit', () => resolve());
  });
  signalGroup(child.pid, 'SIGTERM');
  const graceful = await Promise.race([exited.then(() => true), gracePeriod(5_000)]);
  // Helpers (extension host, file watcher, pty host) may outlive the leader: make sure the whole group is gone.
  signalGroup(child.pid, 'SIGKILL');
  if (!graceful) await exited;
}

function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ESRCH') throw error;
  }
}

/** Resolves false after `ms`, without keeping the driver alive for it. */
function gracePeriod(ms: number): Promise<boolean> {
  return new Promise((resolve) => setTimeout(() => resolve(false), ms).unref());
}
