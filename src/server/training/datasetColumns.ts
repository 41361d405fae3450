import path from 'node:path';
import type { TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { URI } from 'vscode-uri';
import { suggestLabelColumn, suggestSensitiveColumn } from '../../engine/bias/sensitiveColumns';
import { formatOf, parseFile, parseText } from '../../engine/parse/index';
import type { DataRecord } from '../../engine/parse/types';
import type { DatasetColumnsParams, DatasetColumnsResult } from '../../shared/protocol';
import type { WorkspaceConfigs } from '../workspaceConfig';

const SAMPLE_ROWS = 200;
const TEXT_COLUMN_NAMES = ['text', 'comment', 'comment_text', 'review', 'content', 'sentence', 'message', 'body', 'prompt'];

/** The columns of a dataset and the best guesses for the Train Model pickers (`.rml.json` first). */
export async function datasetColumns(params: DatasetColumnsParams, documents: TextDocuments<TextDocument>, configs: WorkspaceConfigs): Promise<DatasetColumnsResult> {
  const filePath = URI.parse(params.uri).fsPath;
  const format = formatOf(filePath);
  if (!format || format === 'text') throw new Error(`${path.basename(filePath)} is not a CSV, TSV, JSONL or JSON dataset`);
  const columns: string[] = [];
  const sample: DataRecord[] = [];
  let rows = 0;
  const sink = {
    header: (cells: Array<{ value: string }>) => cells.forEach((cell) => columns.push(cell.value)),
    record: (record: DataRecord) => {
      rows++;
      if (sample.length < SAMPLE_ROWS) sample.push(record);
      for (const cell of record.cells) if (!columns.includes(cell.column)) columns.push(cell.column);
    },
    issue: () => undefined,
  };
  const open = documents.get(params.uri);
  if (open) {
    const parsed = parseText(open.getText(), format);
    parsed.header?.forEach((cell) => columns.push(cell.value));
    parsed.records.forEach(sink.record);
  } else {
    await parseFile(filePath, format, sink);
  }
  const { config } = await configs.forFile(filePath);
  return { columns, rows, suggested: suggestions(columns, sample, config.dataset) };
}

function suggestions(columns: string[], sample: DataRecord[], dataset: { label?: string; sensitive?: string[]; textColumns?: string[]; privileged?: Record<string, string> } | undefined) {
  const valuesOf = (column: string) => sample.flatMap((record) => record.cells.filter((cell) => cell.column === column).map((cell) => cell.value));
  const sensitive = dataset?.sensitive ?? columns.filter((column) => suggestSensitiveColumn(column, valuesOf(column)) !== undefined);
  const label = dataset?.label ?? suggestLabelColumn(columns);
  const text = dataset?.textColumns?.[0] ?? columns.find((column) => TEXT_COLUMN_NAMES.includes(column.toLowerCase()));
  return { ...(label ? { label } : {}), ...(text ? { text } : {}), sensitive, ...(dataset?.privileged ? { privileged: dataset.privileged } : {}) };
}
