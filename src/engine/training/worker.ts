/**
 * Worker-thread entry of a training job (bundled to `dist/trainingWorker.js`): long training never blocks the
 * language server. Protocol in `workerProtocol.ts`; started through `workerClient.ts`.
 */
import * as tf from '@tensorflow/tfjs';
import { parentPort } from 'node:worker_threads';
import { releaseComputeResources } from '../compute';
import { runTrainingJob } from './job';
import type { TrainingWorkerEvent, TrainingWorkerRequest } from './workerProtocol';

const port = parentPort;
if (!port) throw new Error('trainingWorker must run in a worker thread');

// tfjs prints advice ("install our node backend") on stderr; the job reports its backend choice itself.
tf.enableProdMode();

const cancellation = new AbortController();
let started = false;

async function run(request: Extract<TrainingWorkerRequest, { type: 'start' }>): Promise<void> {
  let finished = false;
  const post = (event: TrainingWorkerEvent) => {
    if (event.kind === 'finished') finished = true;
    port!.postMessage(event);
  };
  try {
    await runTrainingJob(request.config, { onEvent: post, signal: cancellation.signal }, request.cwd ?? process.cwd());
  } catch (error) {
    // A job that failed after its run folder existed has said `finished` itself; one refused earlier has not.
    const message = error instanceof Error ? error.message : String(error);
    if (!finished) post({ kind: 'finished', runId: request.config.runId ?? '', state: 'failed', error: message });
  } finally {
    releaseComputeResources(); // a WebGPU device would keep the worker alive
    port!.close();
  }
}

port.on('message', (request: TrainingWorkerRequest) => {
  if (request.type === 'cancel') {
    cancellation.abort();
  } else if (request.type === 'start' && !started) {
    started = true;
    void run(request);
  }
});
