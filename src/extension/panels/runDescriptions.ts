import type { RunState, RunSummary } from '../../shared/runs';

/**
 * How a run is named in the Runs view and the run pickers, from its summary (`listRuns`). Pure, so the words
 * are tested without VS Code.
 */

export const RUN_STATE_WORDS: Record<RunState, string> = {
  running: 'running',
  completed: 'completed',
  cancelled: 'cancelled',
  failed: 'failed',
};

/** The dataset's file name, or the run id while the configuration is not written yet. */
export function runTitle(run: Pick<RunSummary, 'id' | 'dataset'>): string {
  if (!run.dataset) return run.id;
  return run.dataset.split(/[\\/]/).filter(Boolean).pop() ?? run.dataset;
}

const UNITS: Array<[Intl.RelativeTimeFormatUnit, number]> = [
  ['year', 365 * 24 * 3600],
  ['month', 30 * 24 * 3600],
  ['week', 7 * 24 * 3600],
  ['day', 24 * 3600],
  ['hour', 3600],
  ['minute', 60],
];

/** "5 minutes ago", "yesterday", "just now". */
export function relativeTime(iso: string | undefined, now: Date): string {
  const then = iso === undefined ? NaN : Date.parse(iso);
  if (!Number.isFinite(then)) return '';
  const seconds = (then - now.getTime()) / 1000;
  const format = new Intl.RelativeTimeFormat('en', { numeric: 'auto' });
  for (const [unit, size] of UNITS) {
    if (Math.abs(seconds) >= size) return format.format(Math.round(seconds / size), unit);
  }
  return 'just now';
}

/** "logistic-regression · wasm · accuracy 87.3 % · 5 minutes ago" — what is known so far. */
export function runDetails(run: RunSummary, now: Date): string {
  const accuracy = run.accuracy === undefined ? undefined : `accuracy ${(run.accuracy * 100).toFixed(1)} %`;
  const state = run.state === 'completed' ? undefined : RUN_STATE_WORDS[run.state];
  const parts = [run.model, run.backend, accuracy, state, relativeTime(run.finishedAt ?? run.startedAt, now)];
  return parts.filter((part): part is string => Boolean(part)).join(' · ');
}

/** Lines of the hover: every fact of the summary, the error of a failed run last. */
export function runTooltipLines(run: RunSummary): string[] {
  const lines = [`Run ${run.id} (${RUN_STATE_WORDS[run.state]})`];
  if (run.dataset) lines.push(`Dataset: ${run.dataset}`);
  if (run.model) lines.push(`Model: ${run.model}`);
  if (run.backend) lines.push(`Backend: ${run.backend}`);
  if (run.accuracy !== undefined) lines.push(`Test accuracy: ${(run.accuracy * 100).toFixed(1)} %`);
  if (run.startedAt) lines.push(`Started: ${run.startedAt}`);
  if (run.finishedAt) lines.push(`Finished: ${run.finishedAt}`);
  if (run.error) lines.push(`Error: ${run.error}`);
  return lines;
}
