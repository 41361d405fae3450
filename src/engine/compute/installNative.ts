// Only the version string: importing tfjs itself would put all of it into the extension host's bundle.
import { version as bundledTfjsVersion } from '@tensorflow/tfjs/package.json';
import { version as bundledDawnVersion } from 'webgpu/package.json';
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
const NETWORK_CODE = /\b(ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ECONNRESET|ETIMEDOUT|ENETUNREACH|CERT_\w+|UNABLE_TO_\w+)\b/;
/** The host a failed request named: `getaddrinfo ENOTFOUND host`, `hostname: 'host'`, or a URL's. */
const HOST = /(?:getaddrinfo \w+ |hostname: ')([\w.-]+)|https?:\/\/([\w.-]+)/;
/** npm running a package's install script (tfjs-node's `scripts/install.js` downloads libtensorflow). */
const INSTALL_SCRIPT = /scripts\/install\.js|libtensorflow|node-pre-gyp/i;

/**
 * What went wrong, in words: which host could not be reached, and whether it was the npm registry (the package
 * itself) or the package's install script downloading libtensorflow, with the line that said so.
 */
export function describeNpmFailure(lines: readonly string[]): { offline: boolean; cause: string } {
  const text = lines.join('\n');
  const code = NETWORK_CODE.exec(text)?.[1];
  const failing =
    lines.find((line) => NETWORK_CODE.test(line) && HOST.test(line)) ?? lines.find((line) => NETWORK_CODE.test(line));
  const host = (failing && HOST.exec(failing)?.slice(1).find(Boolean)) ?? HOST.exec(text)?.slice(1).find(Boolean);
  const script = INSTALL_SCRIPT.test(text);
  const said = lines.filter((line) => /ERR|error/i.test(line) && !/Node\.js v|complete log/.test(line));
  if (!OFFLINE.test(text)) return { offline: false, cause: said.slice(-3).join(' | ') };
  const detail = (failing ?? said.at(-1) ?? '').replace(/^npm (?:error|ERR!)\s*/, '').trim();
  const where = host
    ? `could not reach ${host}${code ? ` (${code})` : ''}`
    : `a network request failed${code ? ` (${code})` : ''}`;
  const what = script
    ? `the package downloaded, but its install script ${where} while downloading libtensorflow`
    : `npm ${where} while downloading the package`;
  return { offline: true, cause: detail ? `${what}: ${detail}` : what };
}

/**
 * Installs the native TensorFlow backend with npm as a child process (the command behind "Responsible ML: Enable
 * GPU Acceleration"). Its install script downloads libtensorflow, so it needs the network; offline, the error says
 * so and names the command to run by hand.
 */
export async function installNativeBackend(options: InstallNativeBackendOptions): Promise<InstalledNativeBackend> {
  const packageName =
    options.packageName ?? (platformSupports(NATIVE_PACKAGES.gpu) ? NATIVE_PACKAGES.gpu : NATIVE_PACKAGES.cpu);
  if (!platformSupports(packageName))
    throw new Error(`${packageName} has no build for ${process.platform}-${process.arch}`);
  const bundledVersion = packageName === NATIVE_PACKAGES.dawn ? bundledDawnVersion : bundledTfjsVersion;
  const spec = `${packageName}@${options.version ?? bundledVersion}`;
  const npm = options.npmCommand ?? (process.platform === 'win32' ? 'npm.cmd' : 'npm');
  const args = ['install', '--prefix', options.targetDir, '--no-audit', '--no-fund', spec];
  await mkdir(options.targetDir, { recursive: true });
  const output = await runNpm(npm, args, options);
  const byHand = `${npm} ${args.join(' ')}`;
  if (output.code !== 0) {
    const failure = describeNpmFailure(output.lines);
    if (failure.offline)
      throw new Error(`cannot install ${spec}: ${failure.cause}. Connect and retry, or run: ${byHand}`);
    throw new Error(
      `npm failed to install ${spec} (exit code ${output.code}): ${failure.cause || output.lines.slice(-3).join(' | ')}. To retry by hand: ${byHand}`,
    );
  }
  const resolvedPath = resolveNativePackage(packageName, [options.targetDir]);
  if (!resolvedPath)
    throw new Error(`npm reported success but ${packageName} is not in ${options.targetDir}/node_modules`);
  return { packageName, targetDir: options.targetDir, resolvedPath };
}

function runNpm(
  npm: string,
  args: string[],
  options: InstallNativeBackendOptions,
): Promise<{ code: number; lines: string[] }> {
  return new Promise((resolve, reject) => {
    const child = spawn(npm, args, {
      shell: process.platform === 'win32',
      stdio: ['ignore', 'pipe', 'pipe'],
      ...(options.signal ? { signal: options.signal } : {}),
    });
    const lines: string[] = [];
    for (const stream of [child.stdout, child.stderr]) {
      createInterface({ input: stream }).on('line', (line) => {
        lines.push(line);
        options.onProgress?.(line);
      });
    }
    child.on('error', (error: NodeJS.ErrnoException) => {
      if (error.name === 'AbortError') reject(new Error('installation cancelled'));
      else if (error.code === 'ENOENT')
        reject(new Error(`'${npm}' not found: install Node.js with npm, or set the npm command`));
      else reject(error);
    });
    child.on('close', (code) => resolve({ code: code ?? 1, lines }));
  });
}
