import { createReadStream } from 'node:fs';
import { StringDecoder } from 'node:string_decoder';
import { createParser } from '../parse/create';
import type { DatasetFormat, ParseOptions, RecordSink } from '../parse/types';

/**
 * The text of a UTF-8 file in chunks of about `chunkBytes` bytes, in bounded memory. A StringDecoder keeps a
 * multi-byte sequence split between two reads whole, and turns invalid bytes into U+FFFD (which the parsers
 * report). A leading BOM is dropped, as VS Code does.
 */
export async function* readTextChunks(path: string, chunkBytes = 1 << 20): AsyncGenerator<string> {
  if (!Number.isInteger(chunkBytes) || chunkBytes < 1) {
    throw new Error(`chunkBytes must be a positive integer, got ${chunkBytes}`);
  }
  const decoder = new StringDecoder('utf8');
  let first = true;
  const stream = createReadStream(path, { highWaterMark: chunkBytes });
  for await (const bytes of stream as AsyncIterable<Buffer>) {
    let text = decoder.write(bytes);
    if (first && text.length > 0) {
      first = false;
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    }
    if (text.length > 0) yield text;
  }
  const rest = decoder.end();
  if (rest.length > 0) yield first && rest.charCodeAt(0) === 0xfeff ? rest.slice(1) : rest;
}

export interface ParseFileOptions extends ParseOptions {
  chunkBytes?: number;
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
  const { chunkBytes, signal, ...parseOptions } = options;
  const parser = createParser(format, sink, parseOptions);
  const chunks = readTextChunks(path, chunkBytes);
  try {
    for (;;) {
      signal?.throwIfAborted();
      const next = await chunks.next().catch((error: unknown) => {
        throw new Error(`cannot read ${path}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
      });
      if (next.done) break;
      parser.push(next.value); // errors thrown by the sink pass through unchanged
    }
  } finally {
    await chunks.return(undefined); // closes the file when parsing stopped early
  }
  parser.end();
}
