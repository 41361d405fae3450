import path from 'node:path';
import { ResponseError, type Connection, type TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { AttributionWorkerOptions } from '../../engine/attribution';
import {
  ExplainableRunsRequest,
  ExplainRequest,
  FindLabelIssuesRequest,
  RunAttributionRequest,
} from '../../shared/protocol';
import type { RmlSettings } from '../../shared/settings';
import type { PublishedFindings } from '../diagnostics';
import type { RunRegistry } from '../runs/runRegistry';
import type { WorkspaceConfigs } from '../workspaceConfig';
import { explainableRuns } from './explainableRuns';
import { explainInput } from './explain';
import { LabelIssueStore } from './labelIssues';
import { RunAttributions } from './runAttributions';
import { bundledWasmDir, RunModels } from './runModels';

export interface AttributionDeps {
  connection: Connection;
  documents: TextDocuments<TextDocument>;
  published: PublishedFindings;
  configs: WorkspaceConfigs;
  runs: RunRegistry;
  settings: () => Promise<RmlSettings>;
  trusted: () => boolean;
  nativeModuleDirs: () => string[];
}

/** The attribution panel's requests and the label-issue diagnostics; returns what the job queue tells of finished runs. */
export function registerAttribution(deps: AttributionDeps): { runCompleted(runId: string): void } {
  const { connection } = deps;
  const log = (line: string) => connection.console.info(`[attribution] ${line}`);
  const models = new RunModels(deps.runs, deps.settings, {
    wasmDir: bundledWasmDir(),
    extraModuleDirs: deps.nativeModuleDirs(),
    log,
  });
  const worker = {
    script: path.join(__dirname, 'attributionWorker.js'),
    options: async (): Promise<AttributionWorkerOptions> => ({
      backend: (await deps.settings()).compute.backend,
      wasmDir: bundledWasmDir(),
      extraModuleDirs: deps.nativeModuleDirs(),
    }),
  };
  const attributions = new RunAttributions(deps.runs, connection, worker, deps.trusted);
  const labels = new LabelIssueStore({ ...deps, worker });
  connection.onRequest(ExplainableRunsRequest.type, (params) => explainableRuns(deps.runs, params.uri));
  connection.onRequest(ExplainRequest.type, async (params) => {
    try {
      return await explainInput(params, await models.get(params.runId), deps.documents);
    } catch (error) {
      throw new ResponseError(2, (error as Error).message);
    }
  });
  connection.onRequest(RunAttributionRequest.type, (params) => attributions.read(params.runId));
  connection.onRequest(FindLabelIssuesRequest.type, (params) => labels.find(params));
  return { runCompleted: (runId) => attributions.runCompleted(runId) };
}
