import { createHash } from 'node:crypto';
import { stat } from 'node:fs/promises';
import { sha256File } from '../io';

export { sha256File };

/** SHA-256 (hex) of a string's UTF-8 bytes. */
export function sha256Text(text: string | Buffer): string {
  return createHash('sha256').update(text).digest('hex');
}

interface CachedHash {
  size: number;
  mtimeMs: number;
  sha256: string;
}

/**
 * File hashes remembered by size and modification time: card lint re-checks a cited dataset on every edit of the
 * card, and hashing a large dataset each time would stall the editor. A changed file changes its mtime or size.
 */
export class FileHashCache {
  private readonly byPath = new Map<string, CachedHash>();

  async sha256(file: string): Promise<string> {
    const info = await stat(file);
    const cached = this.byPath.get(file);
    if (cached && cached.size === info.size && cached.mtimeMs === info.mtimeMs) return cached.sha256;
    const sha256 = await sha256File(file, info.size);
    this.byPath.set(file, { size: info.size, mtimeMs: info.mtimeMs, sha256 });
    return sha256;
  }
}

/** The hash and size of a file, or undefined when it cannot be read (deleted, a folder…). */
export async function fileFingerprint(file: string): Promise<{ sha256: string; bytes: number } | undefined> {
  try {
    const info = await stat(file);
    if (!info.isFile()) return undefined;
    return { sha256: await sha256File(file, info.size), bytes: info.size };
  } catch {
    return undefined;
  }
}
