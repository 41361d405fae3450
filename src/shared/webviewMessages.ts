import type { EpochMetrics, RunRecord, RunState } from '../engine/runs/types';

/**
 * Messages between the extension host and the training-run webview, typed once for both sides.
 * The host waits for `ready`, sends the whole history (`snapshot` or `compare`), then increments.
 * Kept free of `vscode` imports: the webview bundle imports these types too.
 */

/** Host → view: the run's whole history, read from its directory; replaces whatever the view showed. */
export interface SnapshotMessage {
  type: 'snapshot';
  run: RunRecord;
}

/** Host → view: one more epoch of a live run (the run itself or the one it is compared with). */
export interface EpochMessage {
  type: 'epoch';
  runId: string;
  metrics: EpochMetrics;
}

/**
 * Host → view: a live run ended. `run` is the run re-read from its directory (final status, whole history,
 * the report of a completed run); without it (unreadable), the view only marks the run's new state.
 */
export interface FinishedMessage {
  type: 'finished';
  runId: string;
  state: Exclude<RunState, 'running'>;
  error?: string;
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

export type ToTrainingView = SnapshotMessage | EpochMessage | FinishedMessage | CompareMessage | ErrorMessage;

/** The files of a run the view can ask the host to open; `dataset` is the file the run trained on. */
export type RunFileName = 'config' | 'metrics' | 'report' | 'predictions' | 'status' | 'dataset';

export type FromTrainingView =
  /** The view's script has loaded and listens: the host may post now (again after the view was hidden and reloaded). */
  | { type: 'ready' }
  /** The Cancel button of a running run. */
  | { type: 'cancel'; runId: string }
  /** "Compare with…": the host asks which run to compare with. */
  | { type: 'pickComparison' }
  /** "Stop comparing": back to the panel's own run. */
  | { type: 'clearComparison' }
  /** A file link of a run (configuration, metrics, report, dataset). */
  | { type: 'openFile'; runId: string; file: RunFileName };

/** What the view keeps with `setState`, so the panel can be restored after a window reload. */
export interface TrainingViewState {
  runDir: string;
  /** The run shown beside it, when comparing. */
  compareDir?: string;
}
