import type { CodeLens, CodeLensParams, TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { URI } from 'vscode-uri';
import { datasetDelta, type DatasetDelta, FileHashCache } from '../../engine/accountability';
import type { RunRegistry } from '../runs/runRegistry';
import { runsRootOf } from '../runs/runRegistry';
import type { ScanRequests } from '../scanRequests';

const hashes = new FileHashCache();

export interface DatasetLensDeps {
  documents: TextDocuments<TextDocument>;
  requests: ScanRequests;
  runs: RunRegistry;
}

/** A CodeLens on a dataset's first line: the change against the last recorded run on it (the file, the figures). */
export async function datasetLenses(params: CodeLensParams, deps: DatasetLensDeps): Promise<CodeLens[]> {
  const document = deps.documents.get(params.textDocument.uri);
  const parsed = URI.parse(params.textDocument.uri);
  if (!document || parsed.scheme !== 'file') return [];
  const request = await deps.requests.forDocument(document);
  if (!request || request.format === 'text') return [];
  const current = await hashes.sha256(parsed.fsPath).catch(() => undefined);
  if (!current) return [];
  const delta = await datasetDelta(deps.runs.folders().map(runsRootOf), parsed.fsPath, current);
  if (!delta) return [];
  const range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
  const lenses: CodeLens[] = [
    { range, command: { title: lastRunTitle(delta), command: 'responsibleML.openRun', arguments: [delta.run.id] } },
  ];
  if (delta.previous) {
    lenses.push({
      range,
      command: {
        title: previousTitle(delta),
        command: 'responsibleML.compareRuns',
        arguments: [delta.previous.id, [delta.previous.id, delta.run.id]],
      },
    });
  }
  return lenses;
}

/** E.g. "Since run 20250301-101500-a1b2c3: data changed (2667 rows then) · accuracy 0.6683 · disparity: sex". */
export function lastRunTitle(delta: DatasetDelta): string {
  const data = delta.datasetChanged ? `data changed (${delta.rowsThen} rows then)` : 'data unchanged';
  const accuracy = delta.run.accuracy !== undefined ? ` · test accuracy ${delta.run.accuracy.toFixed(4)}` : '';
  const flagged = delta.run.flagged.length
    ? ` · disparity: ${delta.run.flagged.join(', ')}`
    : ' · no disparity flagged';
  return `Since run ${delta.run.id}: ${data}${accuracy}${flagged}`;
}

export function previousTitle(delta: DatasetDelta): string {
  const previous = delta.previous!;
  const accuracy =
    previous.accuracyChange !== null
      ? `accuracy ${previous.accuracyChange >= 0 ? '+' : ''}${previous.accuracyChange.toFixed(4)}`
      : 'accuracy —';
  const regressions = previous.regressions.length
    ? `${previous.regressions.length} regression${previous.regressions.length === 1 ? '' : 's'}`
    : 'no regression';
  return `vs run ${previous.id}: ${accuracy}, ${regressions}`;
}
