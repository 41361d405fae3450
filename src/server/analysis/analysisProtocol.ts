/** Messages between the language server and its analysis workers (`analysisWorker.ts`, `analysisPool.ts`). */
import type { ScanRequest } from '../../engine/scan';
import type { Finding } from '../../shared/findings';

/** A scan request without what cannot cross a thread: callbacks, the abort signal, the detection cache. */
export type PortableScanRequest = Omit<ScanRequest, 'displayNameOf' | 'onFinding' | 'signal' | 'cache'>;

/** Server → worker. */
export type AnalysisRequest =
  /** Analyse `text`; the worker keeps a detection cache per `cacheKey` (the document), so edits re-check only changed cells. */
  | { type: 'analyse'; id: number; cacheKey: string; text: string; request: PortableScanRequest }
  /** Stop analysis `id` at its next chunk (a newer version of the document arrived). */
  | { type: 'cancel'; id: number }
  /** The document was closed: drop its cache. */
  | { type: 'forget'; cacheKey: string };

/** Worker → server. */
export type AnalysisResponse =
  | { type: 'done'; id: number; findings: Finding[] }
  | { type: 'cancelled'; id: number }
  | { type: 'failed'; id: number; message: string };
