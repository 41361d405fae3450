/**
 * Entry of a scan worker thread (bundled as dist/scanWorker.js): scans the chunks of large tables it is sent,
 * one at a time, and answers each with its findings (chunkScan.ts). See workerPool.ts for the other end.
 */
import { parentPort } from 'node:worker_threads';
import { scanChunk } from './chunkScan';
import type { WorkerReply, WorkerRequest } from './workerPool';

const port = parentPort;
if (!port) throw new Error('scanWorker.ts runs as a worker thread');
port.on('message', (request: WorkerRequest) => {
  if (!('task' in request)) {
    port.postMessage({
      id: request.id,
      error: 'a chunk scan worker scans chunks of tables only (a JSONL chunk goes to a file scan worker)',
    } satisfies WorkerReply);
    return;
  }
  scanChunk(request.task).then(
    // The packed numbers are handed over, not copied.
    (result) =>
      port.postMessage({ id: request.id, result } satisfies WorkerReply, [result.events.numbers.buffer as ArrayBuffer]),
    (error: unknown) =>
      port.postMessage({
        id: request.id,
        error: error instanceof Error ? error.message : String(error),
      } satisfies WorkerReply),
  );
});
