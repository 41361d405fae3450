import { existsSync } from 'node:fs';
import path from 'node:path';
import { URI } from 'vscode-uri';
import { readRun, RUN_FILES } from '../../engine/runs';
import type { ExplainableRun } from '../../shared/protocol';
import type { RunRegistry } from '../runs/runRegistry';

/** Completed runs with a saved model, newest first, those trained on `uri` first. Unreadable runs are skipped. */
export async function explainableRuns(runs: RunRegistry, uri: string | undefined): Promise<ExplainableRun[]> {
  const wanted = uri ? URI.parse(uri).fsPath : undefined;
  const folders = await runs.list();
  const found: ExplainableRun[] = [];
  for (const { runs: summaries } of folders) {
    for (const summary of summaries.filter((run) => run.state === 'completed')) {
      const dir = runs.dirOf(summary.id);
      const record = await readRun(dir).catch(() => undefined);
      if (!record?.config || !record.hasModel) continue;
      const { config } = record;
      const dataset = path.resolve(dir, '..', '..', '..', config.dataset.path);
      found.push({
        id: record.id,
        modelKind: config.columns.text ? 'text' : 'tabular',
        classes: config.classes,
        datasetUri: URI.file(dataset).toString(),
        sameDataset: wanted !== undefined && path.resolve(wanted) === dataset,
        ...(config.columns.text ? { textColumn: config.columns.text } : { features: config.columns.features ?? [] }),
        ...(record.status.finishedAt ? { finishedAt: record.status.finishedAt } : {}),
        ...(record.report ? { accuracy: record.report.test.accuracy } : {}),
        hasAttribution: existsSync(path.join(dir, RUN_FILES.attribution)),
      });
    }
  }
  return found.sort(
    (a, b) => Number(b.sameDataset) - Number(a.sameDataset) || (b.finishedAt ?? '').localeCompare(a.finishedAt ?? ''),
  );
}
