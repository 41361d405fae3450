import type { promises as fs } from 'node:fs';

const LF = 10;
const CR = 13;

/** The first offset at or after `from` where a line starts (after LF, CRLF or a lone CR); the file's size if none. */
export async function lineStartFrom(handle: fs.FileHandle, from: number): Promise<number> {
  if (from <= 0) return 0;
  const buffer = Buffer.allocUnsafe(64 * 1024);
  for (let at = from - 1; ; at += buffer.length - 1) {
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, at);
    if (bytesRead === 0) return at;
    for (let i = 0; i < bytesRead; i++) {
      const byte = buffer[i];
      if (byte !== LF && byte !== CR) continue;
      if (byte === LF) return at + i + 1;
      if (i + 1 < bytesRead) return buffer[i + 1] === LF ? at + i + 2 : at + i + 1;
      break;
    }
    if (bytesRead < buffer.length) return at + bytesRead;
  }
}
