import type { Position, Range } from '../../shared/findings';
import type { Cell } from './types';

const LF = 10;
const CR = 13;
const QUOTE = 34;
const BACKSLASH = 92;
const LETTER_U = 117;

/**
 * Offset ↔ position over one whole text. Line breaks are LF, CRLF and lone CR, as in VS Code documents;
 * characters are UTF-16 code units.
 */
export class LineIndex {
  private readonly lineStarts: number[] = [0];

  constructor(private readonly text: string) {
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === LF) this.lineStarts.push(i + 1);
      else if (c === CR) {
        if (text.charCodeAt(i + 1) === LF) i++;
        this.lineStarts.push(i + 1);
      }
    }
  }

  get lineCount(): number {
    return this.lineStarts.length;
  }

  /** The position of `offset` (clamped to the text); an offset between CR and LF maps to the CR. */
  positionAt(offset: number): Position {
    const clamped = Math.max(0, Math.min(offset, this.text.length));
    let low = 0;
    let high = this.lineStarts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if ((this.lineStarts[mid] ?? 0) <= clamped) low = mid;
      else high = mid - 1;
    }
    const lineStart = this.lineStarts[low] ?? 0;
    return { line: low, character: Math.min(clamped, this.lineEnd(low)) - lineStart };
  }

  /** The offset of `position`, its character clamped to the line's content (line break excluded). */
  offsetAt(position: Position): number {
    if (position.line < 0) return 0;
    if (position.line >= this.lineStarts.length) return this.text.length;
    const lineStart = this.lineStarts[position.line] ?? 0;
    return Math.min(lineStart + Math.max(0, position.character), this.lineEnd(position.line));
  }

  rangeOf(start: number, end: number): Range {
    return { start: this.positionAt(start), end: this.positionAt(end) };
  }

  /** Offset just after the last character of `line`, before its line break. */
  private lineEnd(line: number): number {
    const next = this.lineStarts[line + 1];
    if (next === undefined) return this.text.length;
    let end = next;
    if (end > 0 && this.text.charCodeAt(end - 1) === LF) end--;
    if (end > 0 && this.text.charCodeAt(end - 1) === CR) end--;
    return end;
  }
}

/**
 * A long plain cell (a whole prose document is one) gets a line index once: walking from the cell start for
 * every finding made a 12 MB document with 100,000 findings quadratic (issue 10).
 */
const PLAIN_INDEX_FROM = 64 * 1024;
const plainIndexes = new WeakMap<Cell, LineIndex>();

function plainCellRange(cell: Cell, startOffset: number, endOffset: number): Range {
  let index = plainIndexes.get(cell);
  if (!index) plainIndexes.set(cell, (index = new LineIndex(cell.value)));
  const place = (offset: number): Position => {
    const at = index.positionAt(offset);
    return at.line === 0
      ? { line: cell.start.line, character: cell.start.character + at.character }
      : { line: cell.start.line + at.line, character: at.character };
  };
  return { start: place(startOffset), end: place(endOffset) };
}

/** Source characters that encode the value unit starting at `k` (escapes take several). */
function sourceUnitLength(source: string, k: number, encoding: Cell['encoding']): number {
  const c = source.charCodeAt(k);
  if (encoding === 'json-string' && c === BACKSLASH) {
    return source.charCodeAt(k + 1) === LETTER_U ? 6 : 2;
  }
  if (encoding === 'csv-quoted' && c === QUOTE && source.charCodeAt(k + 1) === QUOTE) return 2;
  return 1;
}

/**
 * The document range of `cell.value.slice(startOffset, endOffset)`: walks the source text from the cell start,
 * so CSV `""`, JSON escapes (`\n`, `\"`, `\uXXXX`, surrogate pairs as two escapes) and quoted line breaks
 * (CRLF is one break) land where the editor shows them. Cost is linear in `endOffset`.
 */
export function cellValueRange(cell: Cell, startOffset: number, endOffset: number): Range {
  if (!(0 <= startOffset && startOffset <= endOffset && endOffset <= cell.value.length)) {
    throw new RangeError(
      `cellValueRange: offsets ${startOffset}..${endOffset} are outside the value (length ${cell.value.length})`,
    );
  }
  if (cell.encoding === 'plain' && cell.raw === undefined && cell.value.length > PLAIN_INDEX_FROM) {
    return plainCellRange(cell, startOffset, endOffset);
  }
  const source = cell.raw ?? cell.value;
  let line = cell.start.line;
  let character = cell.start.character;
  let start: Position = { line, character };
  let k = 0;
  for (let valueOffset = 0; valueOffset < endOffset; valueOffset++) {
    if (valueOffset === startOffset) start = { line, character };
    const unit = sourceUnitLength(source, k, cell.encoding);
    const c = source.charCodeAt(k);
    if (unit === 1 && c === LF) {
      line++;
      character = 0;
    } else if (unit === 1 && c === CR) {
      // CR of a CRLF stays on its line: the LF that follows ends it.
      if (source.charCodeAt(k + 1) !== LF) {
        line++;
        character = 0;
      }
    } else {
      character += unit;
    }
    k += unit;
  }
  if (startOffset === endOffset) start = { line, character };
  return { start, end: { line, character } };
}
