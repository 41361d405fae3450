import type { EpochMetrics, RunState } from '../engine/runs/types';

/**
 * Custom messages between the extension host (client) and the language server, declared once for both
 * sides. Each namespace names the method, its parameter and result types, and who sends it and why.
 * Kept free of `vscode` and LSP imports so the engine and webviews can import the types too.
 */

/** The server's state, for the status bar. */
export type ServerState = 'starting' | 'ready' | 'scanning' | 'training' | 'error';

export interface StatusParams {
  state: ServerState;
  /** Findings currently published across all files, by severity. */
  findings: { error: number; warning: number; information: number; hint: number };
  /** Files with published findings. */
  files: number;
  /** The compute backend of the running or last training job, when there is one. */
  backend?: string;
  detail?: string;
}

/** Server → client notification: state or finding counts changed. */
export namespace StatusNotification {
  export const method = 'rml/status' as const;
  export type Params = StatusParams;
}

export interface ScanWorkspaceParams {
  /** Gitignore-style patterns from VS Code's `files.exclude`, which the server cannot read itself. */
  excludes: string[];
}

export interface ScanWorkspaceResult {
  files: number;
  findings: number;
  /** Files skipped, each with the reason (too large for the limit, unreadable…). */
  skipped: Array<{ uri: string; reason: string }>;
  cancelled: boolean;
}

/**
 * Client → server request (command "Scan Workspace"): scan every dataset and prompt file of the workspace
 * folders from disk (streaming, any size), publish diagnostics for each, report progress (cancellable).
 */
export namespace ScanWorkspaceRequest {
  export const method = 'rml/scanWorkspace' as const;
  export type Params = ScanWorkspaceParams;
  export type Result = ScanWorkspaceResult;
}

/** Client → server notification: Workspace Trust was granted; training and other execution may start. */
export namespace WorkspaceTrustNotification {
  export const method = 'rml/workspaceTrusted' as const;
  export interface Params {
    trusted: boolean;
  }
}

// ── Training jobs ────────────────────────────────────────────────────────────────────────────────────────


export interface DatasetColumnsParams {
  uri: string;
}

export interface DatasetColumnsResult {
  columns: string[];
  rows: number;
  /** Best guesses, prefilled in the column pickers (`.rml.json` `dataset` first, then column names). */
  suggested: { label?: string; text?: string; sensitive: string[]; privileged?: Record<string, string> };
}

/** Client → server request: the columns of a dataset, for the Train Model pickers. */
export namespace DatasetColumnsRequest {
  export const method = 'rml/datasetColumns' as const;
  export type Params = DatasetColumnsParams;
  export type Result = DatasetColumnsResult;
}

export interface StartTrainingParams {
  datasetUri: string;
  label: string;
  /** A text column (text classifier) or feature columns (tabular classifier). */
  text?: string;
  features?: string[];
  sensitive: string[];
  privileged?: Array<{ column: string; value: string }>;
  epochs?: number;
  seed?: number;
}

export interface StartTrainingResult {
  runId: string;
  /** Jobs ahead of this one on the same dataset (one job per dataset at a time). */
  queuedBehind: number;
}

/**
 * Client → server request ("Train Model on This Dataset"): queue a training job in a worker thread of the
 * server. Refused in untrusted workspaces. Progress comes as WorkDoneProgress and TrainingEvent notifications.
 */
export namespace StartTrainingRequest {
  export const method = 'rml/startTraining' as const;
  export type Params = StartTrainingParams;
  export type Result = StartTrainingResult;
}

/** Client → server request: cancel a queued or running job (the panel's Cancel button). */
export namespace CancelTrainingRequest {
  export const method = 'rml/cancelTraining' as const;
  export interface Params {
    runId: string;
  }
  export type Result = { cancelled: boolean };
}

export type TrainingEvent =
  | { kind: 'queued'; runId: string; datasetUri: string; position: number }
  | { kind: 'started'; runId: string; runDir: string; backend: string; warnings: string[] }
  | { kind: 'epoch'; runId: string; runDir: string; metrics: EpochMetrics }
  | { kind: 'log'; runId: string; line: string }
  | { kind: 'finished'; runId: string; runDir?: string; state: Exclude<RunState, 'running'>; error?: string };

/** Server → client notification: a training job's life, epoch by epoch (the run panel draws from it). */
export namespace TrainingEventNotification {
  export const method = 'rml/trainingEvent' as const;
  export type Params = TrainingEvent;
}
