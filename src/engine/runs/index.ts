/** Run directories: created and written by training jobs, read by the server (for the editor) and `rml`. */
export { writeDirectoryAtomically, writeFileAtomically, writeJsonAtomic } from '../io';
export {
  appendMetrics,
  createRunDir,
  DEFAULT_RUNS_ROOT,
  effectiveStatus,
  HEARTBEAT_INTERVAL_MS,
  HEARTBEAT_STALE_MS,
  isRunId,
  listRuns,
  readRun,
  runId,
  writeRunStatus,
} from './runDir';
export * from '../../shared/runs';
