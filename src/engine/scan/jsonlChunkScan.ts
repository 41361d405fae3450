import { promises as fs } from 'node:fs';
import type { ChatDatasetSummary, ChatSequence, CheckedExample } from '../chat/index';
import { createJsonlParser, pushFile, ReplacementMarks, type DataRecord, type Range } from '../parse';
import { combineAnalyzers } from './analyzers';
import { analyzerSetFor } from './analyzerSet';
import type { DatasetAuditAnalyzer } from './auditAnalyzer';
import { chunkEvents, ChunkEvent, type ChunkRequest, type ChunkResult, type EmitEvent } from './chunkScan';
import { lineStartFrom } from './lineStart';
import type { ScanRequest } from './request';

/** What a JSONL chunk needs of the scan request: plain data only (it crosses a thread). */
export type JsonlChunkRequest = ChunkRequest & Pick<ScanRequest, 'scope'>;

/** One piece of a large JSONL file, its lines scanned on their own (in a worker thread). */
export interface JsonlChunkTask {
  path: string;
  request: JsonlChunkRequest;
  /** As a table chunk's (chunkScan.ts): exactly there when `exact`, else at the first line start at or after it. */
  start: number;
  exact: boolean;
  /** Lines that start at or after this offset belong to the next chunk (Infinity: to the end of the file). */
  end: number;
  /**
   * What the records merged before this chunk was handed out decided of the chat format: 'other' is final, and
   * shapeless records then need not be sent back (most JSONL files are not chat datasets).
   */
  chatFormat?: ChatDatasetSummary['format'];
}

export interface JsonlChunkResult extends ChunkResult {
  /** For the empty-file issue, which only the whole file can tell. */
  nonBlankLines: number;
  /** A NUL byte stopped the parser: nothing after it is read, in this chunk or the next. */
  stopped: boolean;
}

/** The payloads of a JSONL chunk's events (ChunkEvent), sent as plain data. */
export interface ChatShapelessEvent {
  range: Range;
  key: string;
}
export type ChatExampleEvent = Parameters<ChatSequence['example']>[0];

/**
 * Scans one chunk of a JSONL file: each record's checks as the whole-file scan runs them (PII, prompt checks, the
 * chat format checks of a record), and what needs every record in file order handed back as events, its lines and
 * record numbers counted from the chunk's start: the chat checks' sequence calls and, for the audit, the records.
 */
export async function scanJsonlChunk(task: JsonlChunkTask, emit?: EmitEvent): Promise<JsonlChunkResult> {
  const { request } = task;
  const { events, event, collector } = chunkEvents(request, emit);
  const standIns = { chat: chatStandIn(task.chatFormat, event), audit: auditStandIn(event) };
  const set = await analyzerSetFor({ ...request, format: 'jsonl' }, collector, standIns);
  const analyzers = combineAnalyzers(set.analyzers);
  // The issues of the cell checks' pass (scan.ts): none in a dataset-only scan.
  const issue = request.scope === 'dataset' ? () => undefined : (value: unknown) => event(ChunkEvent.Issue, value);
  const { start, stop } = await chunkBounds(task);
  const marks = new ReplacementMarks();
  const parser = createJsonlParser(
    { record: analyzers.record, issue },
    { replacementMarks: marks, chunk: start === 0 ? 'first' : 'later' },
  );
  await pushFile(task.path, parser, marks, { range: { start, end: stop } });
  parser.end();
  const { lines, records, nonBlankLines, stopped } = parser.progress;
  return {
    start,
    end: stop,
    lines,
    status: 'done',
    rows: records,
    events: events.take(),
    nonBlankLines,
    stopped,
  };
}

/** Where the chunk's lines start and where the next chunk's start. */
async function chunkBounds(task: JsonlChunkTask): Promise<{ start: number; stop: number }> {
  const handle = await fs.open(task.path, 'r');
  try {
    const start = task.exact ? task.start : await lineStartFrom(handle, task.start);
    const stop =
      task.end === Number.POSITIVE_INFINITY ? (await handle.stat()).size : await lineStartFrom(handle, task.end);
    return { start, stop: Math.max(start, stop) };
  } finally {
    await handle.close();
  }
}

/** The chat checks' sequence calls, as events; shapeless records only while the format may still want them. */
function chatStandIn(format: JsonlChunkTask['chatFormat'], event: EmitEvent): ChatSequence {
  return {
    shapeless: (range, key) => {
      if (format !== 'other') event(ChunkEvent.ChatShapeless, { range, key: key() } satisfies ChatShapelessEvent);
    },
    example: (exampleFormat) => event(ChunkEvent.ChatExample, exampleFormat satisfies ChatExampleEvent),
    checked: (example) => event(ChunkEvent.ChatChecked, example satisfies CheckedExample),
    summary: () => ({ format: 'other', examples: 0, invalidExamples: 0, duplicates: 0 }),
    formatSoFar: () => format,
  };
}

/** An audit stand-in that hands back each record, for the real one (on the main thread) to be fed in order. */
function auditStandIn(event: EmitEvent): DatasetAuditAnalyzer {
  return {
    header: () => undefined,
    record: (record: DataRecord) => event(ChunkEvent.Record, record),
    finish: async () => undefined,
    columnsRead: () => undefined,
  };
}
