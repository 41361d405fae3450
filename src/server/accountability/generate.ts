import path from 'node:path';
import { URI } from 'vscode-uri';
import { generateModelCard, generateDatasheet, type DatasetScanner } from '../../engine/accountability';
import { auditOptionsFromConfig } from '../../engine/bias';
import { scanFile } from '../../engine/scan';
import type { GeneratedDocumentResult } from '../../shared/protocol';
import type { RunRegistry } from '../runs/runRegistry';
import type { ScanRequests } from '../scanRequests';
import type { WorkspaceConfigs } from '../workspaceConfig';

export interface AccountabilityDeps {
  runs: RunRegistry;
  requests: ScanRequests;
  configs: WorkspaceConfigs;
  log: (line: string) => void;
}

/** The editor's checks on a dataset from disk, with the config and settings that apply to it. */
export function serverDatasetScanner(requests: ScanRequests): DatasetScanner {
  return async (file) => {
    const request = await requests.forFile(URI.file(file).toString(), file);
    return request ? scanFile(file, request) : [];
  };
}

/** Generate Model Card: the run's MODEL_CARD.md in its folder. */
export async function generateRunCard(runId: string, deps: AccountabilityDeps): Promise<GeneratedDocumentResult> {
  const result = await generateModelCard(deps.runs.dirOf(runId), {
    scan: serverDatasetScanner(deps.requests),
    log: deps.log,
  });
  return {
    uri: URI.file(result.file).toString(),
    questions: result.questions,
    notRecorded: result.notRecorded,
    ...(result.evidence.dataset ? { datasetMatches: result.evidence.dataset.matches } : {}),
  };
}

/** Generate Datasheet: `<name>.datasheet.md` beside the dataset, its columns from `.rml.json` (else inferred). */
export async function generateDatasetSheet(uri: string, deps: AccountabilityDeps): Promise<GeneratedDocumentResult> {
  const parsed = URI.parse(uri);
  if (parsed.scheme !== 'file') throw new Error(`${uri}: only datasets on disk get a datasheet (save it first)`);
  const file = path.resolve(parsed.fsPath);
  const loaded = await deps.configs.forFile(file);
  const result = await generateDatasheet(file, {
    audit: auditOptionsFromConfig(loaded.config.dataset),
    scan: serverDatasetScanner(deps.requests),
    log: deps.log,
  });
  return { uri: URI.file(result.file).toString(), questions: result.questions, notRecorded: result.notRecorded };
}
