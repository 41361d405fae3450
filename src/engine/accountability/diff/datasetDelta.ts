import path from 'node:path';
import { listRuns, readRun } from '../../runs';
import type { RunRecord } from '../../../shared/runs';
import { disparityFigures, judgedBy } from '../evidence/disparities';
import { workspaceOfRunDir } from '../workspaceRoot';
import { diffRuns, type Regression } from './runDiff';

/** A dataset against the last completed run that trained on it: did the file change since, and did that run regress? */
export interface DatasetDelta {
  run: { id: string; finishedAt?: string; accuracy?: number; flagged: string[] };
  datasetChanged: boolean;
  rowsThen: number;
  /** The run before it on the same file, and what got worse from it to the last run. */
  previous?: { id: string; regressions: Regression[]; accuracyChange: number | null };
}

/** The runs under `runsRoots` that trained on `file` (whatever its version), newest first, completed only. */
export async function runsOfDataset(runsRoots: readonly string[], file: string): Promise<RunRecord[]> {
  const target = path.resolve(file);
  const found: RunRecord[] = [];
  for (const root of runsRoots) {
    for (const summary of await listRuns(root).catch(() => [])) {
      if (summary.state !== 'completed') continue;
      const run = await readRun(path.join(root, summary.id)).catch(() => undefined);
      const dataset = run?.config?.dataset;
      if (run && dataset && path.resolve(workspaceOfRunDir(path.join(root, summary.id)), dataset.path) === target)
        found.push(run);
    }
  }
  return found.sort((a, b) => b.id.localeCompare(a.id));
}

export async function datasetDelta(
  runsRoots: readonly string[],
  file: string,
  currentSha256: string,
): Promise<DatasetDelta | undefined> {
  const [last, previous] = await runsOfDataset(runsRoots, file);
  if (!last?.config) return undefined;
  const flagged = Object.entries(last.report?.test.fairness?.byColumn ?? {})
    .filter(([, group]) =>
      disparityFigures(group.report, judgedBy(last.report?.test)).some((figure) => figure.verdict === 'disparity'),
    )
    .map(([column]) => column);
  const delta: DatasetDelta = {
    run: {
      id: last.id,
      ...(last.status.finishedAt ? { finishedAt: last.status.finishedAt } : {}),
      ...(last.report ? { accuracy: last.report.test.accuracy } : {}),
      flagged,
    },
    datasetChanged: last.config.dataset.sha256 !== currentSha256,
    rowsThen: last.config.dataset.rows,
  };
  if (previous) {
    const diff = diffRuns(previous, last);
    const accuracy = diff.metrics.find((metric) => metric.metric === 'accuracy');
    delta.previous = { id: previous.id, regressions: diff.regressions, accuracyChange: accuracy?.change ?? null };
  }
  return delta;
}
