import type { TextEdit } from '../../shared/findings';
import { replaceInCell, type DatasetFormat } from '../parse';
import { parseText } from '../parse/index';

/**
 * Edits that replace every value of one column (its header kept; empty cells left empty) by what `replacementFor`
 * makes of it, re-quoted or escaped as the file needs: one pass over the cells, however long the column.
 */
export function columnEdits(
  text: string,
  format: DatasetFormat,
  column: string,
  replacementFor: (value: string) => string,
): TextEdit[] {
  const edits: TextEdit[] = [];
  for (const record of parseText(text, format).records)
    for (const cell of record.cells)
      if (cell.column === column && cell.value.trim() !== '')
        edits.push(replaceInCell(cell, 0, cell.value.length, replacementFor(cell.value)));
  return edits;
}
