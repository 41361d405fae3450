import type { RmlConfig } from '../../shared/config';
import type { Range } from '../../shared/findings';

/** A mistake in `.rml.json`, placed where it is so the editor and the CLI can point at it. */
export interface ConfigProblem {
  message: string;
  range: Range;
  /**
   * `file`: nothing of the file applies (bad JSON, a schema violation): the CLI stops with exit 2.
   * `value`: the config applies without this one value (a split path outside the config's folder).
   */
  scope: 'file' | 'value';
}

export interface LoadedConfig {
  config: RmlConfig;
  /** The file it came from; undefined when there is none (defaults apply). */
  path?: string;
  /** Directory that relative paths in the config (and fingerprints) are relative to. */
  root: string;
  problems: ConfigProblem[];
}
