import type { Range, TextEdit } from '../../shared/findings';
import { cellValueRange } from './positions';
import type { Cell } from './types';

/** Characters that a plain (unquoted) CSV field cannot hold. */
function breaksPlainField(value: string, delimiter: string): boolean {
  return value.includes(delimiter) || value.includes('"') || value.includes('\n') || value.includes('\r');
}

/**
 * One CSV/TSV field as written in a file: quoted (inner quotes doubled) only when it holds the delimiter, a quote,
 * a line break, or leading/trailing spaces that many readers would trim.
 */
export function encodeCsvField(value: string, delimiter: string): string {
  const padded = value.length > 0 && (/^[ \t]/.test(value) || /[ \t]$/.test(value));
  if (!breaksPlainField(value, delimiter) && !padded) return value;
  return `"${value.replaceAll('"', '""')}"`;
}

/** The inside of a JSON string literal (no surrounding quotes), for replacing the inside of an existing one. */
export function encodeJsonString(value: string): string {
  return JSON.stringify(value).slice(1, -1);
}

const JSON_NUMBER = /^-?(0|[1-9]\d*)(\.\d+)?([eE][-+]?\d+)?$/;

/** The document edit that replaces part of a cell. */
export type CellEdit = TextEdit;

/**
 * The smallest document edit that replaces `cell.value.slice(startOffset, endOffset)` with `replacement` and keeps
 * the file valid: a plain CSV cell that would then need quotes is rewritten whole, quoted; inside quotes `"`
 * becomes `""`; inside a JSON string the replacement is escaped; a JSON number or boolean that would no longer
 * be one becomes a JSON string. Free text (a plain cell without a delimiter) is replaced as is.
 */
export function replaceInCell(cell: Cell, startOffset: number, endOffset: number, replacement: string): CellEdit {
  if (cell.encoding === 'plain' || cell.encoding === 'csv-quoted') {
    ({ startOffset, endOffset, replacement } = widenAcrossCrlf(cell.value, startOffset, endOffset, replacement));
  }
  const partRange = cellValueRange(cell, startOffset, endOffset);
  const newValue = cell.value.slice(0, startOffset) + replacement + cell.value.slice(endOffset);
  const wholeCell: Range = { start: cell.start, end: cell.end };
  switch (cell.encoding) {
    case 'plain':
      if (cell.delimiter !== undefined && breaksPlainField(newValue, cell.delimiter)) {
        return { range: wholeCell, newText: encodeCsvField(newValue, cell.delimiter) };
      }
      return { range: partRange, newText: replacement };
    case 'csv-quoted':
      return { range: partRange, newText: replacement.replaceAll('"', '""') };
    case 'json-string':
      return { range: partRange, newText: encodeJsonString(replacement) };
    case 'json-literal':
      if (JSON_NUMBER.test(newValue) || newValue === 'true' || newValue === 'false') {
        return { range: partRange, newText: replacement };
      }
      return { range: wholeCell, newText: JSON.stringify(newValue) };
  }
}

/**
 * A document position cannot fall between the CR and the LF of a line break, so an offset there is moved
 * outside the pair, and the half of the pair that must stay is written back as part of the replacement.
 */
function widenAcrossCrlf(
  value: string,
  startOffset: number,
  endOffset: number,
  replacement: string,
): { startOffset: number; endOffset: number; replacement: string } {
  const splitsCrlf = (offset: number) => value[offset - 1] === '\r' && value[offset] === '\n';
  let widened = { startOffset, endOffset, replacement };
  if (splitsCrlf(startOffset)) {
    widened = { ...widened, startOffset: startOffset - 1, replacement: `\r${widened.replacement}` };
  }
  if (splitsCrlf(endOffset)) {
    widened = { ...widened, endOffset: endOffset + 1, replacement: `${widened.replacement}\n` };
  }
  return widened;
}
