import type { Severity } from './findings';
import type { BackendPreference } from './compute';

/** The `responsibleML.*` settings the server reads (package.json `contributes.configuration` declares them). */
export interface RmlSettings {
  enable: boolean;
  /** Checks on or off by code or family prefix; `.rml.json` `checks` applies on top. */
  checks: Record<string, boolean>;
  /** Severities by code or family prefix; `.rml.json` `severity` wins over these. */
  severity: Record<string, Severity>;
  /** Larger documents are not analysed as you type (Scan Workspace streams them from disk). */
  maxFileSizeMB: number;
  /** Quiet time after an edit before the document is analysed again. */
  debounceMs: number;
  /** The Problems panel gets at most this many findings per file. */
  maxDiagnosticsPerFile: number;
  /** An open document's analysis may take this long before it is stopped (its findings say so). */
  analysisTimeoutSeconds: number;
  prompts: { globs: string[] };
  compute: { backend: BackendPreference };
}

export const DEFAULT_SETTINGS: RmlSettings = {
  enable: true,
  checks: {},
  severity: {},
  maxFileSizeMB: 50,
  debounceMs: 250,
  maxDiagnosticsPerFile: 1000,
  analysisTimeoutSeconds: 10,
  prompts: { globs: ['**/prompts/**'] },
  compute: { backend: 'auto' },
};

/** Merges what the client sent over the defaults, ignoring values of the wrong type. */
export function withDefaults(raw: unknown): RmlSettings {
  const given = (typeof raw === 'object' && raw !== null ? raw : {}) as Partial<RmlSettings>;
  const pick = <K extends keyof RmlSettings>(key: K, valid: (value: unknown) => boolean): RmlSettings[K] =>
    valid(given[key]) ? (given[key] as RmlSettings[K]) : DEFAULT_SETTINGS[key];
  const isRecord = (value: unknown) => typeof value === 'object' && value !== null && !Array.isArray(value);
  const isPositive = (value: unknown) => typeof value === 'number' && value > 0;
  return {
    enable: pick('enable', (value) => typeof value === 'boolean'),
    checks: pick('checks', isRecord),
    severity: pick('severity', isRecord),
    maxFileSizeMB: pick('maxFileSizeMB', isPositive),
    debounceMs: pick('debounceMs', (value) => typeof value === 'number' && value >= 0),
    maxDiagnosticsPerFile: pick('maxDiagnosticsPerFile', isPositive),
    analysisTimeoutSeconds: pick('analysisTimeoutSeconds', isPositive),
    prompts: pick('prompts', (value) => isRecord(value) && Array.isArray((value as RmlSettings['prompts']).globs)),
    compute: pick(
      'compute',
      (value) => isRecord(value) && typeof (value as RmlSettings['compute']).backend === 'string',
    ),
  };
}
