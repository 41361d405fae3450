import { randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, openSync, readdirSync, renameSync, rmSync, unlinkSync, writeSync } from 'node:fs';
import { mkdir, readdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import writeFileAtomic from 'write-file-atomic';
import { processIsAlive } from './processes';

/**
 * Artifacts are written so that a reader, or a crash, sees the old file or the new one, never half of one: a
 * temporary sibling is written and fsynced, renamed over the target, and the directory is fsynced so the rename
 * itself survives a power cut. Temporaries of a process that died (kill -9) are removed by the next write.
 */

/** Writes `data` to a temporary file beside `file`, fsyncs it and renames it over `file`: readers see old or new. */
export async function writeFileAtomically(file: string, data: string | Buffer): Promise<void> {
  await writeFileAtomic(file, data, { fsync: true });
  fsyncDirectory(path.dirname(path.resolve(file)));
}

/** Pretty JSON with a final newline, written atomically. */
export async function writeJsonAtomic(file: string, value: unknown): Promise<void> {
  await writeFileAtomically(file, `${JSON.stringify(value, null, 2)}\n`);
}

/**
 * Fills a hidden sibling directory through `fill`, then renames it to `dir` in one step, so `dir` either does
 * not exist or is complete (its files fsynced first). The temporary directory is removed if `fill` throws.
 * `dir` must not exist yet.
 */
export async function writeDirectoryAtomically(dir: string, fill: (tempDir: string) => Promise<void>): Promise<void> {
  const parent = path.dirname(path.resolve(dir));
  removeStaleTemporaries(parent, path.basename(dir));
  const tempDir = path.join(parent, temporaryName(path.basename(dir)));
  await mkdir(tempDir, { recursive: true });
  try {
    await fill(tempDir);
    for (const entry of await readdir(tempDir, { withFileTypes: true }))
      if (entry.isFile()) fsyncFile(path.join(tempDir, entry.name));
    fsyncDirectory(tempDir);
    await rename(tempDir, dir);
    fsyncDirectory(parent);
  } catch (error) {
    await rm(tempDir, { recursive: true, force: true });
    throw error;
  }
}

/**
 * Streams lines into a temporary file beside `file` (synchronous appends: parser callbacks cannot wait), then
 * fsyncs and renames it over `file`; if `produce` throws, the temporary file is removed and `file` is untouched.
 */
export async function writeLinesAtomically(
  file: string,
  produce: (line: (text: string) => void) => Promise<void>,
): Promise<void> {
  const parent = path.dirname(path.resolve(file));
  removeStaleTemporaries(parent, path.basename(file));
  const temporary = path.join(parent, temporaryName(path.basename(file)));
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
  fsyncDirectory(parent);
}

/** `.<name>.<pid>-<random>.tmp`: hidden, and naming the process that owns it. */
function temporaryName(name: string): string {
  return `.${name}.${process.pid}-${randomBytes(6).toString('hex')}.tmp`;
}

const TEMPORARY = /^\.(.+)\.(\d+)-[0-9a-f]{12}\.tmp$/;

/** Removes temporaries of `name` left in `dir` by processes that no longer run (a crash or kill -9 mid-write). */
export function removeStaleTemporaries(dir: string, name: string): string[] {
  let entries: string[];
  try {
    entries = readdirSync(dir);
  } catch {
    return [];
  }
  const removed: string[] = [];
  for (const entry of entries) {
    const match = TEMPORARY.exec(entry);
    if (!match || match[1] !== name || processIsAlive(Number(match[2]))) continue;
    rmSync(path.join(dir, entry), { recursive: true, force: true });
    removed.push(entry);
  }
  return removed;
}

function fsyncFile(file: string): void {
  const fd = openSync(file, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** Makes a rename in `dir` durable. Windows cannot open a directory for fsync (and NTFS journals renames). */
function fsyncDirectory(dir: string): void {
  if (process.platform === 'win32') return;
  fsyncFile(dir);
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
