import type { Range } from '../../../src/shared/findings';
import { createDatasetAudit } from '../../../src/engine/bias';
import type { AuditOptions, AuditResult } from '../../../src/engine/bias';
import type { DatasetAuditSetup } from '../../../src/engine/bias/audit';
import { LineIndex, parseText } from '../../../src/engine/parse/index';
import type { Cell, DataRecord } from '../../../src/engine/parse/types';

/** Records built by hand, one line per row, for accumulator tests that do not need the parser. */
export function handRecords(columns: string[], rows: string[][]): { header: Cell[]; records: DataRecord[] } {
  const cellsOf = (values: string[], line: number): Cell[] => {
    let character = 0;
    return values.map((value, columnIndex) => {
      const cell: Cell = {
        value,
        column: columns[columnIndex] ?? `column ${columnIndex + 1}`,
        columnIndex,
        encoding: 'plain',
        start: { line, character },
        end: { line, character: character + value.length },
      };
      character += value.length + 1;
      return cell;
    });
  };
  const header = cellsOf(columns, 0);
  const records = rows.map((values, index) => {
    const cells = cellsOf(values, index + 1);
    const end = cells[cells.length - 1]?.end ?? { line: index + 1, character: 0 };
    return { index, cells, range: { start: { line: index + 1, character: 0 }, end } };
  });
  return { header, records };
}

/** What a test may set besides the user's options. */
type TestAuditOptions = AuditOptions & Pick<DatasetAuditSetup, 'rememberValues'>;

export function auditRecords(
  header: Cell[] | undefined,
  records: DataRecord[],
  options: TestAuditOptions = {},
  file = 'data.csv',
): AuditResult {
  const audit = createDatasetAudit({ ...options, file });
  if (header) audit.addHeader(header);
  for (const record of records) audit.addRecord(record);
  return audit.finish();
}

/** Audits CSV text through the real parser. */
export function auditCsv(text: string, options: TestAuditOptions = {}, file = 'data.csv'): AuditResult {
  const parsed = parseText(text, 'csv');
  return auditRecords(parsed.header, parsed.records, options, file);
}

/** Applies LSP edits (non-overlapping) to a text. */
export function applyEdits(text: string, edits: Array<{ range: Range; newText: string }>): string {
  const lines = new LineIndex(text);
  const sorted = edits
    .map((edit) => ({
      from: lines.offsetAt(edit.range.start),
      to: lines.offsetAt(edit.range.end),
      newText: edit.newText,
    }))
    .sort((a, b) => b.from - a.from);
  let result = text;
  for (const edit of sorted) result = result.slice(0, edit.from) + edit.newText + result.slice(edit.to);
  return result;
}

export function csvOf(header: string[], rows: Array<Array<string | number>>): string {
  const field = (value: string | number) => {
    const text = String(value);
    return /[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
  };
  return `${[header, ...rows].map((row) => row.map(field).join(',')).join('\n')}\n`;
}

/** Deterministic pseudo-random numbers in [0, 1) (a linear congruential generator), so generated fixtures never change. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}
