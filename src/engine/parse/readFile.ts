import { promises as fs } from 'node:fs';
import { createParser } from './create';
import { ReplacementMarks } from './replacementMarks';
import type { DatasetFormat, ParseOptions, RecordSink, StreamParser } from './types';
import { createChunkDecoder, encodingOf, type ChunkDecoder, type DecodedChunk } from './decode';

export interface ReadOptions {
  /** Bytes per read (default 1 MiB). */
  chunkBytes?: number;
  /** Refuse a file larger than this many bytes (a file a config names, say); default: no bound. */
  maxBytes?: number;
  /**
   * Only these bytes of a UTF-8 file, `start` a line start (a chunk scanned in a worker): read from `start` up to
   * `end`, the text's offsets counted from `start`; past the file's first byte nothing is a byte-order mark.
   */
  range?: { start: number; end: number };
}

/** A regular file's bytes in chunks of `chunkBytes` (Buffers of their own: callers may keep them). */
export async function* readByteChunks(path: string, chunkBytes = 1 << 20): AsyncGenerator<Buffer> {
  const handle = await fs.open(path, 'r').catch((error: unknown) => {
    throw new Error(`cannot read ${path}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  });
  try {
    const stat = await handle.stat();
    if (!stat.isFile()) throw new Error(`cannot read ${path}: not a regular file`);
    for (let offset = 0; ; ) {
      const wanted = readSize(chunkBytes, stat.size, offset);
      const buffer = Buffer.allocUnsafe(wanted);
      const { bytesRead } = await handle.read(buffer, 0, wanted, null);
      if (bytesRead === 0) return;
      offset += bytesRead;
      yield buffer.subarray(0, bytesRead);
    }
  } finally {
    await handle.close();
  }
}

/**
 * How many bytes to read at `offset` of a file of `size` bytes when it was opened: what is left of it, at most
 * `chunkBytes`; at its end a small read that finds nothing (unless the file grew: then `chunkBytes` again). A
 * whole `chunkBytes` buffer per read, the last one empty, was 2 MiB of buffers for a file of 2 KB: 2,000 small
 * files made the scan workers collect garbage for the memory outside the heap, a full collection every few files.
 */
function readSize(chunkBytes: number, size: number, offset: number): number {
  if (offset < size) return Math.min(chunkBytes, size - offset);
  return offset === size ? Math.min(chunkBytes, PAST_END_BYTES) : chunkBytes;
}

const PAST_END_BYTES = 1024;

/** Enough bytes to tell a UTF-16 byte-order mark (2) or UTF-8's (3) from text. */
const BOM_BYTES = 3;

/**
 * The text of a file in chunks of about `chunkBytes` bytes, in bounded memory, with the offsets of the U+FFFD
 * that replaced invalid UTF-8. UTF-8 unless a byte-order mark says UTF-16 (LE or BE); a leading BOM is dropped,
 * as VS Code does. Only regular files are read: a device or a pipe (`/dev/zero`) never ends.
 */
export async function* readDecodedChunks(path: string, options: ReadOptions = {}): AsyncGenerator<DecodedChunk> {
  const chunkBytes = options.chunkBytes ?? 1 << 20;
  if (!Number.isInteger(chunkBytes) || chunkBytes < 1)
    throw new Error(`chunkBytes must be a positive integer, got ${chunkBytes}`);
  const handle = await fs.open(path, 'r');
  try {
    const stat = await handle.stat();
    if (!stat.isFile()) throw new Error('not a regular file');
    const maxBytes = options.maxBytes ?? Number.POSITIVE_INFINITY;
    if (stat.size > maxBytes) throw new Error(`larger than ${maxBytes} bytes (${stat.size})`);
    const range = options.range;
    let decoder: ChunkDecoder | undefined = range && range.start > 0 ? createChunkDecoder('utf-8', true) : undefined;
    let head: Uint8Array = new Uint8Array(0);
    let total = 0;
    let position = range?.start ?? null;
    for (;;) {
      const at = position ?? total;
      const wanted = Math.min(readSize(chunkBytes, stat.size, at), range ? range.end - at : Number.POSITIVE_INFINITY);
      if (wanted <= 0) break;
      const buffer = Buffer.allocUnsafe(wanted);
      const { bytesRead } = await handle.read(buffer, 0, wanted, position);
      if (bytesRead === 0) break;
      if (position !== null) position += bytesRead;
      total += bytesRead;
      if (total > maxBytes) throw new Error(`grew past ${maxBytes} bytes while being read`);
      let bytes: Uint8Array = buffer.subarray(0, bytesRead);
      if (!decoder) {
        head = concatBytes(head, bytes);
        if (head.length < BOM_BYTES) continue;
        decoder = createChunkDecoder(encodingOf(head));
        bytes = head;
      }
      const chunk = decoder.write(bytes);
      if (chunk.text.length > 0) yield chunk;
    }
    decoder ??= createChunkDecoder(encodingOf(head));
    const first = head.length < BOM_BYTES ? decoder.write(head) : undefined;
    for (const chunk of [first, decoder.end()]) if (chunk && chunk.text.length > 0) yield chunk;
  } finally {
    await handle.close();
  }
}

function concatBytes(a: Uint8Array, b: Uint8Array): Uint8Array {
  if (a.length === 0) return Uint8Array.from(b);
  const joined = new Uint8Array(a.length + b.length);
  joined.set(a, 0);
  joined.set(b, a.length);
  return joined;
}

/** `readDecodedChunks`, text only (an invalid byte is U+FFFD, like any other). */
export async function* readTextChunks(path: string, chunkBytes = 1 << 20): AsyncGenerator<string> {
  for await (const chunk of readDecodedChunks(path, { chunkBytes })) yield chunk.text;
}

export interface ParseFileOptions extends ParseOptions, ReadOptions {
  /** Stops reading between chunks; the promise then rejects with the signal's reason. */
  signal?: AbortSignal;
}

/**
 * Streams a file through the parser of `format` into `sink`. Rejects with an error naming the file when it
 * cannot be read; malformed content is not an error but issues in the sink.
 */
export async function parseFile(
  path: string,
  format: DatasetFormat,
  sink: RecordSink,
  options: ParseFileOptions = {},
): Promise<void> {
  const { chunkBytes, maxBytes, signal, ...parseOptions } = options;
  const marks = new ReplacementMarks();
  const parser = createParser(format, sink, { ...parseOptions, replacementMarks: marks });
  await pushFile(path, parser, marks, { chunkBytes, maxBytes, signal });
  parser.end();
}

/**
 * Feeds a file's text to `parser`, telling `marks` first which U+FFFD of each chunk replaced invalid bytes (the
 * parser must have been made with `marks`). Does not end the parser.
 */
export async function pushFile(
  path: string,
  parser: StreamParser,
  marks: ReplacementMarks,
  options: ReadOptions & { signal?: AbortSignal } = {},
): Promise<void> {
  const chunks = readDecodedChunks(path, options);
  try {
    for (;;) {
      options.signal?.throwIfAborted();
      const next = await chunks.next().catch((error: unknown) => {
        throw new Error(`cannot read ${path}: ${error instanceof Error ? error.message : String(error)}`, {
          cause: error,
        });
      });
      if (next.done) break;
      marks.addChunk(next.value.text.length, next.value.invalidUtf8);
      parser.push(next.value.text); // errors thrown by the sink pass through unchanged
    }
  } finally {
    await chunks.return(undefined); // closes the file when parsing stopped early
  }
}
