/**
 * `npm run gpu:check [-- --allow-cpu-adapter] [--batches N]`: the one command that proves training on a machine's
 * GPU, after nothing but `npm ci`. Checks the Vulkan loader and driver, opens the webgpu backend, fails when its
 * adapter is a CPU (software) one unless allowed, then prints examples/s per model on webgpu and wasm side by side.
 * Exit codes: 0 trained on the adapter; 1 no usable GPU (the output says what is missing and how to add it).
 */
import * as tf from '@tensorflow/tfjs';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import {
  createDefaultLoaders,
  hasSharedLibrary,
  machineWebGpuDeps,
  releaseWebGpu,
  selectBackend,
  webgpuLoader,
} from '../../src/engine/compute';
import { backendLabel } from '../../src/shared/compute';
import { BATCH, examplesPerSecond, MODELS, timedBatches } from './throughput';

const ICD_DIRS = ['/usr/share/vulkan/icd.d', '/etc/vulkan/icd.d', '/usr/local/share/vulkan/icd.d'];

const say = (line = '') => console.log(line);
const fail = (lines: string[]): never => {
  for (const line of lines) console.error(`gpu:check: ${line}`);
  process.exit(1);
};

/** The Vulkan driver manifests (ICDs) the loader will read, from VK_DRIVER_FILES or the standard directories. */
function driverManifests(): string[] {
  const listed = (process.env.VK_DRIVER_FILES ?? process.env.VK_ICD_FILENAMES ?? '').split(':').filter(Boolean);
  if (listed.length > 0) return listed;
  return ICD_DIRS.filter(existsSync).flatMap((dir) =>
    readdirSync(dir)
      .filter((name) => name.endsWith('.json'))
      .map((name) => path.join(dir, name)),
  );
}

/**
 * An NVIDIA driver without its Vulkan manifest (containers often mount the libraries only): the ICD is the driver's
 * libGLX_nvidia.so.0, so a manifest naming it, passed in VK_DRIVER_FILES, is all the loader needs.
 */
function nvidiaManifestIfMissing(manifests: string[]): string | undefined {
  const hasNvidiaDriver = existsSync('/proc/driver/nvidia/version') || hasSharedLibrary(/^libcuda\.so\.1/);
  if (!hasNvidiaDriver || manifests.some((file) => /nvidia/i.test(file + safeRead(file)))) return undefined;
  if (!hasSharedLibrary(/^libGLX_nvidia\.so\.0/)) {
    fail([
      'an NVIDIA driver is loaded but neither its Vulkan manifest (nvidia_icd.json) nor libGLX_nvidia.so.0 is found.',
      "Install the driver's Vulkan part (e.g. apt-get install libnvidia-gl-<version>), or point VK_DRIVER_FILES at nvidia_icd.json.",
    ]);
  }
  const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'rml-vulkan-')), 'nvidia_icd.json');
  writeFileSync(
    file,
    JSON.stringify({ file_format_version: '1.0.0', ICD: { library_path: 'libGLX_nvidia.so.0', api_version: '1.3.0' } }),
  );
  return file;
}

function safeRead(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}

function checkVulkan(): void {
  if (process.platform !== 'linux')
    return say(
      `Vulkan: not needed on ${process.platform} (Dawn uses ${process.platform === 'darwin' ? 'Metal' : 'Direct3D 12'})`,
    );
  if (!hasSharedLibrary(/^libvulkan\.so\.1/)) {
    fail([
      'no Vulkan loader (libvulkan.so.1): Dawn cannot reach the GPU without it.',
      'Add it: sudo apt-get install libvulkan1   (Debian/Ubuntu; RHEL/Fedora: dnf install vulkan-loader)',
      'Without root: apt-get download libvulkan1 && dpkg -x libvulkan1_*.deb "$HOME/vulkan" &&',
      '  export LD_LIBRARY_PATH="$HOME/vulkan/usr/lib/x86_64-linux-gnu:$LD_LIBRARY_PATH", then run this again.',
    ]);
  }
  const manifests = driverManifests();
  const generated = nvidiaManifestIfMissing(manifests);
  if (generated) {
    // The Vulkan loader reads VK_DRIVER_FILES when Dawn creates its instance, later in this process.
    process.env.VK_DRIVER_FILES = generated;
    say(`Vulkan: NVIDIA driver without a manifest; using ${generated} (libGLX_nvidia.so.0) through VK_DRIVER_FILES`);
  } else {
    say(
      `Vulkan: loader found; driver manifests: ${manifests.length > 0 ? manifests.join(', ') : 'none (the loader will find no driver)'}`,
    );
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { 'allow-cpu-adapter': { type: 'boolean' }, batches: { type: 'string' } } });
  const batches = Number(values.batches ?? 40);
  if (!Number.isInteger(batches) || batches < 1)
    fail([`--batches must be a positive integer (got '${values.batches}')`]);
  tf.enableProdMode();
  say(`machine: ${process.platform} ${process.arch}, Node ${process.version}, ${os.availableParallelism()} cores`);
  checkVulkan();
  const selected = await selectBackend('webgpu', [webgpuLoader(machineWebGpuDeps([]))]).catch((error: Error) =>
    fail([error.message.replace(/^no TensorFlow\.js backend could be used: /, '')]),
  );
  const adapter = selected.adapter!;
  say(
    `adapter: ${backendLabel(selected)} — vendor ${adapter.vendor || '?'}, architecture ${adapter.architecture || '?'}, "${adapter.description}", type ${adapter.type.toUpperCase()}`,
  );
  if (adapter.type === 'cpu' && !values['allow-cpu-adapter']) {
    releaseWebGpu();
    fail([
      `the adapter is a CPU (software) one, ${adapter.description}: this machine's GPU is not reachable through Vulkan.`,
      "Install the GPU's Vulkan driver (NVIDIA: the proprietary driver with its Vulkan ICD; AMD/Intel: Mesa 24 or newer),",
      'or pass --allow-cpu-adapter to measure the software adapter anyway.',
    ]);
  }
  const rows: Array<Record<string, string | number>> = [];
  for (const model of MODELS) {
    await tf.setBackend('webgpu');
    const onGpu = await examplesPerSecond(model, batches);
    rows.push({ model: model.name, 'webgpu examples/s': Math.round(onGpu) });
  }
  releaseWebGpu();
  await selectBackend('wasm', createDefaultLoaders({ webgpu: false }));
  for (const [i, model] of MODELS.entries()) {
    const onWasm = await examplesPerSecond(model, batches);
    rows[i]!['wasm examples/s'] = Math.round(onWasm);
    rows[i]!['speed-up'] = `${(Number(rows[i]!['webgpu examples/s']) / onWasm).toFixed(2)}×`;
  }
  const counts = MODELS.map((model) => `${timedBatches(model, batches)} ${model.name.split(' (')[0]}`).join(', ');
  say(`\nbatch ${BATCH}; timed batches: ${counts} (after 2 warm-up batches each); loss read back every 16 batches`);
  console.table(rows);
}

void main().catch((error: unknown) => fail([error instanceof Error ? (error.stack ?? error.message) : String(error)]));
