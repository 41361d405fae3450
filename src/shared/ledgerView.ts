import type { LedgerTimeline } from './ledger';

/**
 * Messages between the extension host and the ledger webview. The host waits for `ready`, then sends the whole
 * timeline; the view asks the host to open what an entry names. Plain types: the webview bundle imports them.
 */
export type ToLedgerView =
  /** The ledger as the server read and verified it. */
  { type: 'timeline'; folder: string; timeline: LedgerTimeline } | { type: 'error'; message: string };

export type FromLedgerView =
  | { type: 'ready' }
  | { type: 'refresh' }
  /** Open a run's panel. */
  | { type: 'openRun'; runId: string }
  /** Open a file an entry names (relative to the workspace folder, or absolute). */
  | { type: 'openFile'; path: string };
