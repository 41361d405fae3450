/**
 * Every custom message between the extension host (client) and the language server, declared once for both
 * sides as typed LSP message objects (`vscode-languageserver-node`'s style: a namespace per message with its
 * `method`, `messageDirection` and `type`, and one sentence saying who sends it and why). Call sites pass
 * `X.type`, so parameters and results are checked on both ends. Only the server and the extension host import
 * this file; webviews talk to the host through `webviewMessages.ts`.
 */
import type { RunThresholds, ThresholdsRequestParams } from './mitigation';
import { MessageDirection, ProtocolNotificationType, ProtocolRequestType } from 'vscode-languageserver-protocol';
import type { LedgerTimeline } from './ledger';
import type { RunFileName, RunRecord, RunSummary, TrainingEvent, TrainingRequest } from './runs';
import type { DatasetColumnSuggestions } from './training';
import type {
  AttributionMethodName,
  BaselineName,
  ExplainableRun,
  ExplanationResult,
  IntegrationRule,
  LabelFilterName,
  LabelIssuesReport,
  RankMethodName,
  RunAttributionResult,
} from './attribution';

export type { ExplainableRun, RunAttributionResult } from './attribution';

/** Sent by the client in `initialize`; read by the server once. */
export interface InitializationOptions {
  /** Where "Enable GPU Acceleration" installs native TensorFlow (the extension's global storage). */
  nativeModuleDir?: string;
  /** Workspace Trust at start; `WorkspaceTrustNotification` reports changes. */
  workspaceTrusted?: boolean;
}

// ── Status and trust ─────────────────────────────────────────────────────────────────────────────────────

/** The server's state, for the status bar. */
export type ServerState = 'starting' | 'ready' | 'scanning' | 'training' | 'error';

export interface StatusParams {
  state: ServerState;
  /** Findings currently published across all files (open documents and the last workspace scan), by severity. */
  findings: { error: number; warning: number; information: number; hint: number };
  /** Files with published findings. */
  files: number;
  /** The compute backend of the running or last training job, when there is one (its one-line label). */
  backend?: string;
  detail?: string;
}

/** Server → client: the server's state or its finding counts changed (the status bar shows them). */
export namespace StatusNotification {
  export const method = 'rml/status' as const;
  export const messageDirection = MessageDirection.serverToClient;
  export const type = new ProtocolNotificationType<StatusParams, void>(method);
}

/** Client → server: Workspace Trust changed; training and other execution may start only once trusted. */
export namespace WorkspaceTrustNotification {
  export const method = 'rml/workspaceTrusted' as const;
  export const messageDirection = MessageDirection.clientToServer;
  export const type = new ProtocolNotificationType<{ trusted: boolean }, void>(method);
}

// ── Scanning ────────────────────────────────────────────────────────────────────────────────────────────

export interface ScanWorkspaceParams {
  /** Gitignore-style patterns from VS Code's `files.exclude`, which the server cannot read itself. */
  excludes: string[];
}

export interface ScanWorkspaceResult {
  files: number;
  /**
   * Findings in the Problems panel once the scan is done (`problemsCount` over everything published: errors,
   * warnings and notes of the files scanned, open documents and any other file) — the status bar's number.
   */
  findings: number;
  /** Hints published for these files (shown in the editor, not in the Problems panel). */
  hints: number;
  /** Findings beyond `responsibleML.maxDiagnosticsPerFile`, not published. */
  beyondLimit: number;
  /** Files skipped, each with the reason (too large for the limit, unreadable…). */
  skipped: Array<{ uri: string; reason: string }>;
  cancelled: boolean;
}

/**
 * Client → server ("Scan Workspace"): scan every dataset and prompt file of the workspace folders from disk
 * (streaming, any size), publish diagnostics for each, report cancellable progress.
 */
export namespace ScanWorkspaceRequest {
  export const method = 'rml/scanWorkspace' as const;
  export const messageDirection = MessageDirection.clientToServer;
  export const type = new ProtocolRequestType<ScanWorkspaceParams, ScanWorkspaceResult, never, void, void>(method);
}

// ── Training jobs ───────────────────────────────────────────────────────────────────────────────────────

export interface DatasetColumnsParams {
  uri: string;
}

/** Best guesses, prefilled in the column pickers (`.rml.json` `dataset` first, then the audit's). */
export type DatasetColumnsResult = DatasetColumnSuggestions;

/** Client → server: the columns of a dataset and suggestions, for the Train Model pickers. */
export namespace DatasetColumnsRequest {
  export const method = 'rml/datasetColumns' as const;
  export const messageDirection = MessageDirection.clientToServer;
  export const type = new ProtocolRequestType<DatasetColumnsParams, DatasetColumnsResult, never, void, void>(method);
}

export interface StartTrainingParams extends TrainingRequest {
  datasetUri: string;
}

export interface StartTrainingResult {
  /** The run's id from now on: every later `TrainingEvent` and the run's folder carry it. */
  runId: string;
  /** Jobs ahead of this one on the same dataset (one job per dataset at a time). */
  queuedBehind: number;
}

/**
 * Client → server ("Train Model on This Dataset"): queue a training job in a worker thread of the server.
 * Refused in untrusted workspaces. Progress comes as WorkDoneProgress and `TrainingEventNotification`s.
 */
export namespace StartTrainingRequest {
  export const method = 'rml/startTraining' as const;
  export const messageDirection = MessageDirection.clientToServer;
  export const type = new ProtocolRequestType<StartTrainingParams, StartTrainingResult, never, void, void>(method);
}

/** Client → server: cancel a queued or running job (the panel's Cancel button, the Runs view). */
export namespace CancelTrainingRequest {
  export const method = 'rml/cancelTraining' as const;
  export const messageDirection = MessageDirection.clientToServer;
  export const type = new ProtocolRequestType<{ runId: string }, { cancelled: boolean }, never, void, void>(method);
}

/** Server → client: a training job's life, event by event (the run panels and the Runs view follow it). */
export namespace TrainingEventNotification {
  export const method = 'rml/trainingEvent' as const;
  export const messageDirection = MessageDirection.serverToClient;
  export const type = new ProtocolNotificationType<TrainingEvent, void>(method);
}

// ── Runs (the server is the only process that reads `.rml/`) ────────────────────────────────────────────

export interface FolderRuns {
  /** The workspace folder (or folder of a `.rml.json`) whose `.rml/runs` holds these runs. */
  folderUri: string;
  runs: RunSummary[];
  /** Why the folder's runs could not be listed (e.g. a malformed status.json, with its path). */
  error?: string;
}

/** Client → server: every run the server knows of, newest first per folder (the Runs view, the run pickers). */
export namespace ListRunsRequest {
  export const method = 'rml/listRuns' as const;
  export const messageDirection = MessageDirection.clientToServer;
  export const type = new ProtocolRequestType<Record<string, never>, FolderRuns[], never, void, void>(method);
}

/** Client → server: everything a run's folder holds so far (the run panel's snapshot). Fails for an unknown id. */
export namespace ReadRunRequest {
  export const method = 'rml/readRun' as const;
  export const messageDirection = MessageDirection.clientToServer;
  export const type = new ProtocolRequestType<{ runId: string }, RunRecord, never, void, void>(method);
}

/** Client → server: the URI of one file of a run (the panel's file links); fails when it is not written yet. */
export namespace RunFileRequest {
  export const method = 'rml/runFile' as const;
  export const messageDirection = MessageDirection.clientToServer;
  export const type = new ProtocolRequestType<{ runId: string; file: RunFileName }, { uri: string }, never, void, void>(
    method,
  );
}

/** Client → server: fit group thresholds (ThresholdOptimizer) to a finished run; writes its thresholds.json. */
export namespace ApplyThresholdsRequest {
  export const method = 'rml/applyThresholds' as const;
  export const messageDirection = MessageDirection.clientToServer;
  export const type = new ProtocolRequestType<ThresholdsRequestParams, RunThresholds, never, void, void>(method);
}

// ── Compute ─────────────────────────────────────────────────────────────────────────────────────────────

export interface EnableGpuResult {
  packageName: string;
  /** Where it was installed; later jobs load it from there. */
  targetDir: string;
}

/**
 * Client → server ("Enable GPU Acceleration"): install the native TensorFlow package with npm into the
 * extension's storage, with cancellable WorkDoneProgress. Refused in untrusted workspaces; fails with the cause.
 */
export namespace EnableGpuRequest {
  export const method = 'rml/enableGpu' as const;
  export const messageDirection = MessageDirection.clientToServer;
  export const type = new ProtocolRequestType<Record<string, never>, EnableGpuResult, never, void, void>(method);
}

// ── Accountability: cards, datasheets, the ledger ───────────────────────────────────────────────────────

/** A card or datasheet the server wrote, and how much of it is left for a person. */
export interface GeneratedDocumentResult {
  uri: string;
  /** Questions marked "To be completed by a person:". */
  questions: number;
  /** Evidence other steps would record but have not (attribution, label issues…). */
  notRecorded: number;
  /** The run's dataset still has the recorded SHA-256 (model cards only). */
  datasetMatches?: boolean;
}

/**
 * Client → server ("Generate Model Card"): write `MODEL_CARD.md` of a run into its folder from the run's files
 * and the audit and scan of its dataset, record it in the ledger, return where it is. Fails for an unknown run.
 */
export namespace GenerateModelCardRequest {
  export const method = 'rml/generateModelCard' as const;
  export const messageDirection = MessageDirection.clientToServer;
  export const type = new ProtocolRequestType<{ runId: string }, GeneratedDocumentResult, never, void, void>(method);
}

/** Client → server ("Generate Datasheet"): write `<name>.datasheet.md` beside a dataset from its audit and scan. */
export namespace GenerateDatasheetRequest {
  export const method = 'rml/generateDatasheet' as const;
  export const messageDirection = MessageDirection.clientToServer;
  export const type = new ProtocolRequestType<{ uri: string }, GeneratedDocumentResult, never, void, void>(method);
}

export interface ReadLedgerResult {
  /** The workspace folder whose `.rml/ledger.jsonl` this is: entries name files relative to it. */
  folderUri: string;
  ledgerUri: string;
  timeline: LedgerTimeline;
}

/** Client → server ("Show Ledger"): the entries of a workspace folder's ledger and whether its chain is intact. */
export namespace ReadLedgerRequest {
  export const method = 'rml/readLedger' as const;
  export const messageDirection = MessageDirection.clientToServer;
  export const type = new ProtocolRequestType<{ folderUri?: string }, ReadLedgerResult, never, void, void>(method);
}

// ── Attribution (the attribution panel, label issues) ───────────────────────────────────────────────────

/**
 * Client → server: completed runs with a saved model, newest first, those trained on `uri` (when given) first —
 * the attribution panel's run picker and the "Explain prediction" lens.
 */
export namespace ExplainableRunsRequest {
  export const method = 'rml/explainableRuns' as const;
  export const messageDirection = MessageDirection.clientToServer;
  export const type = new ProtocolRequestType<{ uri?: string }, ExplainableRun[], never, void, void>(method);
}

export interface ExplainParams {
  runId: string;
  /** A text (typed or selected), or the data row on 0-based `line` of dataset `uri` (the open document's text). */
  input: { text: string } | { uri: string; line: number };
  /** Default `ig`. */
  method?: AttributionMethodName;
  steps?: number;
  integration?: IntegrationRule;
  baseline?: BaselineName;
  /** The class explained; default the predicted one. */
  target?: string;
}

/** Client → server: why the run's model predicted what it did for one input, with its counterfactual swaps. */
export namespace ExplainRequest {
  export const method = 'rml/explain' as const;
  export const messageDirection = MessageDirection.clientToServer;
  export const type = new ProtocolRequestType<ExplainParams, ExplanationResult, never, void, void>(method);
}

/** Client → server: a run's global importance per group and counterfactual gap (waits while they are computed). */
export namespace RunAttributionRequest {
  export const method = 'rml/runAttribution' as const;
  export const messageDirection = MessageDirection.clientToServer;
  export const type = new ProtocolRequestType<{ runId: string }, RunAttributionResult, never, void, void>(method);
}

export interface FindLabelIssuesParams {
  /** The dataset (its saved file is read). */
  uri: string;
  label: string;
  /** Out-of-fold probabilities from k-fold training on a text column or feature columns … */
  text?: string;
  features?: string[];
  /** … or the user's own predicted probabilities (a CSV, one column per class). */
  predProbsUri?: string;
  folds?: number;
  seed?: number;
  filter?: LabelFilterName;
  rank?: RankMethodName;
}

/**
 * Client → server ("Find Label Issues"): confident learning on a dataset; publishes `data/label-issue` diagnostics
 * on the rows, with "Change label to …" and "Ignore" fixes. k-fold training is refused in untrusted workspaces.
 */
export namespace FindLabelIssuesRequest {
  export const method = 'rml/findLabelIssues' as const;
  export const messageDirection = MessageDirection.clientToServer;
  export const type = new ProtocolRequestType<
    FindLabelIssuesParams,
    LabelIssuesReport & { uri: string },
    never,
    void,
    void
  >(method);
}

/** Every custom message, for the README's message table (a test keeps the two in step). */
export const CUSTOM_MESSAGES = [
  StatusNotification,
  WorkspaceTrustNotification,
  ScanWorkspaceRequest,
  DatasetColumnsRequest,
  StartTrainingRequest,
  CancelTrainingRequest,
  TrainingEventNotification,
  ListRunsRequest,
  ReadRunRequest,
  RunFileRequest,
  EnableGpuRequest,
  ExplainableRunsRequest,
  ExplainRequest,
  RunAttributionRequest,
  FindLabelIssuesRequest,
  ApplyThresholdsRequest,
  GenerateModelCardRequest,
  GenerateDatasheetRequest,
  ReadLedgerRequest,
] as const;
