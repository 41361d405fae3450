/**
 * Entry of a scan worker thread (bundled as dist/scanWorkerMain.js, which dist/scanWorker.js loads): scans the
 * chunks of large tables it is sent, one at a time, and answers each with its findings (chunkScan.ts). See
 * workerPool.ts for the other end.
 */
import { parentPort } from 'node:worker_threads';
import { scanChunk } from './chunkScan';
import { transferOf } from './packing';
import { answerInTurn } from './workerEntry';

const port = parentPort;
if (!port) throw new Error('scanWorker.ts runs as a worker thread');
answerInTurn(port, async (request) => {
  if (!('task' in request))
    return {
      reply: {
        id: request.id,
        error: 'a chunk scan worker scans chunks of tables only (a JSONL chunk goes to a file scan worker)',
      },
    };
  const result = await scanChunk(request.task);
  // The packed buffers are handed over, not copied.
  return { reply: { id: request.id, result }, transfer: transferOf(result.events) };
});
