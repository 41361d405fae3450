/**
 * Entry of a scan worker thread (bundled as dist/scanWorker.js): scans the chunks of large tables it is sent,
 * one at a time, and answers each with its findings (chunkScan.ts). See workerPool.ts for the other end.
 */
import { parentPort } from 'node:worker_threads';
import { scanChunk } from './chunkScan';
import { packResult, type WorkerReply, type WorkerRequest } from './workerPool';

const port = parentPort;
if (!port) throw new Error('scanWorker.ts runs as a worker thread');
port.on('message', (request: WorkerRequest) => {
  scanChunk(request.task).then(
    (result) => {
      const reply = packResult(result);
      port.postMessage({ id: request.id, ...reply } satisfies WorkerReply, [reply.packed.numbers.buffer as ArrayBuffer]);
    },
    (error: unknown) => port.postMessage({ id: request.id, error: error instanceof Error ? error.message : String(error) } satisfies WorkerReply),
  );
});
