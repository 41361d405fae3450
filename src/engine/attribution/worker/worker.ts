/**
 * Worker-thread entry of attribution tasks (bundled to `dist/attributionWorker.js`): a run's attribution file after
 * training, and label issues by k-fold training, never block the language server. Started by `client.ts`.
 */
import * as tf from '@tensorflow/tfjs';
import { parentPort } from 'node:worker_threads';
import { releaseComputeResources, selectSynchronousBackend } from '../../compute';
import { findDatasetLabelIssues } from '../../labels';
import { attributeCompletedRun } from '../runAttribution';
import type { AttributionWorkerEvent, AttributionWorkerRequest } from './protocol';

const port = parentPort;
if (!port) throw new Error('attributionWorker must run in a worker thread');
tf.enableProdMode();

const cancellation = new AbortController();
const post = (event: AttributionWorkerEvent) => port.postMessage(event);

async function run(request: Extract<AttributionWorkerRequest, { type: 'start' }>): Promise<void> {
  const log = (line: string) => post({ kind: 'log', line });
  try {
    const loaders = {
      extraModuleDirs: request.extraModuleDirs ?? [],
      ...(request.wasmDir ? { wasmDir: request.wasmDir } : {}),
    };
    await selectSynchronousBackend(request.backend, loaders, log);
    const { task } = request;
    const result =
      task.task === 'run-attribution'
        ? await attributeCompletedRun(task.runDir, { signal: cancellation.signal })
        : await findDatasetLabelIssues(
            task.file,
            task.label,
            task.source.kind === 'k-fold' ? { ...task.source, signal: cancellation.signal } : task.source,
            { ...task.options, log },
          );
    post({ kind: 'done', result });
  } catch (error) {
    post({
      kind: 'failed',
      error: error instanceof Error ? error.message : String(error),
      cancelled: cancellation.signal.aborted,
    });
  } finally {
    releaseComputeResources();
    port!.close();
  }
}

let started = false;
port.on('message', (request: AttributionWorkerRequest) => {
  if (request.type === 'cancel') cancellation.abort();
  else if (!started) {
    started = true;
    void run(request);
  }
});
