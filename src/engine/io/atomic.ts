import { randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, openSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import writeFileAtomic from 'write-file-atomic';

/** Writes `data` to a temporary file beside `file`, fsyncs it and renames it over `file`: readers see old or new. */
export async function writeFileAtomically(file: string, data: string | Buffer): Promise<void> {
  await writeFileAtomic(file, data, { fsync: true });
}

/** Pretty JSON with a final newline, written atomically. */
export async function writeJsonAtomic(file: string, value: unknown): Promise<void> {
  await writeFileAtomically(file, `${JSON.stringify(value, null, 2)}\n`);
}

/**
 * Fills a hidden sibling directory through `fill`, then renames it to `dir` in one step, so `dir` either does
 * not exist or is complete. The temporary directory is removed if `fill` throws. `dir` must not exist yet.
 */
export async function writeDirectoryAtomically(dir: string, fill: (tempDir: string) => Promise<void>): Promise<void> {
  const tempDir = path.join(path.dirname(dir), `.${path.basename(dir)}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`);
  await mkdir(tempDir, { recursive: true });
  try {
    await fill(tempDir);
    await rename(tempDir, dir);
  } catch (error) {
    await rm(tempDir, { recursive: true, force: true });
    throw error;
  }
}

/**
 * Streams lines into a temporary file beside `file` (synchronous appends: parser callbacks cannot wait), then
 * fsyncs and renames it over `file`; if `produce` throws, the temporary file is removed and `file` is untouched.
 */
export async function writeLinesAtomically(file: string, produce: (line: (text: string) => void) => Promise<void>): Promise<void> {
  const temporary = path.join(path.dirname(path.resolve(file)), `.${path.basename(file)}.${randomBytes(6).toString('hex')}.tmp`);
  const fd = openSync(temporary, 'wx');
  const output = new BufferedLines(fd);
  try {
    await produce((text) => output.line(text));
    output.flush();
    fsyncSync(fd);
  } catch (error) {
    closeSync(fd);
    unlinkSync(temporary);
    throw error;
  }
  closeSync(fd);
  renameSync(temporary, file);
}

/** Collects lines and writes them in ~1 MB blocks. */
class BufferedLines {
  private parts: string[] = [];
  private size = 0;

  constructor(private readonly fd: number) {}

  line(text: string): void {
    this.parts.push(text, '\n');
    this.size += text.length + 1;
    if (this.size >= 1 << 20) this.flush();
  }

  flush(): void {
    if (this.parts.length === 0) return;
    writeSync(this.fd, this.parts.join(''));
    this.parts = [];
    this.size = 0;
  }
}
