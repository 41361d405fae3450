/**
 * Entry of a file scan worker thread (bundled as dist/fileScanWorker.js): scans the whole small files it is sent,
 * one at a time, and answers each with its findings (wholeFile.ts). Apart from scanWorker.ts, whose bundle holds
 * only what a table's chunk needs: this one holds every check (chat datasets, cards, prompts, the audit).
 */
import { parentPort } from 'node:worker_threads';
import { scanWholeFile } from './wholeFile';
import type { WorkerReply, WorkerRequest } from './workerPool';

const port = parentPort;
if (!port) throw new Error('fileScanWorker.ts runs as a worker thread');
port.on('message', (request: WorkerRequest) => {
  if (!('file' in request)) {
    port.postMessage({ id: request.id, error: 'a file scan worker scans whole files only' } satisfies WorkerReply);
    return;
  }
  scanWholeFile(request.file).then(
    // The packed numbers are handed over, not copied.
    (result) =>
      port.postMessage({ id: request.id, result } satisfies WorkerReply, [
        result.findings.numbers.buffer as ArrayBuffer,
      ]),
    (error: unknown) =>
      port.postMessage({
        id: request.id,
        error: error instanceof Error ? error.message : String(error),
      } satisfies WorkerReply),
  );
});
