import * as tf from '@tensorflow/tfjs';
import { strict as assert } from 'node:assert';
import { describeAdapter, describeDeviceFailure, type AdapterLike, type Dawn } from '../../../src/engine/compute/dawn';
import { selectBackend } from '../../../src/engine/compute/selectBackend';
import { BackendUnavailable, type BackendLoader } from '../../../src/engine/compute/types';
import { webgpuLoader, type WebGpuDeps } from '../../../src/engine/compute/webgpu';
import { backendLabel } from '../../../src/shared/compute';

const LLVMPIPE = {
  vendor: 'mesa',
  architecture: 'software',
  device: 'llvmpipe-llvm-15-0-6-256-bits-',
  description: 'llvmpipe: Mesa 25.0.7-2~bpo12+1 (LLVM 15.0.6) 0.0.1',
  isFallbackAdapter: true,
};
const RTX = {
  vendor: 'nvidia',
  architecture: 'ampere',
  description: 'NVIDIA GeForce RTX 3060',
  isFallbackAdapter: false,
};

function cpuLoader(): BackendLoader {
  return {
    label: 'cpu',
    backend: 'cpu',
    async load() {
      assert.ok(await tf.setBackend('cpu'));
      return { device: 'cpu', detail: 'cpu' };
    },
  };
}

/** Dawn that offers `adapter` (or none), whose device request does `requestDevice`. */
function fakeDawn(
  info: AdapterLike['info'] | null,
  requestDevice: AdapterLike['requestDevice'] = () => Promise.reject(new Error('not in a test')),
): Dawn {
  const adapter: AdapterLike | null = info && { info, features: new Set(), limits: {}, requestDevice };
  return { create: () => ({ requestAdapter: () => Promise.resolve(adapter) }), globals: {} };
}

function deps(dawn: Dawn | (() => Dawn), vulkan = true): WebGpuDeps {
  return { loadDawn: typeof dawn === 'function' ? dawn : () => dawn, vulkanLoaderPresent: () => vulkan };
}

async function warningFor(preference: 'auto' | 'webgpu', webgpu: WebGpuDeps): Promise<string> {
  const selected = await selectBackend(preference, [webgpuLoader(webgpu), cpuLoader()]);
  assert.equal(selected.name, 'cpu', 'falls back to the next backend');
  assert.equal(selected.warnings.length, 1);
  return selected.warnings[0]!;
}

describe('webgpu loader', () => {
  after(async () => {
    await tf.setBackend('cpu');
  });

  it('without the Vulkan loader, says so and how to install it', async () => {
    const warning = await warningFor('auto', deps(fakeDawn(RTX), false));
    assert.match(warning, /^webgpu backend unavailable, no Vulkan loader \(libvulkan\.so\.1\)/);
    assert.match(warning, /apt-get install libvulkan1/);
    assert.equal((globalThis as { navigator?: { gpu?: unknown } }).navigator?.gpu, undefined, 'nothing installed');
  });

  it('without an adapter, names the missing Vulkan driver', async () => {
    const warning = await warningFor('webgpu', deps(fakeDawn(null)));
    assert.match(warning, /Dawn found no WebGPU adapter/);
    assert.match(warning, /Vulkan driver/);
    assert.match(warning, /VK_DRIVER_FILES/);
    assert.equal(
      (globalThis as { navigator?: { gpu?: unknown } }).navigator?.gpu,
      undefined,
      'navigator.gpu removed again',
    );
  });

  it('never takes a CPU adapter under auto, and says how to force it', async () => {
    let devices = 0;
    const dawn = fakeDawn(LLVMPIPE, () => {
      devices += 1;
      return Promise.reject(new Error('unexpected'));
    });
    const warning = await warningFor('auto', deps(dawn));
    assert.match(
      warning,
      /the only WebGPU adapter is llvmpipe: Mesa 25\.0\.7.*a CPU \(software\) adapter, slower than wasm/,
    );
    assert.match(warning, /responsibleML\.compute\.backend to "webgpu" \(rml: --backend webgpu\)/);
    assert.equal(devices, 0, 'no device was created');
  });

  it('takes a CPU adapter when webgpu is asked for (it goes on to request the device)', async () => {
    const dawn = fakeDawn(LLVMPIPE, () => Promise.reject(new Error('Device creation failed: out of memory')));
    const warning = await warningFor('webgpu', deps(dawn));
    assert.match(warning, /the GPU ran out of memory \(Device creation failed: out of memory\)/);
    assert.match(warning, /close other programs using the GPU/);
  });

  it('a lost device names the driver', async () => {
    const dawn = fakeDawn(RTX, () => Promise.reject(new Error('Device was lost: the GPU hung')));
    const warning = await warningFor('auto', deps(dawn));
    assert.match(warning, /the GPU device was lost \(Device was lost: the GPU hung\): the driver reset or crashed/);
    assert.match(warning, /update or reinstall the GPU driver/);
  });

  it('Dawn that is not installed or does not load is a warning with the fix', async () => {
    const absent = () => {
      throw new BackendUnavailable(
        "Dawn (npm package 'webgpu') is not installed",
        "run 'Responsible ML: Enable GPU Acceleration'",
      );
    };
    const warning = await warningFor('auto', deps(absent));
    assert.match(
      warning,
      /Dawn \(npm package 'webgpu'\) is not installed: run 'Responsible ML: Enable GPU Acceleration'/,
    );
  });

  it('tells software adapters from GPUs', () => {
    assert.equal(describeAdapter(LLVMPIPE).type, 'cpu');
    assert.equal(describeAdapter({ ...LLVMPIPE, isFallbackAdapter: false }).type, 'cpu', 'llvmpipe by its name');
    assert.equal(
      describeAdapter({ vendor: 'google', architecture: '', description: 'SwiftShader Device (Subzero)' }).type,
      'cpu',
    );
    assert.deepEqual(describeAdapter(RTX), {
      vendor: 'nvidia',
      architecture: 'ampere',
      description: 'NVIDIA GeForce RTX 3060',
      type: 'gpu',
    });
  });

  it('describes other device failures with the driver fix', () => {
    const failure = describeDeviceFailure(new Error('Vulkan error: VK_ERROR_INITIALIZATION_FAILED'));
    assert.match(failure.message, /the WebGPU device failed \(Vulkan error/);
    assert.match(failure.fix ?? '', /Vulkan driver/);
  });

  it('labels the backend with the adapter: "WebGPU · <GPU>"', () => {
    assert.equal(
      backendLabel({ name: 'webgpu', device: 'gpu', adapter: describeAdapter(RTX) }),
      'WebGPU · NVIDIA GeForce RTX 3060',
    );
    assert.equal(
      backendLabel({ name: 'webgpu', device: 'cpu', adapter: describeAdapter(LLVMPIPE) }),
      'WebGPU · llvmpipe (CPU)',
    );
    assert.equal(
      backendLabel({ name: 'webgpu', device: 'gpu', adapter: { ...describeAdapter(RTX), description: '' } }),
      'WebGPU · nvidia',
    );
    assert.equal(backendLabel({ name: 'wasm', device: 'cpu' }), 'wasm · CPU');
  });
});
