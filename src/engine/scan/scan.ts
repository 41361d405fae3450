import type { Finding } from '../../shared/findings';
import { readTextChunks } from '../io/readChunks';
import { createParser } from '../parse/index';
import type { ParseIssue, RecordSink } from '../parse/types';
import { combineAnalyzers } from './analyzers';
import { FindingCollector } from './collector';
import { analyzersFor } from './families';
import type { ScanRequest } from './request';

export type { ScanRequest, ScanScope } from './request';

/** Text is fed in slices so a long document yields the event loop and notices cancellation. */
const SLICE = 256 * 1024;

/** Scans an in-memory document (what the editor holds). */
export async function scanText(text: string, request: ScanRequest): Promise<Finding[]> {
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
  const { collector, sink, finish } = await prepare(request);
  const parser = createParser(request.format, sink);
  for await (const chunk of readTextChunks(path)) {
    request.signal?.throwIfAborted();
    parser.push(chunk);
  }
  parser.end();
  await finish();
  return collector.findings;
}

async function prepare(request: ScanRequest) {
  const collector = new FindingCollector(request.file, request.relativePath, request.config, request.overrides, request.onFinding);
  const analyzers = combineAnalyzers(await analyzersFor(request, collector));
  const sink: RecordSink = {
    header: analyzers.header,
    record: analyzers.record,
    // Parse errors belong to the per-value pass; the dataset pass would report them twice.
    issue: request.scope === 'dataset' ? () => undefined : (issue) => admitParseIssue(issue, collector),
  };
  return { collector, sink, finish: analyzers.finish };
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
