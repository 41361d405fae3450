/** Run directories: created and written by training jobs, read by the Runs view, the run panel and `rml`. */
export { writeDirectoryAtomically, writeFileAtomically, writeJsonAtomic } from '../io/atomic';
export { appendMetrics, createRunDir, DEFAULT_RUNS_ROOT, listRuns, readRun, runId, writeRunStatus } from './runDir';
export * from './types';
