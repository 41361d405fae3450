/**
 * Entry of a file scan worker thread (bundled as dist/fileScanWorker.js): scans the whole small files it is sent,
 * one at a time, and answers each with its findings (wholeFile.ts), and the chunks of large JSONL files
 * (jsonlChunkScan.ts), which run the same checks. Apart from scanWorker.ts, whose bundle holds only what a table's
 * chunk needs: this one holds every check (chat datasets, cards, prompts, the audit).
 */
import { parentPort } from 'node:worker_threads';
import { scanJsonlChunk } from './jsonlChunkScan';
import { scanWholeFile } from './wholeFile';
import type { WorkerReply, WorkerRequest } from './workerPool';

const port = parentPort;
if (!port) throw new Error('fileScanWorker.ts runs as a worker thread');
port.on('message', (request: WorkerRequest) => {
  if ('task' in request) {
    port.postMessage({ id: request.id, error: 'a file scan worker scans no table chunks' } satisfies WorkerReply);
    return;
  }
  const scanned =
    'file' in request
      ? scanWholeFile(request.file).then((result) => ({ result, packed: result.findings }))
      : scanJsonlChunk(request.jsonl).then((result) => ({ result, packed: result.events }));
  scanned.then(
    // The packed numbers are handed over, not copied.
    ({ result, packed }) =>
      port.postMessage({ id: request.id, result } satisfies WorkerReply, [packed.numbers.buffer as ArrayBuffer]),
    (error: unknown) =>
      port.postMessage({
        id: request.id,
        error: error instanceof Error ? error.message : String(error),
      } satisfies WorkerReply),
  );
});
