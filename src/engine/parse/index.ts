import { PROMPT_LANGUAGE_ID } from '../../shared/languages';
import { createParser } from './create';
import type { Cell, DataRecord, DatasetFormat, ParseIssue, ParseOptions } from './types';

export type * from './types';
export { createParser } from './create';
export { parseFile, readTextChunks, type ParseFileOptions } from './readFile';
export { createCsvParser, sniffDelimiter } from './csv';
export { createJsonParser, jsonRecordsShape } from './json';
export { createJsonlParser, type JsonlProgress, type JsonlStreamParser } from './jsonl';
export { createTextParser } from './text';
export { cellValueRange, LineIndex } from './positions';
export { encodeCsvField, encodeJsonString, replaceInCell, type CellEdit } from './encode';

const FORMAT_BY_EXTENSION: Record<string, DatasetFormat> = {
  csv: 'csv',
  tsv: 'tsv',
  tab: 'tsv',
  jsonl: 'jsonl',
  ndjson: 'jsonl',
  jsonlines: 'jsonl',
  json: 'json',
  prompt: 'text',
  prompty: 'text',
  txt: 'text',
  md: 'text',
};

/** Language ids that name a format precisely; they win over the file extension (the user chose them). */
const SPECIFIC_LANGUAGE_IDS: Record<string, DatasetFormat> = {
  csv: 'csv',
  tsv: 'tsv',
  jsonl: 'jsonl',
  // Our own id: VS Code 1.100's built-in `prompt` language (Copilot prompt files) has a validator of its own.
  [PROMPT_LANGUAGE_ID]: 'text',
};

/** Generic language ids, used only when the extension says nothing (e.g. `.jsonl` opened as `json`). */
const GENERIC_LANGUAGE_IDS: Record<string, DatasetFormat> = {
  json: 'json',
  plaintext: 'text',
  markdown: 'text',
};

/** The dataset format of a file, from its VS Code language id and its name; undefined when it is not one. */
export function formatOf(fileName: string, languageId?: string): DatasetFormat | undefined {
  const specific = languageId === undefined ? undefined : SPECIFIC_LANGUAGE_IDS[languageId];
  if (specific) return specific;
  const base = fileName.split(/[\\/]/).pop() ?? fileName;
  const dot = base.lastIndexOf('.');
  const byExtension = dot > 0 ? FORMAT_BY_EXTENSION[base.slice(dot + 1).toLowerCase()] : undefined;
  if (byExtension) return byExtension;
  return languageId === undefined ? undefined : GENERIC_LANGUAGE_IDS[languageId];
}

export interface ParsedText {
  header?: Cell[];
  records: DataRecord[];
  issues: ParseIssue[];
}

/** Parses a whole document held in memory (an open editor, a test); large files go through `parseFile`. */
export function parseText(text: string, format: DatasetFormat, options: ParseOptions = {}): ParsedText {
  const result: ParsedText = { records: [], issues: [] };
  const parser = createParser(
    format,
    {
      header: (cells) => (result.header = cells),
      record: (record) => result.records.push(record),
      issue: (issue) => result.issues.push(issue),
    },
    options,
  );
  parser.push(text);
  parser.end();
  return result;
}
export {
  CsvByteRows,
  ESCAPED_QUOTES,
  QUOTED,
  RowResult,
  SKIP_FIELD,
  utf16Length,
  type ByteRows,
  type FieldWalker,
} from './csvBytes';
export { unescapeQuotes } from './csvCursor';
export { defaultColumnName, headerColumnName, looksLikeHeader } from './csvRows';
export { completeLength, decodeHead, encodingOf } from './decode';
export { tooDeepAt, tooDeepMessage } from './jsonDepth';
export { pushFile, readByteChunks, readDecodedChunks, type ReadOptions } from './readFile';
export { ReplacementMarks } from './replacementMarks';
export { ChunkIssues, DEFAULT_MAX_COLUMNS, DEFAULT_MAX_FIELD_LENGTH, emptyFileIssue } from './issues';
export { ColumnNumbering } from './jsonLeaves';
