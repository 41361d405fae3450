import type { FinalRunState, RunFileName, RunRecord, TrainingEvent } from './runs';

/**
 * Messages between the extension host and the training-run webview, typed once for both sides.
 * The host waits for `ready`, sends the whole history (`snapshot` or `compare`), then the run's events.
 * Kept free of `vscode` and LSP imports: the webview bundle imports these types too.
 */

/** Host → view: the run's whole history, read by the server from its folder; replaces whatever the view showed. */
export interface SnapshotMessage {
  type: 'snapshot';
  run: RunRecord;
}

/** Host → view: an event of a live run (the run itself or the one it is compared with), as the server sent it. */
export interface TrainingEventMessage {
  type: 'event';
  event: Extract<TrainingEvent, { kind: 'epoch' | 'finished' }>;
  /** With `finished`: the run as it ended (final status, whole history, the report); absent when unreadable. */
  run?: RunRecord;
}

/** Host → view: show two runs side by side (the panel's own run first); a later `snapshot` ends the comparison. */
export interface CompareMessage {
  type: 'compare';
  runs: [RunRecord, RunRecord];
}

/** Host → view: the run could not be read (e.g. a malformed file, named with its line). */
export interface ErrorMessage {
  type: 'error';
  message: string;
}

export type ToTrainingView = SnapshotMessage | TrainingEventMessage | CompareMessage | ErrorMessage;

export type { FinalRunState, RunFileName };

export type FromTrainingView =
  /** The view's script has loaded and listens: the host may post now (again after the view was hidden and reloaded). */
  | { type: 'ready' }
  /** The Cancel button of a running run. */
  | { type: 'cancel'; runId: string }
  /** "Compare with…": the host asks which run to compare with. */
  | { type: 'pickComparison' }
  /** "Stop comparing": back to the panel's own run. */
  | { type: 'clearComparison' }
  /** A file link of a run (configuration, metrics, report, predictions, dataset). */
  | { type: 'openFile'; runId: string; file: RunFileName }
  /** "Explain predictions": the attribution panel for a completed run. */
  | { type: 'openAttribution'; runId: string }
  /** "Apply group thresholds": post-processing of a completed run under a constraint (ThresholdOptimizer). */
  | { type: 'applyThresholds'; runId: string; constraint: string };

/** What the view keeps with `setState`, so the panel can be restored after a window reload. */
export interface TrainingViewState {
  runId: string;
  /** The run shown beside it, when comparing. */
  compareRunId?: string;
}
