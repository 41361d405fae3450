// Only the version string: importing tfjs itself would put all of it into the extension host's bundle.
import { version as bundledTfjsVersion } from '@tensorflow/tfjs/package.json';
import { spawn } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { NATIVE_PACKAGES, platformSupports, resolveNativePackage, type NativePackage } from './nativeModule';

export interface InstallNativeBackendOptions {
  /** Default: the CUDA package where it has a build (linux-x64, win32-x64), else the CPU one. */
  packageName?: NativePackage;
  /** Where to install (`npm install --prefix targetDir`): the extension's global storage. */
  targetDir: string;
  /** Default `npm` (`npm.cmd` on Windows). */
  npmCommand?: string;
  /** Default: the version of the bundled tfjs, so both share one engine. */
  version?: string;
  signal?: AbortSignal;
  /** npm's output, line by line. */
  onProgress?(line: string): void;
}

export interface InstalledNativeBackend {
  packageName: NativePackage;
  targetDir: string;
  /** The module's entry point, as `selectBackend` will resolve it with `extraModuleDirs: [targetDir]`. */
  resolvedPath: string;
}

/** npm output that means the network is unreachable, for libtensorflow's download as for the registry. */
const OFFLINE = /ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ECONNRESET|ETIMEDOUT|ENETUNREACH|network request|getaddrinfo/i;

/**
 * Installs the native TensorFlow backend with npm as a child process (the command behind "Responsible ML: Enable
 * GPU Acceleration"). Its install script downloads libtensorflow, so it needs the network; offline, the error says
 * so and names the command to run by hand.
 */
export async function installNativeBackend(options: InstallNativeBackendOptions): Promise<InstalledNativeBackend> {
  const packageName = options.packageName ?? (platformSupports(NATIVE_PACKAGES.gpu) ? NATIVE_PACKAGES.gpu : NATIVE_PACKAGES.cpu);
  if (!platformSupports(packageName)) throw new Error(`${packageName} has no build for ${process.platform}-${process.arch}`);
  const spec = `${packageName}@${options.version ?? bundledTfjsVersion}`;
  const npm = options.npmCommand ?? (process.platform === 'win32' ? 'npm.cmd' : 'npm');
  const args = ['install', '--prefix', options.targetDir, '--no-audit', '--no-fund', spec];
  await mkdir(options.targetDir, { recursive: true });
  const output = await runNpm(npm, args, options);
  const byHand = `${npm} ${args.join(' ')}`;
  if (output.code !== 0) {
    const said = output.lines.filter((line) => /ERR|error/i.test(line)).slice(-3).join(' | ') || output.lines.slice(-3).join(' | ');
    if (OFFLINE.test(output.lines.join('\n'))) {
      throw new Error(`cannot install ${spec}: no network connection (npm: ${said}). Connect and retry, or run: ${byHand}`);
    }
    throw new Error(`npm failed to install ${spec} (exit code ${output.code}): ${said}. To retry by hand: ${byHand}`);
  }
  const resolvedPath = resolveNativePackage(packageName, [options.targetDir]);
  if (!resolvedPath) throw new Error(`npm reported success but ${packageName} is not in ${options.targetDir}/node_modules`);
  return { packageName, targetDir: options.targetDir, resolvedPath };
}

function runNpm(npm: string, args: string[], options: InstallNativeBackendOptions): Promise<{ code: number; lines: string[] }> {
  return new Promise((resolve, reject) => {
    const child = spawn(npm, args, { shell: process.platform === 'win32', stdio: ['ignore', 'pipe', 'pipe'], ...(options.signal ? { signal: options.signal } : {}) });
    const lines: string[] = [];
    for (const stream of [child.stdout, child.stderr]) {
      createInterface({ input: stream }).on('line', (line) => {
        lines.push(line);
        options.onProgress?.(line);
      });
    }
    child.on('error', (error: NodeJS.ErrnoException) => {
      if (error.name === 'AbortError') reject(new Error('installation cancelled'));
      else if (error.code === 'ENOENT') reject(new Error(`'${npm}' not found: install Node.js with npm, or set the npm command`));
      else reject(error);
    });
    child.on('close', (code) => resolve({ code: code ?? 1, lines }));
  });
}
