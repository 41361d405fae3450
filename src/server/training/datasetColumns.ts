import path from 'node:path';
import type { TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { URI } from 'vscode-uri';
import { datasetSettingsFor } from '../../engine/config';
import { relativeToRoot } from '../../engine/findings';
import { formatOf, parseText } from '../../engine/parse/index';
import { ColumnSurvey, surveyDatasetFile } from '../../engine/training';
import type { DatasetColumnsParams, DatasetColumnsResult } from '../../shared/protocol';
import type { WorkspaceConfigs } from '../workspaceConfig';

/**
 * The columns of a dataset and what the Train Model pickers should pre-select: the engine's column survey (the
 * dataset audit's label, text, sensitive, weight and proxy columns, `.rml.json` first — the per-file settings
 * that apply to this file) over the open document, or the file on disk.
 */
export async function datasetColumns(
  params: DatasetColumnsParams,
  documents: TextDocuments<TextDocument>,
  configs: WorkspaceConfigs,
): Promise<DatasetColumnsResult> {
  const filePath = URI.parse(params.uri).fsPath;
  const format = formatOf(filePath);
  if (!format || format === 'text')
    throw new Error(`${path.basename(filePath)} is not a CSV, TSV, JSONL or JSON dataset`);
  const loaded = await configs.forFile(filePath);
  const settings = datasetSettingsFor(loaded.config.dataset, relativeToRoot(loaded.root, filePath));
  const open = documents.get(params.uri);
  if (!open) return surveyDatasetFile(filePath, format, settings);
  const survey = new ColumnSurvey(settings);
  const parsed = parseText(open.getText(), format);
  if (parsed.header) survey.addHeader(parsed.header);
  parsed.records.forEach((record) => survey.addRecord(record));
  return survey.finish();
}
