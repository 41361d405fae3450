import { existsSync, readdirSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';

/**
 * The native TensorFlow bindings, GPU first, and Dawn for Node (WebGPU). The bindings are never bundled: installed
 * in the extension's global storage; Dawn's linux-x64 binary ships in the .vsix, other platforms install it there.
 */
export const NATIVE_PACKAGES = {
  gpu: '@tensorflow/tfjs-node-gpu',
  cpu: '@tensorflow/tfjs-node',
  dawn: 'webgpu',
} as const;

export type NativePackage = (typeof NATIVE_PACKAGES)[keyof typeof NATIVE_PACKAGES];

/** Platforms the packages publish prebuilt libtensorflow for (tfjs-node `scripts/deps-constants.js`). */
const SUPPORTED_PLATFORMS: Record<NativePackage, readonly string[]> = {
  '@tensorflow/tfjs-node-gpu': ['linux-x64', 'win32-x64'],
  '@tensorflow/tfjs-node': ['linux-x64', 'linux-arm64', 'darwin-x64', 'darwin-arm64', 'win32-x64'],
  // The binaries in the webgpu package's dist/ (darwin's is universal).
  webgpu: ['linux-x64', 'darwin-x64', 'darwin-arm64', 'win32-x64'],
};

export function platformSupports(
  packageName: NativePackage,
  platform = `${process.platform}-${process.arch}`,
): boolean {
  return SUPPORTED_PLATFORMS[packageName].includes(platform);
}

/**
 * Where `packageName` resolves from: each extra directory (an `npm install --prefix DIR` target) first, then the
 * directory this module was loaded from (the extension's own node_modules). Undefined when it is installed nowhere.
 */
export function resolveNativePackage(packageName: string, extraModuleDirs: readonly string[]): string | undefined {
  const bases = [...extraModuleDirs.map((dir) => path.join(path.resolve(dir), 'package.json')), __filename];
  for (const base of bases) {
    try {
      return createRequire(base).resolve(packageName);
    } catch {
      // Not under this base; try the next one.
    }
  }
  return undefined;
}

/** Loads a resolved native package; loading it registers the `tensorflow` backend with the shared tfjs engine. */
export function requireNativePackage(resolvedPath: string): { version?: string } {
  return createRequire(resolvedPath)(resolvedPath) as { version?: string };
}

/** The CUDA runtime libraries tfjs-node-gpu 4.x links against (CUDA 11.8, cuDNN 8.6). */
const CUDA_LIBRARIES: Record<string, RegExp[]> = {
  linux: [/^libcudart\.so\.11/, /^libcudnn\.so\.8/],
  win32: [/^cudart64_11\d*\.dll$/i, /^cudnn64_8\.dll$/i],
};

/**
 * The CUDA libraries that cannot be found on the library search path. libtensorflow opens them lazily, so a missing
 * one does not make the package fail to load: it silently trains on the CPU. Checking first lets us say so.
 */
export function missingCudaLibraries(env: NodeJS.ProcessEnv = process.env, platform = process.platform): string[] {
  const wanted = CUDA_LIBRARIES[platform];
  if (!wanted) return ['CUDA (unsupported platform)'];
  const names = libraryNamesOnSearchPath(env, platform);
  return wanted.filter((pattern) => !names.some((name) => pattern.test(name))).map((pattern) => pattern.source);
}

/** Whether a shared library matching `pattern` is on the library search path (or in the system's cache). */
export function hasSharedLibrary(
  pattern: RegExp,
  env: NodeJS.ProcessEnv = process.env,
  platform = process.platform,
): boolean {
  return libraryNamesOnSearchPath(env, platform).some((name) => pattern.test(name));
}

function libraryNamesOnSearchPath(env: NodeJS.ProcessEnv, platform: string): string[] {
  const separator = platform === 'win32' ? ';' : ':';
  const variable = platform === 'win32' ? env.PATH : env.LD_LIBRARY_PATH;
  const dirs = [...(variable ?? '').split(separator), '/usr/local/cuda/lib64', '/usr/lib/x86_64-linux-gnu'];
  const names = dirs.filter((dir) => dir && existsSync(dir)).flatMap((dir) => safeReaddir(dir));
  if (platform === 'linux') names.push(...ldconfigNames());
  return names;
}

function safeReaddir(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}

/** `ldconfig -p` lists the system's shared-library cache; absent or failing, we rely on the directory scan. */
function ldconfigNames(): string[] {
  try {
    const output = execFileSync('ldconfig', ['-p'], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
      timeout: 5000,
    });
    return output
      .split('\n')
      .map((line) => line.trim().split(' ')[0] ?? '')
      .filter((name) => name.length > 0);
  } catch {
    return [];
  }
}
