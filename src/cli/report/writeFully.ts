import { writeSync } from 'node:fs';

/** Shared by every wait: `Atomics.wait` on it sleeps the thread without spinning. */
const pause = new Int32Array(new SharedArrayBuffer(4));

/**
 * Writes all of `text` to `fd` before returning, waiting while a pipe is full. `process.stdout.write` to a pipe
 * is asynchronous in Node: when the reader is slower than the scan (a CI log collector, `| grep`), everything
 * not yet read queues in memory, 1.7 GB for the text report of a 1 GB file piped to `tail`. Waiting instead
 * keeps the CLI's memory bounded by the scan's own, and the reader sees the same bytes in the same order.
 */
export function writeFully(fd: number, text: string): void {
  const bytes = Buffer.from(text, 'utf8');
  for (let offset = 0; offset < bytes.length; ) {
    try {
      offset += writeSync(fd, bytes, offset);
    } catch (error) {
      // libuv puts a stdout pipe in non-blocking mode once `process.stdout` is touched: EAGAIN means "full".
      if ((error as NodeJS.ErrnoException).code !== 'EAGAIN') throw error;
      Atomics.wait(pause, 0, 0, 1);
    }
  }
}
