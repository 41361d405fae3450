import { strict as assert } from 'node:assert';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as esbuild from 'esbuild';
import { packagedWasmDir } from '../../../src/engine/compute/loaders';
import { readRun } from '../../../src/engine/runs/runDir';
import type { EpochMetrics } from '../../../src/shared/runs';
import { startTrainingWorker } from '../../../src/engine/training/workerClient';
import type { TrainingWorkerEvent } from '../../../src/engine/training/workerProtocol';

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
  // A worker may still be finishing its last atomic rename after it posted `finished`: retry, as rimraf does.
  after(() => rmSync(dir, { recursive: true, force: true, maxRetries: 10, retryDelay: 100 }));

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

  it("runs a job in the bundled worker, posting the run contract's events with one run id, then finished", async () => {
    const events: TrainingWorkerEvent[] = [];
    const runId = '20261202-120000-a1b2c3';
    const handle = startTrainingWorker(workerScript, { ...config(path.join(dir, 'runs')), runId }, (event) =>
      events.push(event),
    );
    const outcome = await handle.outcome;
    assert.deepEqual(outcome, { state: 'completed' });
    assert.ok(
      events.every((event) => event.runId === runId),
      'every event carries the id chosen before the job started',
    );
    const started = events.find((event) => event.kind === 'started');
    assert.equal(started?.kind === 'started' && started.backend.name, 'wasm');
    assert.equal(started?.kind === 'started' && started.runDir, path.join(dir, 'runs', runId));
    const epochs: EpochMetrics[] = events.flatMap((event) => (event.kind === 'epoch' ? [event.metrics] : []));
    assert.deepEqual(
      epochs.map((m) => m.epoch),
      [1, 2, 3, 4],
    );
    assert.ok(events.some((event) => event.kind === 'log' && event.line.startsWith('completed: test accuracy')));
    assert.deepEqual(events.at(-1), { kind: 'finished', runId, state: 'completed' });
    assert.equal((await readRun(path.join(dir, 'runs', runId))).status.state, 'completed');
    // `finished` comes after the ledger entry, so whoever reacts to it finds the run recorded.
    assert.match(readFileSync(path.join(dir, '.rml/ledger.jsonl'), 'utf8'), new RegExp(runId));
  });

  it('cancels the job in the worker between batches', async () => {
    const runId = '20261202-120001-a1b2c4';
    const handle = startTrainingWorker(workerScript, { ...config(path.join(dir, 'cancelled')), runId }, (event) => {
      if (event.kind === 'epoch') handle.cancel();
    });
    assert.deepEqual(await handle.outcome, { state: 'cancelled' });
    assert.equal((await readRun(path.join(dir, 'cancelled', runId))).status.state, 'cancelled');
  });

  it("ends with a failed `finished` event carrying the job's error, recorded in the run folder", async () => {
    const runId = '20261202-120002-a1b2c5';
    const events: TrainingWorkerEvent[] = [];
    const handle = startTrainingWorker(
      workerScript,
      { ...config(path.join(dir, 'failed')), label: 'verdict', runId },
      (event) => events.push(event),
    );
    const outcome = await handle.outcome;
    assert.equal(outcome.state, 'failed');
    assert.match(outcome.error ?? '', /no column 'verdict' \(columns: id, text, dialect, label\)/);
    assert.deepEqual(events.at(-1), { kind: 'finished', runId, state: 'failed', error: outcome.error });
    assert.equal((await readRun(path.join(dir, 'failed', runId))).status.state, 'failed');
  });
});
