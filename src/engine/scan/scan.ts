import { stat } from 'node:fs/promises';
import type { Finding } from '../../shared/findings';
import { pushFile, readByteChunks, ReplacementMarks, type ParseIssue, type RecordSink } from '../parse';
import { createParser } from '../parse/index';
import { combineAnalyzers } from './analyzers';
import { FindingCollector } from './collector';
import { analyzerSetFor } from './analyzerSet';
import { scanRestInChunks } from './chunkedScan';
import { chunkRequestOf } from './chunkScan';
import { chunkPool } from './chunkOrder';
import { FastCsvScan, type ByteSource } from './fastCsv';
import { scanJsonlInWorkers } from './jsonlChunked';
import type { ScanRequest } from './request';
import { scanWorkerCount, sharedScanPool } from './workerPool';

export type { ScanRequest, ScanScope, ScanStats } from './request';

/** Text is fed in slices so a long document yields the event loop and notices cancellation. */
const SLICE = 256 * 1024;

/** Scans an in-memory document (what the editor holds). */
export async function scanText(text: string, request: ScanRequest): Promise<Finding[]> {
  const fast = await scanTableFast(() => bufferSource(Buffer.from(text, 'utf8')), request, true);
  if (fast.findings) return fast.findings;
  const { collector, sink, finish } = await prepare(request);
  const parser = createParser(request.format, sink);
  for (let offset = 0; offset < text.length; offset += SLICE) {
    if (offset > 0) await yieldToEventLoop();
    request.signal?.throwIfAborted();
    parser.push(text.slice(offset, offset + SLICE));
  }
  parser.end();
  await finish();
  return collector.findings;
}

/** Scans a file from disk in bounded memory, whatever its size. */
export async function scanFile(path: string, request: ScanRequest): Promise<Finding[]> {
  const fast = await scanTableFast(() => fileSource(path), request, false, path);
  if (fast.findings) return fast.findings;
  if (request.stats) request.stats.path = 'parser';
  const { collector, sink, finish, set, issue } = await prepare(skipping(request, fast.delivered));
  if (
    request.format === 'jsonl' &&
    (await scanJsonlInWorkers(path, request, { collector, issue, ordered: set.ordered }))
  ) {
    await finish();
    return collector.findings;
  }
  const marks = new ReplacementMarks();
  const parser = createParser(request.format, sink, { replacementMarks: marks });
  await pushFile(path, parser, marks, { signal: request.signal });
  parser.end();
  await finish();
  return collector.findings;
}

/**
 * A CSV/TSV scan on the bytes (fastCsv.ts): the findings, or how many it delivered already (streamed) before the
 * file turned out to need the full parser, which then starts again and skips those. Text from an editor that the
 * fast path cannot take is simply scanned again (nothing was streamed).
 */
async function scanTableFast(
  source: () => ByteSource,
  request: ScanRequest,
  fromEditor: boolean,
  path?: string,
): Promise<{ findings?: Finding[]; delivered: number }> {
  if ((request.format !== 'csv' && request.format !== 'tsv') || request.fastPath === false) return { delivered: 0 };
  let delivered = 0;
  const { onFinding, lines } = request;
  const counting: ScanRequest = onFinding
    ? {
        ...request,
        onFinding: (finding: Finding) => (delivered++, onFinding(finding)),
        ...(lines ? { lines: { format: lines.format, onLine: (line) => (delivered++, lines.onLine(line)) } } : {}),
      }
    : request;
  const { collector, set, issue } = await prepare(counting);
  if (!set.tableParts) return { delivered: 0 };
  const scan = new FastCsvScan(set.tableParts, collector, issue, request.format, fromEditor);
  const bytes = source();
  if (request.stats) request.stats.threads = 1;
  try {
    const workers = path === undefined ? 1 : scanWorkerCount(request.workers);
    const outcome =
      workers > 1 ? await scanInWorkers(path!, scan, bytes, { request: counting, collector, issue, workers }) : 'local';
    if (outcome === 'irregular') return { delivered };
    if (outcome === 'local' && (await scan.run(bytes, request.signal)) === 'irregular') return { delivered };
  } finally {
    await bytes.close();
  }
  await set.tableParts.audit?.finish();
  if (request.stats) request.stats.path = 'bytes';
  return { findings: collector.findings, delivered };
}

/** Chunks of this many bytes go to the workers. */
const CHUNK_BYTES = 4 << 20;

/**
 * The head of a table (its header, the audit's sample) read here, the rest in worker threads (chunkedScan.ts):
 * 'local' when the rest is too small to be worth it or no worker script is at hand (the caller goes on).
 */
async function scanInWorkers(
  path: string,
  scan: FastCsvScan,
  bytes: ByteSource,
  context: { request: ScanRequest; collector: FindingCollector; issue: (issue: ParseIssue) => void; workers: number },
): Promise<'done' | 'irregular' | 'local'> {
  const { request } = context;
  const head = await scan.run(bytes, request.signal, scan.headRead);
  if (head !== 'stopped') return head;
  const chunkBytes = request.chunkBytes ?? CHUNK_BYTES;
  const size = (await stat(path)).size;
  const chunks = Math.ceil((size - scan.position.offset) / chunkBytes);
  // n threads are this one and n - 1 workers: this one scans chunks too, or reads the rows for an audit that reads
  // every row (chunkedScan.ts).
  const pool = chunkPool(size, chunks, context.workers, sharedScanPool);
  if (!pool) return 'local';
  const { request: chunkRequest, onLine } = chunkRequestOf(request);
  return scanRestInChunks({
    ...context,
    ...(onLine ? { onLine } : {}),
    path,
    size,
    request: chunkRequest,
    scan,
    pool,
    chunkBytes,
    signal: request.signal,
    stats: request.stats,
    bytes,
  });
}

/** The request with its first `count` streamed findings dropped (a fast scan delivered them already). */
function skipping(request: ScanRequest, count: number): ScanRequest {
  const onFinding = request.onFinding;
  if (!onFinding || count === 0) return request;
  let left = count;
  return { ...request, onFinding: (finding) => (left > 0 ? void left-- : onFinding(finding)) };
}

function fileSource(path: string): ByteSource {
  const chunks = readByteChunks(path);
  return {
    next: async () => {
      const next = await chunks.next();
      return next.done ? undefined : next.value;
    },
    close: async () => void (await chunks.return(undefined)),
  };
}

/** An editor's text in 256 KiB pieces, yielding to the event loop between them (edits and cancellation get in). */
function bufferSource(bytes: Buffer): ByteSource {
  let offset = 0;
  return {
    next: async () => {
      if (offset >= bytes.length) return undefined;
      if (offset > 0) await yieldToEventLoop();
      const piece = bytes.subarray(offset, offset + SLICE);
      offset += SLICE;
      return piece;
    },
    close: async () => undefined,
  };
}

async function prepare(request: ScanRequest) {
  const collector = new FindingCollector(
    request.file,
    request.relativePath,
    request.config,
    request.overrides,
    request.onFinding,
    request.fingerprints,
  );
  const set = await analyzerSetFor(request, collector);
  const analyzers = combineAnalyzers(set.analyzers);
  // Parse errors belong to the per-value pass; the dataset pass would report them twice.
  const issue =
    request.scope === 'dataset' ? () => undefined : (found: ParseIssue) => admitParseIssue(found, collector);
  const sink: RecordSink = { header: analyzers.header, record: analyzers.record, issue };
  return { collector, sink, finish: analyzers.finish, set, issue };
}

function admitParseIssue(issue: ParseIssue, collector: FindingCollector): void {
  const { line, character } = issue.range.start;
  collector.add({
    code: 'data/parse-error',
    range: issue.range,
    severity: 'error',
    message: `${issue.message} (line ${line + 1}, column ${character + 1})`,
    subject: `${line}:${character}:${issue.message}`,
  });
}

function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
