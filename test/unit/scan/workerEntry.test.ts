import { strict as assert } from 'node:assert';
import { MessageChannel } from 'node:worker_threads';
import { answerInTurn } from '../../../src/engine/scan/workerEntry';
import type { WorkerReply, WorkerRequest } from '../../../src/engine/scan/workerPool';

describe('answerInTurn (a scan worker holding more than one job)', () => {
  it('answers requests one at a time, in the order they came, an error in its turn', async () => {
    const { port1: worker, port2: pool } = new MessageChannel();
    let running = 0;
    let mostAtOnce = 0;
    answerInTurn(worker, async (request) => {
      running++;
      mostAtOnce = Math.max(mostAtOnce, running);
      // The first job takes longest: a second scan started beside it would answer first.
      await new Promise((resolve) => setTimeout(resolve, request.id === 0 ? 30 : 1));
      running--;
      if (request.id === 1) throw new Error('chunk 1 failed');
      return { reply: { id: request.id, error: `answer ${request.id}` } };
    });
    const replies: WorkerReply[] = [];
    const all = new Promise<void>((resolve) =>
      pool.on('message', (reply: WorkerReply) => {
        replies.push(reply);
        if (replies.length === 3) resolve();
      }),
    );
    for (const id of [0, 1, 2]) pool.postMessage({ id, file: {} } as unknown as WorkerRequest);
    await all;
    worker.close();
    assert.equal(mostAtOnce, 1);
    assert.deepEqual(replies, [
      { id: 0, error: 'answer 0' },
      { id: 1, error: 'chunk 1 failed' },
      { id: 2, error: 'answer 2' },
    ]);
  });
});
