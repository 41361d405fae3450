import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { hasSharedLibrary, resolveNativePackage } from './nativeModule';
import { BackendUnavailable, type GpuAdapter } from './types';

/** Dawn for Node: the npm package `webgpu`, whose `dist/` carries one prebuilt binary per platform. */
export const DAWN_PACKAGE = 'webgpu';

export const VULKAN_LOADER_FIX =
  'install the Vulkan loader: on Debian or Ubuntu `sudo apt-get install libvulkan1` (on other systems the package that provides libvulkan.so.1)';
export const VULKAN_DRIVER_FIX =
  "install your GPU's Vulkan driver (NVIDIA: the proprietary driver, and VK_DRIVER_FILES pointing at its ICD JSON if Vulkan does not find it; " +
  'AMD or Intel: mesa-vulkan-drivers from Mesa 24 or newer), or keep training on wasm';
export const CPU_ADAPTER_FIX =
  'to use it anyway set responsibleML.compute.backend to "webgpu" (rml: --backend webgpu); for speed, install your GPU\'s Vulkan driver';

/** The parts of the WebGPU API the loader touches (typed here: `@webgpu/types` would put DOM types in every file). */
export interface GpuLike {
  requestAdapter(options?: { powerPreference?: 'high-performance' | 'low-power' }): Promise<AdapterLike | null>;
}

export interface AdapterLike {
  info: { vendor: string; architecture: string; description: string; device?: string; isFallbackAdapter?: boolean };
  features: ReadonlySet<string>;
  limits: Readonly<Record<string, number>>;
  requestDevice(descriptor?: {
    requiredFeatures?: string[];
    requiredLimits?: Record<string, number>;
  }): Promise<DeviceLike>;
}

export interface DeviceLike {
  destroy(): void;
  lost: Promise<{ reason: string; message: string }>;
}

/** What the `webgpu` package's binary exports. */
export interface Dawn {
  create(options: string[]): GpuLike;
  globals: Record<string, unknown>;
}

/**
 * Where the `webgpu` package's binary for this platform is: the extension's global storage first, then beside the
 * bundle (dist/node_modules/webgpu in the .vsix, linux-x64 only) or the repository's node_modules.
 */
export function dawnBinary(extraModuleDirs: readonly string[]): { manifest: string; binary: string } | undefined {
  // The package's index.js is an ES module that only picks this file: requiring the binary keeps the bundle CommonJS.
  const arch = process.platform === 'darwin' ? 'universal' : process.arch;
  const file = `${process.platform}-${arch}.dawn.node`;
  for (const dir of [...extraModuleDirs.map((one) => [one]), []]) {
    const manifest = resolveNativePackage(`${DAWN_PACKAGE}/package.json`, dir);
    const binary = manifest && path.join(path.dirname(manifest), 'dist', file);
    if (manifest && binary && existsSync(binary)) return { manifest, binary };
  }
  return undefined;
}

/** The `webgpu` package's binary for this platform, loaded. */
export function loadDawn(extraModuleDirs: readonly string[]): Dawn {
  const found = dawnBinary(extraModuleDirs);
  if (!found)
    throw new BackendUnavailable(
      `Dawn (npm package '${DAWN_PACKAGE}') for ${process.platform}-${process.arch} is not installed`,
      "run 'Responsible ML: Enable GPU Acceleration'",
    );
  const { manifest, binary } = found;
  try {
    return createRequire(manifest)(binary) as Dawn;
  } catch (error) {
    throw new BackendUnavailable(
      `Dawn failed to load (${error instanceof Error ? error.message : String(error)})`,
      `reinstall the '${DAWN_PACKAGE}' package`,
    );
  }
}

/** Dawn reaches the GPU through Vulkan on Linux; without the loader library it silently finds no adapter. */
export function vulkanLoaderPresent(): boolean {
  return process.platform !== 'linux' || hasSharedLibrary(/^libvulkan\.so\.1/);
}

/** Software rasterisers that expose themselves as Vulkan/D3D devices: the CPU emulating a GPU. */
const SOFTWARE_ADAPTER = /llvmpipe|lavapipe|swiftshader|software|\bwarp\b|basic render/i;

/** The adapter as a run records it; `cpu` when it is a fallback (software) adapter. */
export function describeAdapter(info: AdapterLike['info']): GpuAdapter {
  const words = [info.description, info.architecture, info.device ?? ''].join(' ');
  return {
    vendor: info.vendor,
    architecture: info.architecture,
    description: info.description || info.device || '',
    type: info.isFallbackAdapter === true || SOFTWARE_ADAPTER.test(words) ? 'cpu' : 'gpu',
  };
}

/** The device tfjs' own factory asks for (tfjs-backend-webgpu `base.ts`): the adapter's full limits, timestamps when offered. */
export function deviceDescriptor(adapter: AdapterLike): {
  requiredFeatures: string[];
  requiredLimits: Record<string, number>;
} {
  const limitNames = [
    'maxComputeWorkgroupStorageSize',
    'maxComputeWorkgroupsPerDimension',
    'maxStorageBufferBindingSize',
    'maxBufferSize',
    'maxComputeWorkgroupSizeX',
    'maxComputeInvocationsPerWorkgroup',
  ];
  const requiredLimits = Object.fromEntries(
    limitNames.filter((name) => adapter.limits[name] !== undefined).map((name) => [name, adapter.limits[name]!]),
  );
  return { requiredFeatures: adapter.features.has('timestamp-query') ? ['timestamp-query'] : [], requiredLimits };
}

/** A failure of the device (at creation or in the first computation) in words: its cause and the fix. */
export function describeDeviceFailure(error: unknown): BackendUnavailable {
  const message = error instanceof Error ? error.message : String(error);
  if (/out of memory|\boom\b|allocation failed|failed to allocate/i.test(message)) {
    return new BackendUnavailable(
      `the GPU ran out of memory (${message})`,
      'close other programs using the GPU, train with a smaller batch or model, or set the backend to wasm',
    );
  }
  if (/\blost\b/i.test(message)) {
    return new BackendUnavailable(
      `the GPU device was lost (${message}): the driver reset or crashed`,
      'update or reinstall the GPU driver and retry, or set the backend to wasm',
    );
  }
  return new BackendUnavailable(`the WebGPU device failed (${message})`, VULKAN_DRIVER_FIX);
}
