import type { Severity } from './findings';

/**
 * The workspace config file `.rml.json`, read by the language server and the CLI alike.
 * Its JSON schema is `media/schemas/rml.schema.json`; keep the two in step (a unit test compares them).
 */
export interface RmlConfig {
  /** Turn checks on or off by code (`pii/phone`) or family prefix (`pii`, `secret`, `prompt`, `bias`). */
  checks?: Record<string, boolean>;
  /** Override severities by code or family prefix. */
  severity?: Record<string, Severity>;
  /** Findings recorded by the "Ignore" quick fix. */
  ignore?: IgnoredFinding[];
  /** Globs (relative to the config file) never scanned, on top of `.gitignore`. */
  exclude?: string[];
  /** Salt of the "Replace with salted hash" fix; without it the fix asks to set one. */
  salt?: string;
  /** Files larger than this are skipped in the editor and streamed by workspace scans and the CLI. */
  maxFileSizeMB?: number;
  pii?: {
    /** ISO 3166 region used to validate national-format phone numbers, e.g. "US", "GB". */
    defaultRegion?: string;
  };
  prompts?: {
    /** Globs of text/markdown files treated as prompts (default `**\/prompts/**`). */
    globs?: string[];
    /** Dataset columns (CSV headers or JSON key paths) whose text gets the prompt checks. */
    textColumns?: string[];
    tokenizer?: 'cl100k_base' | 'o200k_base';
    /** Examples longer than this many tokens are reported by `dataset/chat-format`. */
    maxTokens?: number;
  };
  language?: {
    /** alex's `noBinary`: also flag gendered pairs such as "he or she". */
    noBinary?: boolean;
    /** alex's profanity sureness: 0 flags maybe-profane words too, 2 only certain ones. */
    profanitySureness?: 0 | 1 | 2;
    /** Words never flagged. */
    allow?: string[];
  };
  dataset?: DatasetAuditConfig;
}

export interface IgnoredFinding {
  fingerprint: string;
  code?: string;
  /** File relative to the config file, for people reading the list. */
  file?: string;
  reason?: string;
}

/** Dataset settings that can differ per file (see `DatasetAuditConfig.files`). */
export interface DatasetSettings {
  /** The label column; used where the dataset has it. */
  label?: string;
  /** The favourable label value; compared ignoring case when that is unambiguous (`yes` finds `Yes`). */
  favorable?: string;
  sensitive?: string[];
  /** Privileged value per sensitive column, e.g. `{ "sex": "M" }`. */
  privileged?: Record<string, string>;
  /** Columns of free text scanned for identity terms. */
  textColumns?: string[];
  /** Instance weights (e.g. from reweighing): weights for the audit and training, never a feature. */
  weightColumn?: string;
  /** Disparate impact below this is reported (four-fifths rule: 0.8). */
  disparateImpactThreshold?: number;
  /** Demographic-parity difference above this is reported. */
  parityDifferenceThreshold?: number;
  /** Groups smaller than this are "too small to judge". */
  minGroupSize?: number;
  /** Groups with a smaller share than this are under-represented. */
  minGroupShare?: number;
  /** Expected share of each value per column, e.g. `{ "sex": { "F": 0.5, "M": 0.5 } }`. */
  reference?: Record<string, Record<string, number>>;
  /** Cramér's V above this makes a column a possible proxy of a sensitive one. */
  proxyThreshold?: number;
}

export interface DatasetAuditConfig extends DatasetSettings {
  /**
   * Settings of some datasets only, keyed by a file or a glob relative to the config file (gitignore-style);
   * each matching entry overrides the settings above, later entries over earlier ones.
   */
  files?: Record<string, DatasetSettings>;
  /** Train/test pairs checked for leakage, relative to the config file. */
  splits?: Array<{ train: string; test: string }>;
}

/** Name of the workspace config file. */
export const CONFIG_FILE_NAME = '.rml.json';
