import { parseFile } from '../parse';
import type { Cell } from '../parse';
import { DatasetError, inferFormat } from '../training';

/** One data row of a dataset file, with every cell's exact place. */
export interface DatasetRow {
  file: string;
  /** 0-based among data rows. */
  index: number;
  /** 1-based line the row starts on. */
  line: number;
  cells: Cell[];
}

const FOUND = Symbol('row found');

/**
 * The data row that starts on (or spans) 1-based `line` of a CSV, TSV, JSONL or JSON file. Stops reading once it is
 * found. A line with no data row (the header, a blank line, past the end) is an error naming file and line.
 */
export async function readRowAtLine(file: string, line: number): Promise<DatasetRow> {
  if (!Number.isInteger(line) || line < 1)
    throw new DatasetError(`${file}: line must be a whole number from 1 (got ${line})`);
  const wanted = line - 1;
  let found: DatasetRow | undefined;
  let headerLine: number | undefined;
  let lastLine = -1;
  const stop = new AbortController();
  try {
    await parseFile(
      file,
      inferFormat(file),
      {
        header: (cells) => (headerLine = cells[0]?.start.line),
        record(record) {
          if (found || record.metadata) return;
          lastLine = record.range.end.line;
          if (record.range.start.line <= wanted && wanted <= record.range.end.line) {
            found = { file, index: record.index, line: record.range.start.line + 1, cells: record.cells };
            stop.abort(FOUND);
          }
        },
        issue: () => {},
      },
      { signal: stop.signal },
    );
  } catch (error) {
    if (error !== FOUND && !stop.signal.aborted) throw error;
  }
  if (found) return found;
  if (headerLine === wanted)
    throw new DatasetError(`${file}:${line}: line ${line} is the header row; give the line of a data row`);
  throw new DatasetError(
    `${file}:${line}: no data row on line ${line} (the last data row ends on line ${lastLine + 1})`,
  );
}
