import { strict as assert } from 'node:assert';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { OFF_THREAD_BYTES, sha256File } from '../../../src/engine/io/fileHash';

describe('sha256File', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(path.join(os.tmpdir(), 'rml-hash-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

  // Longer than one 1 MiB piece, not a multiple of it, so the last short piece counts.
  const bytes = Buffer.alloc((1 << 20) * 2 + 12_345, 'rml,');

  it('hashes a file on this thread, in pieces, as one hash of its bytes', async () => {
    const file = path.join(dir, 'small.csv');
    writeFileSync(file, bytes);
    assert.equal(await sha256File(file, bytes.length), sha256(bytes));
  });

  it('hashes a large file on the hash thread, to the same digest', async () => {
    const file = path.join(dir, 'large.csv');
    writeFileSync(file, bytes);
    // The size said decides the thread: this one is said to be large.
    const [first, second] = await Promise.all([sha256File(file, OFF_THREAD_BYTES), sha256File(file)]);
    assert.equal(first, sha256(bytes));
    assert.equal(second, sha256(bytes));
  });

  it('hashes an empty file', async () => {
    const file = path.join(dir, 'empty.csv');
    writeFileSync(file, '');
    assert.equal(await sha256File(file, OFF_THREAD_BYTES), sha256(Buffer.alloc(0)));
    assert.equal(await sha256File(file, 0), sha256(Buffer.alloc(0)));
  });

  it('fails with the missing file named, on either thread', async () => {
    const missing = path.join(dir, 'missing.csv');
    await assert.rejects(sha256File(missing, OFF_THREAD_BYTES), (error: Error) => error.message.includes(missing));
    await assert.rejects(sha256File(missing, 0), (error: Error) => error.message.includes(missing));
  });
});
