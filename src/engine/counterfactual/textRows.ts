import { parseFile } from '../parse';
import type { Cell } from '../parse';
import { DatasetError, describePosition, inferFormat } from '../training';
import type { TextRow } from './gap';

/** The text column of a dataset file, one entry per data row (missing cells are ''), with where the column is. */
export interface TextColumn {
  rows: TextRow[];
  /** The header cell of the column (CSV/TSV), else its first cell: where a finding about the column goes. */
  anchor: Cell | undefined;
}

/** Reads column `column` of a CSV, TSV, JSONL or JSON file with the project's parser; errors name file, line, column. */
export async function readTextColumn(file: string, column: string): Promise<TextColumn> {
  const rows: TextRow[] = [];
  let anchor: Cell | undefined;
  let failure: DatasetError | undefined;
  const columns = new Set<string>();
  await parseFile(file, inferFormat(file), {
    header: (cells) => {
      for (const cell of cells) columns.add(cell.value);
      anchor = cells.find((cell) => cell.value === column);
    },
    record(record) {
      if (record.metadata) return;
      const cell = record.cells.find((candidate) => candidate.column === column);
      for (const other of record.cells) columns.add(other.column);
      anchor ??= cell;
      rows.push({ text: cell?.value ?? '', line: record.range.start.line + 1 });
    },
    issue(issue) {
      failure ??= new DatasetError(`${describePosition(file, issue.range.start)}: ${issue.message}`);
    },
  });
  if (failure) throw failure;
  if (!columns.has(column))
    throw new DatasetError(`${file}: no column '${column}' (columns: ${[...columns].join(', ') || 'none'})`);
  return { rows, anchor };
}
