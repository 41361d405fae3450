import type { Position, Range, TextEdit } from '../../shared/findings';
import { replaceInCell, cellValueRange, type Cell, type DatasetFormat } from '../parse';
import { parseText } from '../parse/index';

export type { TextEdit };

/** Replace the value text found at `range` (a finding's range) by `value` (plain text, not yet encoded). */
export interface ValueReplacement {
  range: Range;
  value: string;
}

/**
 * Turns value-level replacements into document edits that keep the file valid: a replacement inside a
 * CSV cell is re-quoted when it needs to be, inside a JSON string it is escaped. Several replacements in
 * one cell become one edit of that cell. Replacements whose range is not inside a cell any more (the
 * document changed) are dropped rather than applied to the wrong text.
 */
export function editsForReplacements(
  text: string,
  format: DatasetFormat,
  replacements: ValueReplacement[],
): TextEdit[] {
  const cells = cellsOf(text, format);
  const byCell = new Map<Cell, Array<{ from: number; to: number; value: string }>>();
  for (const replacement of replacements) {
    const cell = cellContaining(cells, replacement.range);
    if (!cell) continue;
    const from = valueOffsetAt(cell, replacement.range.start);
    const to = valueOffsetAt(cell, replacement.range.end);
    if (from === undefined || to === undefined || to < from) continue;
    byCell.set(cell, [...(byCell.get(cell) ?? []), { from, to, value: replacement.value }]);
  }
  return [...byCell.entries()].flatMap(([cell, parts]) => editsForCell(cell, parts));
}

function editsForCell(cell: Cell, parts: Array<{ from: number; to: number; value: string }>): TextEdit[] {
  const sorted = dropOverlaps(parts.sort((a, b) => a.from - b.from));
  const single = sorted.map((part) => replaceInCell(cell, part.from, part.to, part.value));
  // Separate small edits keep the undo diff readable; they only work when none of them re-quotes the cell.
  if (single.length === 1 || !overlapping(single)) return single;
  let value = cell.value;
  for (const part of [...sorted].reverse()) value = value.slice(0, part.from) + part.value + value.slice(part.to);
  return [replaceInCell(cell, 0, cell.value.length, value)];
}

function dropOverlaps<T extends { from: number; to: number }>(parts: T[]): T[] {
  const kept: T[] = [];
  for (const part of parts) if (kept.length === 0 || part.from >= kept[kept.length - 1]!.to) kept.push(part);
  return kept;
}

function overlapping(edits: TextEdit[]): boolean {
  const sorted = [...edits].sort((a, b) => compare(a.range.start, b.range.start));
  return sorted.some((edit, i) => i > 0 && compare(edit.range.start, sorted[i - 1]!.range.end) < 0);
}

function cellsOf(text: string, format: DatasetFormat): Cell[] {
  const parsed = parseText(text, format);
  return [...(parsed.header ?? []), ...parsed.records.flatMap((record) => record.cells)];
}

function cellContaining(cells: Cell[], range: Range): Cell | undefined {
  return cells.find((cell) => compare(cell.start, range.start) <= 0 && compare(range.end, cell.end) <= 0);
}

/** The offset into the cell's value whose document position is `position` (positions grow with offsets). */
function valueOffsetAt(cell: Cell, position: Position): number | undefined {
  let low = 0;
  let high = cell.value.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (compare(cellValueRange(cell, mid, mid).start, position) < 0) low = mid + 1;
    else high = mid;
  }
  return compare(cellValueRange(cell, low, low).start, position) === 0 ? low : undefined;
}

export function compare(a: Position, b: Position): number {
  return a.line - b.line || a.character - b.character;
}
