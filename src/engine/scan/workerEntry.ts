import type { MessagePort } from 'node:worker_threads';
import type { WorkerReply, WorkerRequest } from './workerPool';

/** What a worker answers a request with, and the buffers handed over with it (not copied). */
export interface Answer {
  reply: WorkerReply;
  transfer?: ArrayBuffer[];
}

/**
 * Answers each request that reaches `port`, one at a time, in the order they came. The pool sends a worker its
 * next job while it still scans one (workerPool.ts: JOBS_PER_WORKER), so that job is there the moment this one
 * ends instead of after the calling thread's next turn of its event loop; two scans must not interleave, each
 * holding a chunk's worth of memory.
 */
export function answerInTurn(port: MessagePort, answer: (request: WorkerRequest) => Promise<Answer>): void {
  let turn: Promise<void> = Promise.resolve();
  port.on('message', (request: WorkerRequest) => {
    turn = turn.then(() =>
      answer(request).then(
        ({ reply, transfer }) => port.postMessage(reply, transfer),
        (error: unknown) =>
          port.postMessage({
            id: request.id,
            error: error instanceof Error ? error.message : String(error),
          } satisfies WorkerReply),
      ),
    );
  });
}
