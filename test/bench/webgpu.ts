/**
 * The training models on webgpu beside wasm and cpu: examples/s of the training step (batch 256, Adam, loss read
 * back every 16 batches; test/gpu/throughput.ts), on whatever adapter Dawn finds: llvmpipe (a CPU emulating a GPU,
 * so slow: correctness, not speed, is its point) on a machine without a GPU, the GPU on one that has its Vulkan
 * driver. Few batches (24 of 256 on webgpu and wasm, 8 on cpu, an eighth of that for the transformer, after one
 * warm-up batch), so the software adapter finishes in minutes.
 *   npx tsx test/bench/webgpu.ts
 * Target (issue 12): on a hardware GPU the transformer at ≥ 10× its wasm throughput; none on a software adapter.
 */
import * as tf from '@tensorflow/tfjs';
import {
  createDefaultLoaders,
  machineWebGpuDeps,
  releaseWebGpu,
  selectBackend,
  webgpuLoader,
} from '../../src/engine/compute';
import { backendLabel } from '../../src/shared/compute';
import { examplesPerSecond, MODELS } from '../gpu/throughput';

const BATCHES = { webgpu: 24, wasm: 24, cpu: 8 } as const;

type Row = Record<string, string | number>;

export async function run(): Promise<Row[]> {
  tf.enableProdMode();
  const rows: Row[] = MODELS.map((model) => ({ model: model.name }));
  let adapter = 'none';
  try {
    const selected = await selectBackend('webgpu', [webgpuLoader(machineWebGpuDeps([]))]);
    adapter = backendLabel(selected);
    await measureInto(rows, 'webgpu');
  } catch (error) {
    for (const row of rows) row['webgpu examples/s'] = 'n/a';
    adapter = `none: ${(error as Error).message.slice(0, 160)}`;
  } finally {
    releaseWebGpu();
  }
  await selectBackend('wasm', createDefaultLoaders({ webgpu: false }));
  await measureInto(rows, 'wasm');
  await selectBackend('cpu', createDefaultLoaders({ webgpu: false }));
  await measureInto(rows, 'cpu');
  for (const row of rows) {
    const gpu = Number(row['webgpu examples/s']);
    row['webgpu ÷ wasm'] = Number.isFinite(gpu) ? Number((gpu / Number(row['wasm examples/s'])).toFixed(2)) : 'n/a';
  }
  rows.push({ model: `adapter: ${adapter}` });
  return rows;
}

async function measureInto(rows: Row[], backend: keyof typeof BATCHES): Promise<void> {
  for (const [i, model] of MODELS.entries()) {
    rows[i]![`${backend} examples/s`] = Math.round(await examplesPerSecond(model, BATCHES[backend], 1));
  }
}

if (require.main === module) void run().then((rows) => console.table(rows));
