import path from 'node:path';
import type { TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { URI } from 'vscode-uri';
import { datasetSettingsFor } from '../../engine/config/datasetSettings';
import { relativeToRoot } from '../../engine/findings/fingerprint';
import { formatOf, parseFile, parseText } from '../../engine/parse/index';
import { ColumnSurvey } from '../../engine/training/data/columnSurvey';
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
  const survey = new ColumnSurvey(datasetSettingsFor(loaded.config.dataset, relativeToRoot(loaded.root, filePath)));
  const open = documents.get(params.uri);
  if (open) {
    const parsed = parseText(open.getText(), format);
    if (parsed.header) survey.addHeader(parsed.header);
    parsed.records.forEach((record) => survey.addRecord(record));
  } else {
    await parseFile(filePath, format, {
      header: (cells) => survey.addHeader(cells),
      record: (record) => survey.addRecord(record),
      issue: () => undefined,
    });
  }
  return survey.finish();
}
