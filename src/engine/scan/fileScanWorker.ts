/**
 * Entry of a file scan worker thread (bundled as dist/fileScanWorkerMain.js, which dist/fileScanWorker.js loads):
 * scans the whole small files it is sent, one at a time, and answers each with its findings (wholeFile.ts), and the
 * chunks of large JSONL files (jsonlChunkScan.ts), which run the same checks. Apart from scanWorker.ts, whose
 * bundle holds only what a table's chunk needs: this one holds every check (chat datasets, cards, prompts, the
 * audit).
 */
import { parentPort } from 'node:worker_threads';
import { scanJsonlChunk } from './jsonlChunkScan';
import { scanWholeFile } from './wholeFile';
import { transferOf } from './packing';
import { answerInTurn } from './workerEntry';

const port = parentPort;
if (!port) throw new Error('fileScanWorker.ts runs as a worker thread');
answerInTurn(port, async (request) => {
  if ('task' in request) return { reply: { id: request.id, error: 'a file scan worker scans no table chunks' } };
  const { result, packed } =
    'file' in request
      ? await scanWholeFile(request.file).then((result) => ({ result, packed: result.findings }))
      : await scanJsonlChunk(request.jsonl).then((result) => ({ result, packed: result.events }));
  // The packed buffers are handed over, not copied.
  return { reply: { id: request.id, result }, transfer: transferOf(packed) };
});
