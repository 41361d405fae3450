import { randomBytes } from 'node:crypto';
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
