import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { Range } from '../../../src/shared/findings';
import { LineIndex } from '../../../src/engine/parse/positions';
import type { Cell, DataRecord, ParseIssue, RecordSink, StreamParser } from '../../../src/engine/parse/types';

export interface Collected {
  header?: Cell[];
  records: DataRecord[];
  issues: ParseIssue[];
}

/** A sink that keeps everything, plus the order in which records and issues arrived. */
export function collectingSink(): RecordSink & { result: Collected } {
  const result: Collected = { records: [], issues: [] };
  return {
    result,
    header: (cells) => void (result.header = cells),
    record: (record) => void result.records.push(record),
    issue: (issue) => void result.issues.push(issue),
  };
}

/** Feeds `chunks` to a parser made by `create`, then ends it. */
export function parseChunks(create: (sink: RecordSink) => StreamParser, chunks: readonly string[]): Collected {
  const sink = collectingSink();
  const parser = create(sink);
  for (const chunk of chunks) parser.push(chunk);
  parser.end();
  return sink.result;
}

/** Cuts `text` at the given offsets (any order, duplicates allowed): chunks may split CRLF, `""` or a surrogate pair. */
export function splitAt(text: string, cuts: readonly number[]): string[] {
  const points = [...new Set(cuts.map((c) => Math.max(0, Math.min(text.length, c))))].sort((a, b) => a - b);
  const chunks: string[] = [];
  let previous = 0;
  for (const point of points) {
    chunks.push(text.slice(previous, point));
    previous = point;
  }
  chunks.push(text.slice(previous));
  return chunks;
}

/** The document text inside `range`, as an editor would select it. */
export function textAt(text: string, range: Range): string {
  const lines = new LineIndex(text);
  return text.slice(lines.offsetAt(range.start), lines.offsetAt(range.end));
}

/** Every cell's range must cover exactly its source text (`raw`, or the value when there are no escapes). */
export function assertCellsCoverTheirSource(text: string, cells: readonly Cell[]): string[] {
  return cells
    .filter((cell) => textAt(text, { start: cell.start, end: cell.end }) !== (cell.raw ?? cell.value))
    .map((cell) => `${cell.column}: ${JSON.stringify(textAt(text, cell))} ≠ ${JSON.stringify(cell.raw ?? cell.value)}`);
}

export function range(startLine: number, startCharacter: number, endLine: number, endCharacter: number): Range {
  return { start: { line: startLine, character: startCharacter }, end: { line: endLine, character: endCharacter } };
}

/** Applies one LSP-style edit to `text`. */
export function applyEdit(text: string, edit: { range: Range; newText: string }): string {
  const lines = new LineIndex(text);
  return text.slice(0, lines.offsetAt(edit.range.start)) + edit.newText + text.slice(lines.offsetAt(edit.range.end));
}

function collectGarbage(): void {
  setFlagsFromString('--expose-gc');
  (runInNewContext('gc') as () => void)();
}

/** Bytes the heap keeps after `work` (garbage collected before and after): what `work` left reachable. */
export function heapGrowth(work: () => void): number {
  collectGarbage();
  const before = process.memoryUsage().heapUsed;
  work();
  collectGarbage();
  return process.memoryUsage().heapUsed - before;
}
