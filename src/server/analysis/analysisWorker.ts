/**
 * Worker-thread entry (bundled to `dist/analysisWorker.js`) that analyses open documents for the language server,
 * so a slow document never blocks the server's own thread, and one that runs past its time budget can be
 * stopped by ending the thread (`analysisPool.ts`).
 */
import { parentPort } from 'node:worker_threads';
import { URI } from 'vscode-uri';
import { scanText, DetectionCache } from '../../engine/scan';
import type { AnalysisRequest, AnalysisResponse } from './analysisProtocol';

const port = parentPort;
if (!port) throw new Error('analysisWorker must run in a worker thread');

/** Detection caches of the documents this worker analysed lately (bounded: documents beyond it start cold). */
const caches = new Map<string, DetectionCache>();
const MAX_CACHED_DOCUMENTS = 32;
const running = new Map<number, AbortController>();

function cacheOf(key: string): DetectionCache {
  let cache = caches.get(key);
  if (cache) caches.delete(key);
  else cache = new DetectionCache();
  caches.set(key, cache);
  while (caches.size > MAX_CACHED_DOCUMENTS) caches.delete(caches.keys().next().value as string);
  return cache;
}

async function analyse(message: Extract<AnalysisRequest, { type: 'analyse' }>): Promise<void> {
  const controller = new AbortController();
  running.set(message.id, controller);
  const reply = (response: AnalysisResponse) => port!.postMessage(response);
  try {
    const findings = await scanText(message.text, {
      ...message.request,
      displayNameOf: (absolutePath) => URI.file(absolutePath).toString(),
      cache: cacheOf(message.cacheKey),
      signal: controller.signal,
    });
    reply(
      controller.signal.aborted ? { type: 'cancelled', id: message.id } : { type: 'done', id: message.id, findings },
    );
  } catch (error) {
    if (controller.signal.aborted) reply({ type: 'cancelled', id: message.id });
    else reply({ type: 'failed', id: message.id, message: (error as Error).stack ?? String(error) });
  } finally {
    running.delete(message.id);
  }
}

port.on('message', (message: AnalysisRequest) => {
  if (message.type === 'analyse') void analyse(message);
  else if (message.type === 'cancel') running.get(message.id)?.abort();
  else caches.delete(message.cacheKey);
});
