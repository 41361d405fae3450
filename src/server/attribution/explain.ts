import { promises as fs } from 'node:fs';
import type { TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { URI } from 'vscode-uri';
import {
  type DatasetRow,
  explain,
  type ExplainOptions,
  type Explanation,
  explainRow,
  rowInput,
  type RunModel,
} from '../../engine/attribution';
import { counterfactualGap } from '../../engine/counterfactual';
import { formatOf, parseText } from '../../engine/parse';
import type { CounterfactualPair, ExplainedUnit, ExplanationResult } from '../../shared/attribution';
import type { ExplainParams } from '../../shared/protocol';

/** The text of a dataset as the user sees it: the open document (unsaved edits included), else the file. */
export async function documentText(documents: TextDocuments<TextDocument>, uri: string): Promise<string> {
  return documents.get(uri)?.getText() ?? fs.readFile(URI.parse(uri).fsPath, 'utf8');
}

/** The data row spanning 0-based `line` of a dataset's text; an error naming the line otherwise. */
export function rowAtLine(uri: string, text: string, line: number): DatasetRow {
  const format = formatOf(URI.parse(uri).fsPath);
  if (!format || format === 'text')
    throw new Error(`${URI.parse(uri).fsPath} is not a CSV, TSV, JSONL or JSON dataset`);
  const { records } = parseText(text, format);
  const rows = records.filter((record) => !record.metadata);
  const record = rows.find((candidate) => candidate.range.start.line <= line && line <= candidate.range.end.line);
  if (!record)
    throw new Error(
      `line ${line + 1} of ${URI.parse(uri).fsPath} is not a data row (the header, a blank line or past the end)`,
    );
  return { file: uri, index: record.index, line: record.range.start.line + 1, cells: record.cells };
}

/** Answers `rml/explain`: the attribution of one input, and for text models its counterfactual swaps. */
export async function explainInput(
  params: ExplainParams,
  run: RunModel,
  documents: TextDocuments<TextDocument>,
): Promise<ExplanationResult> {
  const options: ExplainOptions = {
    ...(params.method ? { method: params.method } : {}),
    ...(params.steps ? { steps: params.steps } : {}),
    ...(params.integration ? { integration: params.integration } : {}),
    ...(params.baseline ? { baseline: params.baseline } : {}),
    ...(params.target !== undefined ? { target: params.target } : {}),
  };
  const { config, model } = run;
  let explanation: Explanation & { units: ExplainedUnit[] };
  let text: string | undefined;
  let row: ExplanationResult['row'];
  if ('text' in params.input) {
    text = params.input.text;
    explanation = explain(model, { text }, options);
  } else {
    const datasetRow = rowAtLine(params.input.uri, await documentText(documents, params.input.uri), params.input.line);
    const input = rowInput(config, model, datasetRow).input;
    text = 'text' in input ? input.text : undefined;
    explanation = explainRow(config, model, datasetRow, options);
    row = { uri: params.input.uri, line: datasetRow.line - 1, index: datasetRow.index };
  }
  const swaps =
    model.kind === 'text' && text !== undefined
      ? counterfactualGap(
          [{ text, line: row ? row.line + 1 : 0 }],
          (texts) => model.predict(texts.map((t) => ({ text: t }))),
          model,
        )
      : undefined;
  const counterfactuals: CounterfactualPair[] = swaps?.pairs ?? [];
  return {
    runId: params.runId,
    modelKind: model.kind,
    classes: explanation.classes,
    probabilities: explanation.probabilities,
    prediction: explanation.prediction,
    target: explanation.target,
    method: explanation.method,
    baseline: explanation.baseline,
    baselines: [...model.baselines],
    units: explanation.units,
    delta: explanation.delta,
    output: explanation.output,
    baselineOutput: explanation.baselineOutput,
    ...(explanation.integration ? { integration: explanation.integration } : {}),
    ...(text !== undefined ? { text } : {}),
    ...(row ? { row } : {}),
    counterfactuals,
    ...(swaps ? { counterfactualTarget: swaps.target } : {}),
  };
}
