import path from 'node:path';
import { RUN_FILES, type RunConfigRecord } from '../../shared/runs';
import { readRun } from '../runs';
import { loadAttributionModel } from './load';
import type { AttributionModel } from './model';

/** A completed run's model, ready to explain, with what the run says about its columns. */
export interface RunModel {
  runDir: string;
  config: RunConfigRecord;
  model: AttributionModel;
}

/** Opens a run directory's saved model (on the active tfjs backend); says why when the run has none. */
export async function openRunModel(runDir: string): Promise<RunModel> {
  const run = await readRun(runDir);
  if (!run.config) throw new Error(`${runDir}: the run has no config.json`);
  if (!run.hasModel) {
    const why =
      run.status.state === 'completed'
        ? 'no model/ directory'
        : `the run is ${run.status.state}${run.status.error ? ` (${run.status.error})` : ''}`;
    throw new Error(`${runDir}: no saved model to explain: ${why}`);
  }
  return { runDir, config: run.config, model: await loadAttributionModel(path.join(runDir, RUN_FILES.model)) };
}
