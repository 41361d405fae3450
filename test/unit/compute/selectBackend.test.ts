import * as tf from '@tensorflow/tfjs';
import { strict as assert } from 'node:assert';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CUDA_FIX, createDefaultLoaders, ENABLE_GPU_FIX, packagedWasmDir } from '../../../src/engine/compute/loaders';
import {
  missingCudaLibraries,
  NATIVE_PACKAGES,
  platformSupports,
  resolveNativePackage,
} from '../../../src/engine/compute/nativeModule';
import { selectBackend } from '../../../src/engine/compute/selectBackend';
import { BackendUnavailable, type BackendLoader, type BackendName } from '../../../src/engine/compute/types';

/** A loader that makes `activate` the tfjs backend and reports itself as `backend`. */
function workingLoader(backend: BackendName, activate: string, device: 'gpu' | 'cpu' = 'cpu'): BackendLoader {
  return {
    label: `fake ${backend}`,
    backend,
    async load() {
      assert.ok(await tf.setBackend(activate));
      return { device, detail: `fake ${backend} on ${activate}` };
    },
  };
}

function failingLoader(backend: BackendName, error: Error): BackendLoader {
  return {
    label: `fake ${backend}`,
    backend,
    load: () => Promise.reject(error),
  };
}

describe('selectBackend', () => {
  after(async () => {
    await tf.setBackend('cpu');
  });

  it('takes the first loader that loads and passes the smoke test', async () => {
    const selected = await selectBackend('auto', [
      workingLoader('tensorflow', 'cpu', 'gpu'),
      workingLoader('wasm', 'cpu'),
    ]);
    assert.equal(selected.name, 'tensorflow');
    assert.equal(selected.device, 'gpu');
    assert.deepEqual(selected.warnings, []);
  });

  it('falls back past an absent backend with a warning that names it and the fix', async () => {
    const absent = failingLoader(
      'tensorflow',
      new BackendUnavailable('@tensorflow/tfjs-node-gpu is not installed', ENABLE_GPU_FIX),
    );
    const selected = await selectBackend('auto', [absent, workingLoader('cpu', 'cpu')]);
    assert.equal(selected.name, 'cpu');
    assert.equal(selected.warnings.length, 1);
    assert.match(
      selected.warnings[0]!,
      /fake tensorflow backend unavailable, @tensorflow\/tfjs-node-gpu is not installed/,
    );
    assert.ok(selected.warnings[0]!.includes("run 'Responsible ML: Enable GPU Acceleration'"));
  });

  it('falls back past a loader that throws anything', async () => {
    const lines: string[] = [];
    const selected = await selectBackend(
      'auto',
      [failingLoader('wasm', new Error('boom')), workingLoader('cpu', 'cpu')],
      (line) => lines.push(line),
    );
    assert.equal(selected.name, 'cpu');
    assert.match(selected.warnings[0]!, /fake wasm backend unavailable, boom/);
    assert.ok(
      lines.some((line) => line.includes('boom')),
      'the warning is logged too',
    );
  });

  it('rejects a backend whose smoke test computes a wrong answer', async () => {
    tf.registerBackend('rml-broken', tf.findBackendFactory('cpu')!);
    tf.copyRegisteredKernels('cpu', 'rml-broken');
    tf.unregisterKernel('BatchMatMul', 'rml-broken');
    tf.registerKernel({
      kernelName: 'BatchMatMul',
      backendName: 'rml-broken',
      kernelFunc: ({ inputs, backend }) => {
        // Zeros of the right shape: a backend that runs but computes garbage.
        const shape = [...inputs.a!.shape.slice(0, -1), inputs.b!.shape.at(-1)!];
        const zeros = new Float32Array(shape.reduce((size, dim) => size * dim, 1));
        return (backend as { makeTensorInfo(s: number[], d: string, v: Float32Array): tf.TensorInfo }).makeTensorInfo(
          shape,
          'float32',
          zeros,
        );
      },
    });
    try {
      const selected = await selectBackend('auto', [
        workingLoader('tensorflow', 'rml-broken'),
        workingLoader('cpu', 'cpu'),
      ]);
      assert.equal(selected.name, 'cpu');
      assert.match(
        selected.warnings[0]!,
        /fake tensorflow backend unavailable, failed a smoke test \(1·3 \+ 2·4 gave 0/,
      );
    } finally {
      tf.removeBackend('rml-broken');
    }
  });

  it('starts the chain at a forced backend', async () => {
    const loaders = [workingLoader('tensorflow', 'cpu'), workingLoader('wasm', 'cpu'), workingLoader('cpu', 'cpu')];
    assert.equal((await selectBackend('wasm', loaders)).name, 'wasm');
    assert.equal((await selectBackend('cpu', loaders)).name, 'cpu');
  });

  it('throws, listing every reason, only when no backend at all can be used', async () => {
    await assert.rejects(
      selectBackend('auto', [failingLoader('wasm', new Error('no wasm')), failingLoader('cpu', new Error('no cpu'))]),
      /no TensorFlow\.js backend could be used: .*no wasm.*no cpu/,
    );
  });
});

describe('default backend loaders', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'rml-native-'));
  });
  after(async () => {
    rmSync(dir, { recursive: true, force: true });
    await tf.setBackend('cpu');
  });

  /** A package directory as `npm install --prefix dir` leaves it, whose entry point runs `body`. */
  function fakePackage(name: string, body: string): void {
    const packageDir = path.join(dir, 'node_modules', name);
    mkdirSync(packageDir, { recursive: true });
    writeFileSync(path.join(packageDir, 'package.json'), JSON.stringify({ name, version: '4.22.0', main: 'index.js' }));
    writeFileSync(path.join(packageDir, 'index.js'), body);
  }

  it('uses wasm on this machine, after warnings naming each missing native backend and its fix', async function () {
    if (resolveNativePackage(NATIVE_PACKAGES.cpu, []) || resolveNativePackage(NATIVE_PACKAGES.gpu, [])) this.skip();
    const selected = await selectBackend('auto', createDefaultLoaders({ wasmDir: packagedWasmDir() }));
    assert.equal(selected.name, 'wasm');
    assert.match(selected.detail, /^wasm \(SIMD, 1 thread\)$/);
    assert.equal(selected.warnings.length, 3);
    assert.match(
      selected.warnings[0]!,
      /^tensorflow \(CUDA\) backend unavailable, @tensorflow\/tfjs-node-gpu is not installed: run 'Responsible ML: Enable GPU Acceleration'/,
    );
    // No GPU here: with Mesa's Vulkan driver Dawn offers llvmpipe, which auto must not take; without it, no adapter.
    assert.match(
      selected.warnings[1]!,
      /^webgpu backend unavailable, (no Vulkan loader|Dawn found no WebGPU adapter|the only WebGPU adapter is .*, a CPU \(software\) adapter)/,
    );
    assert.match(
      selected.warnings[2]!,
      /^tensorflow \(native CPU\) backend unavailable, @tensorflow\/tfjs-node is not installed/,
    );
  });

  it('finds a package in an extra module directory; one that fails to load is a warning, not a crash', async () => {
    fakePackage(NATIVE_PACKAGES.cpu, "throw new Error('invalid ELF header');");
    assert.equal(
      resolveNativePackage(NATIVE_PACKAGES.cpu, [dir]),
      path.join(dir, 'node_modules', NATIVE_PACKAGES.cpu, 'index.js'),
    );
    const selected = await selectBackend(
      'tensorflow',
      createDefaultLoaders({ extraModuleDirs: [dir], wasmDir: packagedWasmDir() }),
    );
    assert.equal(selected.name, 'wasm');
    const warning = selected.warnings.find((line) => line.startsWith('tensorflow (native CPU)'));
    assert.match(
      warning ?? '',
      /@tensorflow\/tfjs-node failed to load: invalid ELF header: reinstall it: run 'Responsible ML: Enable GPU Acceleration'/,
    );
  });

  it('says CUDA is missing when the GPU package is installed on a machine without CUDA libraries', async function () {
    if (process.platform !== 'linux' || process.arch !== 'x64') this.skip();
    fakePackage(NATIVE_PACKAGES.gpu, "throw new Error('must not be loaded without CUDA');");
    const selected = await selectBackend(
      'tensorflow',
      createDefaultLoaders({ extraModuleDirs: [dir], wasmDir: packagedWasmDir() }),
    );
    const warning = selected.warnings.find((line) => line.startsWith('tensorflow (CUDA)')) ?? '';
    // This machine has no GPU; on one with CUDA 11.8 the package would load (and the fake would throw instead).
    assert.match(warning, /CUDA 11\.8\/cuDNN 8\.6 not found \(.*libcudart.*\)/);
    assert.ok(warning.includes(CUDA_FIX));
  });
});

describe('native package checks', () => {
  it('knows which platforms each native package has builds for', () => {
    assert.equal(platformSupports(NATIVE_PACKAGES.gpu, 'linux-x64'), true);
    assert.equal(platformSupports(NATIVE_PACKAGES.gpu, 'darwin-arm64'), false);
    assert.equal(platformSupports(NATIVE_PACKAGES.cpu, 'darwin-arm64'), true);
    assert.equal(platformSupports(NATIVE_PACKAGES.cpu, 'linux-ppc64'), false);
  });

  it('finds the CUDA 11 runtime and cuDNN 8 on the library path, naming the ones missing', function () {
    if (process.platform !== 'linux') this.skip();
    const dir = mkdtempSync(path.join(os.tmpdir(), 'rml-cuda-'));
    try {
      writeFileSync(path.join(dir, 'libcudart.so.11.0'), '');
      const partial = missingCudaLibraries({ LD_LIBRARY_PATH: dir }, 'linux');
      // The system may have cuDNN installed; it cannot lack cudart, which is in `dir`.
      assert.ok(!partial.some((name) => name.includes('cudart')));
      writeFileSync(path.join(dir, 'libcudnn.so.8'), '');
      assert.deepEqual(missingCudaLibraries({ LD_LIBRARY_PATH: dir }, 'linux'), []);
      assert.deepEqual(missingCudaLibraries({}, 'sunos'), ['CUDA (unsupported platform)']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
