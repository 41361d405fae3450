import * as tf from '@tensorflow/tfjs';
import { strict as assert } from 'node:assert';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { releaseComputeResources, selectBackend, webgpuLoader, machineWebGpuDeps } from '../../../src/engine/compute';
import { runTrainingJob, type RunResult, type TrainingConfig } from '../../../src/engine/training';

const FIXTURES = path.join(__dirname, '../../fixtures/training');
/** Relative, per epoch figure: float32 rounding over 3 epochs of a few hundred rows stays far below it. */
const TOLERANCE = 1e-4;

const JOBS: Array<[string, Omit<TrainingConfig, 'backend' | 'runsRoot'>]> = [
  [
    'tabular MLP',
    {
      dataset: path.join(FIXTURES, 'loans.csv'),
      label: 'approved',
      features: ['age', 'income', 'hours', 'education', 'sex'],
      model: { kind: 'mlp' },
    },
  ],
  ['embedding-bag text model', { dataset: path.join(FIXTURES, 'reviews.csv'), label: 'label', text: 'text' }],
  [
    'transformer text model',
    {
      dataset: path.join(FIXTURES, 'reviews.csv'),
      label: 'label',
      text: 'text',
      model: { kind: 'transformer', transformer: { layers: 1, heads: 2, width: 16 } },
    },
  ],
];

function assertClose(actual: number, expected: number, what: string): void {
  const error = Math.abs(actual - expected) / Math.max(1e-6, Math.abs(expected));
  assert.ok(
    error <= TOLERANCE,
    `${what}: webgpu ${actual} vs cpu ${expected} (relative error ${error.toExponential(2)})`,
  );
}

/** `rml train --backend webgpu` and `--backend cpu` on the same data and seed: the same run, figure for figure. */
describe('training jobs on webgpu', function () {
  this.timeout(300_000);
  let runsRoot: string;

  before(async function () {
    try {
      await selectBackend('webgpu', [webgpuLoader(machineWebGpuDeps([]))]);
    } catch (error) {
      const reason = `no WebGPU adapter here (${(error as Error).message})`;
      if (process.env.RML_REQUIRE_WEBGPU === '1') throw new Error(`RML_REQUIRE_WEBGPU=1 but ${reason}`);
      console.log(`      skipped: ${reason}`);
      this.skip();
    }
    runsRoot = mkdtempSync(path.join(os.tmpdir(), 'rml-webgpu-job-'));
  });

  after(async () => {
    await tf.setBackend('cpu');
    releaseComputeResources();
    if (runsRoot) rmSync(runsRoot, { recursive: true, force: true });
  });

  for (const [name, job] of JOBS) {
    it(`${name}: the epochs and test figures of cpu, with the adapter in config.json`, async () => {
      const run = (backend: 'webgpu' | 'cpu'): Promise<RunResult> =>
        runTrainingJob({ ...job, backend, runsRoot, epochs: 3, seed: 5 });
      const onGpu = await run('webgpu');
      const onCpu = await run('cpu');
      assert.equal(onGpu.backend.name, 'webgpu');
      const config = JSON.parse(readFileSync(path.join(onGpu.runDir, 'config.json'), 'utf8')) as {
        backend: RunResult['backend'];
      };
      assert.deepEqual(config.backend.adapter, onGpu.backend.adapter);
      assert.equal(onGpu.epochs.length, onCpu.epochs.length);
      for (const [i, epoch] of onCpu.epochs.entries()) {
        assertClose(onGpu.epochs[i]!.trainLoss, epoch.trainLoss, `${name} epoch ${i + 1} train loss`);
        assertClose(onGpu.epochs[i]!.validationLoss, epoch.validationLoss, `${name} epoch ${i + 1} validation loss`);
      }
      assert.equal(onGpu.test!.accuracy, onCpu.test!.accuracy, `${name}: test accuracy`);
      assertClose(onGpu.test!.logLoss, onCpu.test!.logLoss, `${name} test log loss`);
    });
  }
});
