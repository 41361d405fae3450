/**
 * Worker-thread entry of a training job (bundled to `dist/trainingWorker.js`): long training never blocks the
 * language server. Protocol in `workerProtocol.ts`; started through `workerClient.ts`.
 */
import * as tf from '@tensorflow/tfjs';
import { parentPort } from 'node:worker_threads';
import { runTrainingJob, TrainingJobError } from './job';
import type { TrainingWorkerEvent, TrainingWorkerRequest } from './workerProtocol';

const port = parentPort;
if (!port) throw new Error('trainingWorker must run in a worker thread');

// tfjs prints advice ("install our node backend") on stderr; the job reports its backend choice itself.
tf.enableProdMode();

const cancellation = new AbortController();
let started = false;

function post(event: TrainingWorkerEvent): void {
  port!.postMessage(event);
}

async function run(request: Extract<TrainingWorkerRequest, { type: 'start' }>): Promise<void> {
  try {
    const result = await runTrainingJob(
      request.config,
      {
        onStarted: (run) => post({ type: 'started', ...run }),
        onEpoch: (metrics) => post({ type: 'epoch', metrics }),
        onLog: (line) => post({ type: 'log', line }),
        signal: cancellation.signal,
      },
      request.cwd ?? process.cwd(),
    );
    post({ type: 'done', result });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    post({ type: 'error', message, ...(error instanceof TrainingJobError ? { runDir: error.runDir } : {}) });
  } finally {
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
