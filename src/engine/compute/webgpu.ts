import * as tf from '@tensorflow/tfjs';
import type { WebGPUBackend } from '@tensorflow/tfjs-backend-webgpu';
import {
  CPU_ADAPTER_FIX,
  describeAdapter,
  describeDeviceFailure,
  deviceDescriptor,
  loadDawn,
  VULKAN_DRIVER_FIX,
  VULKAN_LOADER_FIX,
  vulkanLoaderPresent,
  type Dawn,
  type DeviceLike,
  type GpuLike,
} from './dawn';
import { onRelease } from './lifetime';
import { BackendUnavailable, type BackendLoader, type GpuAdapter, type LoadContext, type LoadedBackend } from './types';

/** What the webgpu loader needs from the machine; tests pass fakes (no loader library, no adapter, a CPU adapter…). */
export interface WebGpuDeps {
  loadDawn(): Dawn;
  vulkanLoaderPresent(): boolean;
}

/** One Dawn instance and device per process, reused by later jobs until `releaseWebGpu`. */
interface Session {
  device: DeviceLike;
  adapter: GpuAdapter;
  /** Why the device was lost, once it was (a driver reset): the session is then unusable. */
  lost?: string;
  navigator: unknown;
  unregister: () => void;
}

let session: Session | undefined;

/** webgpu through Dawn for Node: a hardware adapter under `auto`, any adapter when the user asked for webgpu. */
export function webgpuLoader(deps: WebGpuDeps): BackendLoader {
  return {
    label: 'webgpu',
    backend: 'webgpu',
    async load(context: LoadContext): Promise<LoadedBackend> {
      if (session?.lost || (session?.adapter.type === 'cpu' && !context.requested)) releaseWebGpu();
      const current = session ?? (session = await openSession(deps, context));
      if (!(await tf.setBackend('webgpu'))) {
        releaseWebGpu();
        throw new BackendUnavailable('the webgpu backend did not initialise', VULKAN_DRIVER_FIX);
      }
      await checkDevice();
      const { adapter } = current;
      const detail = `webgpu (Dawn, ${adapter.description || adapter.vendor}, ${adapter.vendor}/${adapter.architecture}${adapter.type === 'cpu' ? ', CPU adapter' : ''})`;
      return { device: adapter.type, detail, adapter };
    },
  };
}

/** The machine's own Dawn binary and Vulkan loader. */
export function machineWebGpuDeps(extraModuleDirs: readonly string[]): WebGpuDeps {
  return { loadDawn: () => loadDawn(extraModuleDirs), vulkanLoaderPresent };
}

async function openSession(deps: WebGpuDeps, context: LoadContext): Promise<Session> {
  if (!deps.vulkanLoaderPresent())
    throw new BackendUnavailable('no Vulkan loader (libvulkan.so.1) on this machine', VULKAN_LOADER_FIX);
  const dawn = deps.loadDawn();
  // Imported before navigator.gpu exists, so the package does not register its own factory: ours below
  // creates the device itself, to check the adapter first and to name what fails.
  const { WebGPUBackend } = await import('@tensorflow/tfjs-backend-webgpu');
  const previousNavigator = (globalThis as { navigator?: unknown }).navigator;
  const gpu = installGlobals(dawn, previousNavigator);
  const adapter = await gpu.requestAdapter({ powerPreference: 'high-performance' });
  if (!adapter) {
    restoreNavigator(previousNavigator);
    throw new BackendUnavailable(
      'Dawn found no WebGPU adapter (no Vulkan driver for this GPU, or one too old: Mesa before 24 lacks what Dawn needs)',
      VULKAN_DRIVER_FIX,
    );
  }
  const described = describeAdapter(adapter.info);
  if (described.type === 'cpu' && !context.requested) {
    restoreNavigator(previousNavigator);
    throw new BackendUnavailable(
      `the only WebGPU adapter is ${described.description || described.vendor}, a CPU (software) adapter, slower than wasm`,
      CPU_ADAPTER_FIX,
    );
  }
  let device: DeviceLike;
  try {
    device = await adapter.requestDevice(deviceDescriptor(adapter));
  } catch (error) {
    restoreNavigator(previousNavigator);
    throw describeDeviceFailure(error);
  }
  const opened: Session = {
    device,
    adapter: described,
    navigator: previousNavigator,
    unregister: onRelease(releaseWebGpu),
  };
  void device.lost.then((info) => {
    if (info.reason !== 'destroyed') opened.lost = info.message || info.reason;
  });
  if (tf.findBackendFactory('webgpu')) tf.removeBackend('webgpu');
  const NodeBackend = nodeWebGpuBackend(WebGPUBackend);
  tf.registerBackend('webgpu', () => new NodeBackend(device as never, adapter.info as never), 0);
  return opened;
}

/**
 * tfjs-backend-webgpu with a synchronous read that says what is wrong: in a browser it reads through an
 * OffscreenCanvas, which Node lacks ("OffscreenCanvas is not defined" says nothing to a user).
 */
function nodeWebGpuBackend(Base: typeof WebGPUBackend): typeof WebGPUBackend {
  return class NodeWebGpuBackend extends Base {
    constructor(...args: ConstructorParameters<typeof WebGPUBackend>) {
      super(...args);
      (this as unknown as { hasReadSyncWarned: boolean }).hasReadSyncWarned = true; // its advice ("use asynchronous APIs") comes just before our error, which says more
    }

    override readSync(dataId: object): tf.backend_util.BackendValues {
      try {
        return super.readSync(dataId);
      } catch (error) {
        if (!(error instanceof ReferenceError)) throw error;
        throw new Error(`webgpu: ${SYNCHRONOUS_READ_MESSAGE}; read with await tensor.data(), or train on wasm`);
      }
    }
  };
}

/** Why dataSync and arraySync fail on webgpu in Node. */
export const SYNCHRONOUS_READ_MESSAGE =
  'a synchronous read (dataSync, arraySync) of data on the GPU, which tfjs-backend-webgpu cannot do in Node';

/** tfjs-backend-webgpu expects the browser's globals: GPUBufferUsage and friends, and `navigator.gpu`. */
function installGlobals(dawn: Dawn, previousNavigator: unknown): GpuLike {
  Object.assign(globalThis, dawn.globals);
  const gpu = dawn.create([]);
  const base =
    typeof previousNavigator === 'object' && previousNavigator !== null ? previousNavigator : { userAgent: 'node' };
  // Node 21+ defines navigator as a getter; defineProperty replaces it either way.
  Object.defineProperty(globalThis, 'navigator', {
    value: Object.assign(Object.create(base) as object, { gpu }),
    configurable: true,
    writable: true,
  });
  return gpu;
}

function restoreNavigator(previous: unknown): void {
  if (previous === undefined) delete (globalThis as { navigator?: unknown }).navigator;
  else Object.defineProperty(globalThis, 'navigator', { value: previous, configurable: true, writable: true });
}

/** A first computation read back: a device that fails (out of memory, lost) does so here, in words. */
async function checkDevice(): Promise<void> {
  try {
    const value = await tf.tidy(() => tf.sum(tf.square(tf.tensor1d([1, 2, 3])))).data();
    if (value[0] !== 14) throw new Error(`1² + 2² + 3² gave ${value[0]}`);
  } catch (error) {
    releaseWebGpu();
    throw describeDeviceFailure(error);
  }
}

/** The adapter of the open session, if any. */
export function webgpuAdapter(): GpuAdapter | undefined {
  return session?.adapter;
}

/**
 * Ends the process's WebGPU session: Dawn keeps a process alive, and polls the CPU, as long as its instance lives
 * (dawn.node lifetime notes). Workers, the CLI and tests call this when done; selection calls it when it picks another
 * backend. Tensors still on webgpu become unusable.
 */
export function releaseWebGpu(): void {
  if (!session) return;
  const { device, navigator, unregister } = session;
  session = undefined;
  unregister();
  if (tf.findBackendFactory('webgpu')) tf.removeBackend('webgpu');
  device.destroy();
  restoreNavigator(navigator);
}
