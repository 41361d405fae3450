import path from 'node:path';
import { datasetSettingsFor, loadConfig, type LoadedConfig } from '../engine/config';
import { relativeToRoot } from '../engine/findings';
import type { DatasetAuditConfig } from '../shared/config';
import { UsageError } from './io';

export interface DatasetConfig {
  loaded: LoadedConfig;
  /** The dataset settings for this file (`dataset`, with its matching `dataset.files` entries applied). */
  dataset: DatasetAuditConfig | undefined;
  /** The file relative to the config's folder. */
  relativePath: string;
}

/**
 * The `.rml.json` of a dataset, found as `rml scan` and the editor find it: `--config` when given, else the
 * nearest one in the dataset's folder or above. A file the config cannot describe (bad JSON, a schema
 * violation) is a usage error naming its line and column.
 */
export async function configForDataset(file: string, explicitPath: string | undefined): Promise<DatasetConfig> {
  const loaded = await loadConfig({
    ...(explicitPath === undefined ? {} : { explicitPath }),
    startDir: path.dirname(file),
  });
  // Problems confined to one value (scan's `scope: 'value'`) leave the rest of the config usable.
  const problem = loaded.problems.find((candidate) => (candidate as { scope?: string }).scope !== 'value');
  if (problem)
    throw new UsageError(
      `${problem.message} (line ${problem.range.start.line + 1}, column ${problem.range.start.character + 1})`,
    );
  const relativePath = relativeToRoot(loaded.root, file);
  return { loaded, dataset: datasetSettingsFor(loaded.config.dataset, relativePath), relativePath };
}
