import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as esbuild from 'esbuild';
import { packagedWasmDir } from '../../../src/engine/compute/loaders';
import { readRun } from '../../../src/engine/runs/runDir';
import type { EpochMetrics } from '../../../src/engine/runs/types';
import { startTrainingWorker, TrainingWorkerError } from '../../../src/engine/training/workerClient';

const ROOT = path.join(__dirname, '../../..');
const REVIEWS = path.join(ROOT, 'test/fixtures/training/reviews.csv');

describe('training worker thread', function () {
  this.timeout(60_000);
  let dir: string;
  let workerScript: string;

  before(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'rml-worker-'));
    workerScript = path.join(dir, 'trainingWorker.js');
    // Bundled as esbuild.mjs bundles dist/trainingWorker.js (native TensorFlow stays external).
    await esbuild.build({
      entryPoints: [path.join(ROOT, 'src/engine/training/worker.ts')],
      outfile: workerScript,
      bundle: true,
      platform: 'node',
      target: 'node20',
      format: 'cjs',
      external: ['@tensorflow/tfjs-node-gpu', '@tensorflow/tfjs-node'],
      mainFields: ['module', 'main'],
      logLevel: 'error',
    });
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  const config = (runsRoot: string) => ({
    dataset: REVIEWS,
    label: 'label',
    text: 'text',
    sensitive: ['dialect'],
    epochs: 4,
    backend: 'wasm' as const,
    wasmDir: packagedWasmDir(),
    runsRoot,
  });

  it('runs a job in the bundled worker, posting epochs and logs, then the result', async () => {
    const epochs: EpochMetrics[] = [];
    const logs: string[] = [];
    const handle = startTrainingWorker(workerScript, config(path.join(dir, 'runs')), { onEpoch: (m) => epochs.push(m), onLog: (line) => logs.push(line) });
    const result = await handle.result;
    assert.equal(result.state, 'completed');
    assert.equal(result.backend.name, 'wasm');
    assert.deepEqual(epochs.map((m) => m.epoch), [1, 2, 3, 4]);
    assert.ok(logs.some((line) => line.startsWith('completed: test accuracy')));
    assert.equal((await readRun(result.runDir)).status.state, 'completed');
  });

  it('cancels the job in the worker between batches', async () => {
    const handle = startTrainingWorker(workerScript, config(path.join(dir, 'cancelled')), { onEpoch: () => handle.cancel() });
    const result = await handle.result;
    assert.equal(result.state, 'cancelled');
    assert.equal((await readRun(result.runDir)).status.state, 'cancelled');
  });

  it('rejects with the job\'s error, and the run directory that records it', async () => {
    const handle = startTrainingWorker(workerScript, { ...config(path.join(dir, 'failed')), label: 'verdict' });
    await assert.rejects(handle.result, (error: unknown) => {
      assert.ok(error instanceof TrainingWorkerError);
      assert.match(error.message, /no column 'verdict' \(columns: id, text, dialect, label\)/);
      assert.ok(error.runDir?.startsWith(path.join(dir, 'failed')));
      return true;
    });
  });
});
