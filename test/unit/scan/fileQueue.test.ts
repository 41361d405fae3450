import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../../src/engine/config';
import { relativeToRoot } from '../../../src/engine/findings';
import { FileScanQueue, POOL_AFTER_FILES, type QueuedFile } from '../../../src/engine/scan/fileQueue';
import { scanFile } from '../../../src/engine/scan/scan';
import { findScannableFiles, type ScannableFile } from '../../../src/engine/workspace';
import { manyFilesFolder } from './manyFiles';

/**
 * Files scanned whole in worker threads, ahead of their turn, must be reported as if scanned one after another:
 * each file's findings between its begin and its end, files in the order queued, a scan's error (after the
 * findings it streamed) at its file's end.
 */
describe('FileScanQueue', function () {
  this.timeout(120_000);
  let ws: string;
  let files: ScannableFile[];
  before(async () => {
    ws = mkdtempSync(path.join(os.tmpdir(), 'rml-file-queue-'));
    manyFilesFolder(ws);
    files = [];
    const { config, root } = await loadConfig({ startDir: ws });
    for await (const file of findScannableFiles(ws, { config, root: root ?? ws })) files.push(file);
  });
  after(() => rmSync(ws, { recursive: true, force: true }));

  async function requestFor(file: ScannableFile, events: string[]): Promise<QueuedFile['request']> {
    const loaded = await loadConfig({ startDir: path.dirname(file.path) });
    return {
      file: path.relative(ws, file.path),
      relativePath: relativeToRoot(loaded.root ?? ws, file.path),
      path: file.path,
      displayNameOf: (other) => `named:${path.relative(ws, other)}`,
      format: file.format,
      isPrompt: file.isPrompt,
      ...(file.card ? { card: file.card } : {}),
      config: loaded.config,
      onFinding: (finding) => void events.push(JSON.stringify(finding)),
    };
  }

  /** One after another, as `rml scan` did before the queue. */
  async function sequentially(): Promise<string[]> {
    const events: string[] = [];
    for (const file of files) {
      const request = await requestFor(file, events);
      events.push(`begin ${file.path}`);
      try {
        await scanFile(file.path, request);
        events.push(`end ${file.path}`);
      } catch (error) {
        events.push(`end ${file.path} ${(error as Error).message}`);
      }
    }
    return events;
  }

  async function queued(workers: number): Promise<{ events: string[]; inWorkers: number }> {
    const events: string[] = [];
    const queue = new FileScanQueue({ workers });
    for (const file of files) {
      const request = await requestFor(file, events);
      await queue.add({
        path: file.path,
        size: file.size,
        request,
        begin: () => void events.push(`begin ${file.path}`),
        end: (error) => void events.push(`end ${file.path}${error ? ` ${(error as Error).message}` : ''}`),
      });
    }
    await queue.finish();
    return { events, inWorkers: queue.scannedInWorkers };
  }

  it('reports what one-after-another scanning reports, in the same order, from 3 threads with workers', async () => {
    assert.ok(files.length > POOL_AFTER_FILES + 10, `${files.length} files`);
    const expected = await sequentially();
    assert.ok(expected.some((event) => event.includes("Unknown phone number region 'ZZ'")));
    assert.ok(
      expected.some((event) => event.includes('named:splits/test.csv')),
      'a finding names the test split',
    );
    const pooled = await queued(3);
    assert.ok(pooled.inWorkers > 0, 'workers scanned files');
    assert.deepEqual(pooled.events, expected);
  });

  it('keeps every file on this thread below 3 threads, and with a few files', async () => {
    const expected = await sequentially();
    const two = await queued(2);
    assert.equal(two.inWorkers, 0);
    assert.deepEqual(two.events, expected);
    const few = files.slice(0, POOL_AFTER_FILES - 1);
    const all = files;
    files = few;
    try {
      const fewQueued = await queued(3);
      assert.equal(fewQueued.inWorkers, 0);
    } finally {
      files = all;
    }
  });
});
