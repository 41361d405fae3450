import type { KeyObject } from 'node:crypto';
import { mkdir, open, writeFile, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import lockfile from 'proper-lockfile';
import { LEDGER_GENESIS, type LedgerActor, type LedgerEntry } from '../../../shared/ledger';
import { entryShapeProblem, lineHash, sealEntry, type LedgerDraft } from './entry';

export interface AppendOptions {
  actor: LedgerActor;
  signingKey?: KeyObject;
  now?: Date;
}

export interface AppendedEntry {
  line: number;
  hash: string;
  entry: LedgerEntry;
}

/**
 * Appends one entry under an inter-process lock (proper-lockfile: a `<ledger>.lock` directory, taken over when
 * stale), so concurrent writers (the server, `rml` in a terminal, CI) each chain onto the entry before theirs
 * and none is lost. The line is written with one append and fsynced; a torn line left by a writer that died
 * mid-write is moved aside to `<ledger>.torn-<time>` before the new entry is chained on.
 */
export async function appendLedgerEntry(
  ledger: string,
  draft: LedgerDraft,
  options: AppendOptions,
): Promise<AppendedEntry> {
  await mkdir(path.dirname(ledger), { recursive: true });
  const release = await lockfile.lock(ledger, {
    realpath: false,
    stale: 10_000,
    update: 2_000,
    retries: { retries: 400, factor: 1.2, minTimeout: 5, maxTimeout: 100, randomize: true },
  });
  try {
    const handle = await open(ledger, 'a+');
    try {
      const tail = await readTail(handle, ledger);
      const text = sealEntry(draft, {
        seq: tail.seq + 1,
        prev: tail.hash,
        actor: options.actor,
        at: (options.now ?? new Date()).toISOString(),
        ...(options.signingKey ? { signingKey: options.signingKey } : {}),
      });
      await handle.appendFile(`${text}\n`, 'utf8');
      await handle.sync();
      return { line: tail.seq + 1, hash: lineHash(text), entry: JSON.parse(text) as LedgerEntry };
    } finally {
      await handle.close();
    }
  } finally {
    await release();
  }
}

interface Tail {
  /** Lines in the ledger (the last entry's position). */
  seq: number;
  /** Hash of the last line, or the genesis value. */
  hash: string;
}

const BLOCK = 64 * 1024;

/** The last complete line's hash and position, read backwards from the end (appends stay O(1) in the ledger size). */
async function readTail(handle: FileHandle, ledger: string): Promise<Tail> {
  let size = (await handle.stat()).size;
  if (size === 0) return { seq: 0, hash: LEDGER_GENESIS };
  if ((await readRange(handle, size - 1, 1)) !== '\n') size = await setTornTailAside(handle, ledger, size);
  if (size === 0) return { seq: 0, hash: LEDGER_GENESIS };
  const last = await lastLine(handle, size);
  let parsed: unknown;
  try {
    parsed = JSON.parse(last.text);
  } catch {
    parsed = undefined;
  }
  // A line that is not an entry is kept and chained onto, so `verify` reports it rather than the append hiding it.
  const seq =
    parsed !== undefined && entryShapeProblem(parsed) === undefined
      ? (parsed as LedgerEntry).seq
      : await countLines(handle, size);
  return { seq, hash: lineHash(last.text) };
}

async function lastLine(handle: FileHandle, size: number): Promise<{ text: string; start: number }> {
  const end = size - 1; // the final newline
  let start = end;
  const chunks: Buffer[] = [];
  while (start > 0) {
    const from = Math.max(0, start - BLOCK);
    const buffer = Buffer.alloc(start - from);
    await handle.read(buffer, 0, buffer.length, from);
    const newline = buffer.lastIndexOf(0x0a);
    if (newline >= 0) {
      chunks.unshift(buffer.subarray(newline + 1));
      start = from + newline + 1;
      return { text: Buffer.concat(chunks).toString('utf8'), start };
    }
    chunks.unshift(buffer);
    start = from;
  }
  return { text: Buffer.concat(chunks).toString('utf8'), start: 0 };
}

async function setTornTailAside(handle: FileHandle, ledger: string, size: number): Promise<number> {
  const { text, start } = await lastLine(handle, size + 1);
  await writeFile(`${ledger}.torn-${new Date().toISOString().replace(/[:.]/g, '-')}`, text, 'utf8');
  await handle.truncate(start);
  return start;
}

async function readRange(handle: FileHandle, position: number, length: number): Promise<string> {
  const buffer = Buffer.alloc(length);
  await handle.read(buffer, 0, length, position);
  return buffer.toString('utf8');
}

async function countLines(handle: FileHandle, size: number): Promise<number> {
  let lines = 0;
  const buffer = Buffer.alloc(BLOCK);
  for (let position = 0; position < size; position += BLOCK) {
    const { bytesRead } = await handle.read(buffer, 0, Math.min(BLOCK, size - position), position);
    for (let i = 0; i < bytesRead; i++) if (buffer[i] === 0x0a) lines++;
  }
  return lines;
}
