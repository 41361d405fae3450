import { strict as assert } from 'node:assert';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { cutSarifTail, joinedEntry, jsonLine, textLine, type LineFormat } from '../../../src/engine/findings';
import { scanFile, type ScanRequest, type ScanStats } from '../../../src/engine/scan/scan';
import type { RmlConfig } from '../../../src/shared/config';
import type { Finding } from '../../../src/shared/findings';

// What the table and the JSONL tests of scans on several threads share: the request for a file, its findings as
// JSON lines, and the check that several threads give one thread's findings byte for byte.

/** The files under `dir` (recursively) whose names match `pattern`. */
export function fixturesMatching(dir: string, pattern: RegExp): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return fixturesMatching(full, pattern);
    return pattern.test(entry.name) ? [full] : [];
  });
}

function formatOf(file: string): ScanRequest['format'] {
  if (/\.(jsonl|ndjson)$/.test(file)) return 'jsonl';
  return file.endsWith('.tsv') ? 'tsv' : 'csv';
}

export function requestFor(file: string, workers: number, chunkBytes?: number, config: RmlConfig = {}): ScanRequest {
  const name = path.basename(file);
  return {
    file: name,
    relativePath: name,
    path: file,
    format: formatOf(file),
    config,
    workers,
    ...(chunkBytes ? { chunkBytes } : {}),
  };
}

async function streamed(file: string, request: ScanRequest): Promise<string[]> {
  const out: string[] = [];
  await scanFile(file, { ...request, onFinding: (finding) => out.push(JSON.stringify(finding)) });
  return out;
}

/** The report lines of a scan that lets the workers write findings as lines of `format` (as `rml scan` does). */
async function written(file: string, request: ScanRequest, format: LineFormat): Promise<string[]> {
  const out: string[] = [];
  const render = format === 'json' ? jsonLine : format === 'text' ? textLine : sarifTail;
  await scanFile(file, {
    ...request,
    onFinding: (finding) => out.push(render(finding)),
    lines: { format, onLine: (line) => out.push(line.text) },
  });
  return out;
}

/** What the SARIF report writes of a finding after its rule index, or the finding when that is not written out directly. */
function sarifTail(finding: Finding): string {
  const tail = cutSarifTail(finding);
  return tail ? joinedEntry(tail) : JSON.stringify(finding);
}

/** One thread's findings, checked equal to `workers` threads' in chunks of `chunkBytes`, streamed and returned. */
export async function assertSameFindings(
  file: string,
  chunkBytes: number,
  workers = 3,
  config: RmlConfig = {},
): Promise<{ stats: ScanStats; findings: string[] }> {
  const single = await streamed(file, requestFor(file, 1, undefined, config));
  const stats: ScanStats = {};
  const parallel = await streamed(file, { ...requestFor(file, workers, chunkBytes, config), stats });
  assert.equal(
    parallel.length,
    single.length,
    `${file}: ${parallel.length} findings with ${workers} threads, ${single.length} with one`,
  );
  assert.deepEqual(parallel, single, file);
  const returned = (await scanFile(file, requestFor(file, workers, chunkBytes, config))).map((finding) =>
    JSON.stringify(finding),
  );
  assert.deepEqual(returned, single, `${file} (returned, not streamed)`);
  const request = requestFor(file, workers, chunkBytes, config);
  assert.deepEqual(await written(file, request, 'json'), single, `${file} (json lines)`);
  const text = single.map((line) => textLine(JSON.parse(line) as Finding));
  assert.deepEqual(await written(file, request, 'text'), text, `${file} (text lines)`);
  const sarif = single.map((line) => sarifTail(JSON.parse(line) as Finding));
  assert.deepEqual(await written(file, request, 'sarif'), sarif, `${file} (SARIF results)`);
  return { stats, findings: single };
}
