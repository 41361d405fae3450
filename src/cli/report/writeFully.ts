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
  const bytes = encoded(text);
  for (let offset = 0; offset < bytes.length; ) {
    try {
      offset += writeSync(fd, bytes, offset, bytes.length - offset);
    } catch (error) {
      // libuv puts a stdout pipe in non-blocking mode once `process.stdout` is touched: EAGAIN means "full".
      if ((error as NodeJS.ErrnoException).code !== 'EAGAIN') throw error;
      Atomics.wait(pause, 0, 0, 1);
    }
  }
}

/**
 * One buffer that every text up to its size is encoded into (UTF-8 takes at most 3 bytes per UTF-16 unit): a
 * `Buffer.from` per 64 KiB block of a report was a fresh buffer each time, 75 MB of them for the text report of
 * the 100 MB bench table, on the thread that also merges the scan. A larger text gets a buffer of its own.
 */
const SCRATCH_BYTES = 256 * 1024;
let scratch: Buffer | undefined;

function encoded(text: string): Buffer {
  if (3 * text.length > SCRATCH_BYTES) return Buffer.from(text, 'utf8');
  scratch ??= Buffer.allocUnsafe(SCRATCH_BYTES);
  return scratch.subarray(0, scratch.write(text, 0, 'utf8'));
}
