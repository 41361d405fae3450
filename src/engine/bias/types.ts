import type { Range } from '../../shared/findings';
import type { DatasetAuditConfig } from '../../shared/config';
import { datasetSettingsFor } from '../config';
import type { ConfiguredValueIssue } from './configuredValues';

/** How an audit reads a dataset; every field has a default (see `resolveAuditOptions`). */
export interface AuditOptions {
  /** Label column; inferred from names such as `label`, `target`, `y`, `class` when absent. */
  label?: string;
  /** The favourable label value; inferred for common binary labels (`1`, `true`, `yes`…); multi-class labels are audited one-vs-rest. */
  favorable?: string;
  /** Sensitive columns; suggested from column names and values when absent. */
  sensitive?: string[];
  /** Privileged value per sensitive column (AIF360: unprivileged is everyone else). */
  privileged?: Record<string, string>;
  /** Free-text columns scanned for identity terms and near-duplicates; inferred from long, spaced values when absent. */
  textColumns?: string[];
  /** Instance weights (sums of weights replace counts, as AIF360); `weight` is used when present and numeric. */
  weightColumn?: string;
  /** Columns left out of duplicate keys and proxy checks (row ids); id-like names are left out anyway. */
  ignoreColumns?: string[];
  /** Bins for numeric sensitive columns: upper-exclusive edges, e.g. `{ age: [25, 45, 65] }`. */
  bins?: Record<string, number[]>;
  /** Fail loudly (AuditColumnError) when a named column is missing, instead of noting it: what the CLI wants. */
  strictColumns?: boolean;
  thresholds?: Partial<AuditThresholds>;
  /** Expected share of each value per sensitive column. */
  reference?: Record<string, Record<string, number>>;
  /** Limits on what is kept; the audit's memory is bounded by these, not by the number of rows. */
  limits?: Partial<AuditLimits>;
}

export interface AuditThresholds {
  /** Four-fifths rule: a ratio of favourable rates below this is a disparity. */
  disparateImpact: number;
  /** Demographic-parity difference above this is a disparity too (1 disables it). */
  parityDifference: number;
  /** Significance level of the group tests and of identity terms (after Benjamini–Hochberg). */
  alpha: number;
  /** Groups with fewer labelled rows than this are "too small to judge". */
  minGroupSize: number;
  /** Groups with a smaller share than this are under-represented. */
  minGroupShare: number;
  /** A group whose share is below (1 − this) × its reference share is under-represented. */
  referenceTolerance: number;
  /** Bias-corrected Cramér's V at or above this flags a possible proxy. */
  proxyCramersV: number;
  /** Estimated Jaccard similarity (character 5-grams) at or above this makes two text rows near-duplicates. */
  nearDuplicateSimilarity: number;
}

export interface AuditLimits {
  /** Rows buffered to infer column roles before streaming on. */
  sampleRows: number;
  /** Cells that sample may hold: a wide table samples fewer rows (a 16,384-column sample of 1,000 rows took 1.6 GB). */
  sampleCells: number;
  /** Columns audited (the first ones met): role inference and proxy tables over 12,000 columns took seconds. */
  maxColumns: number;
  /** Distinct values kept per sensitive column; rarer values beyond are pooled as `(other)`. */
  maxGroupsPerColumn: number;
  /** Distinct label values; more means the label is not categorical and label metrics are skipped. */
  maxLabelValues: number;
  /** Distinct values of a candidate proxy column; columns with more are skipped. */
  maxProxyValues: number;
  /** Occurrence ranges kept per identity term. */
  occurrencesPerTerm: number;
  /** Rows whose fingerprints are kept for duplicate and leak detection (93 bytes each: hashes, place, MinHash signature). */
  duplicateRows: number;
  /** Duplicate, conflict and leak rows listed in the result (all are counted). */
  listedRows: number;
}

export const DEFAULT_THRESHOLDS: AuditThresholds = {
  disparateImpact: 0.8,
  parityDifference: 1,
  alpha: 0.05,
  minGroupSize: 20,
  minGroupShare: 0.05,
  referenceTolerance: 0.2,
  proxyCramersV: 0.5,
  nearDuplicateSimilarity: 0.8,
};

export const DEFAULT_LIMITS: AuditLimits = {
  sampleRows: 1000,
  sampleCells: 200_000,
  maxColumns: 2048,
  maxGroupsPerColumn: 100,
  maxLabelValues: 50,
  maxProxyValues: 500,
  occurrencesPerTerm: 20,
  duplicateRows: 1_000_000,
  listedRows: 1000,
};

/**
 * The audit options a `.rml.json` `dataset` section gives; with `relativePath` (the file relative to the config's
 * folder), its `dataset.files` entries for that file apply too.
 */
export function auditOptionsFromConfig(dataset: DatasetAuditConfig | undefined, relativePath?: string): AuditOptions {
  const config = relativePath === undefined ? dataset : datasetSettingsFor(dataset, relativePath);
  if (!config) return {};
  const thresholds: Partial<AuditThresholds> = {};
  if (config.disparateImpactThreshold !== undefined) thresholds.disparateImpact = config.disparateImpactThreshold;
  if (config.parityDifferenceThreshold !== undefined) thresholds.parityDifference = config.parityDifferenceThreshold;
  if (config.minGroupSize !== undefined) thresholds.minGroupSize = config.minGroupSize;
  if (config.minGroupShare !== undefined) thresholds.minGroupShare = config.minGroupShare;
  if (config.proxyThreshold !== undefined) thresholds.proxyCramersV = config.proxyThreshold;
  return {
    label: config.label,
    favorable: config.favorable,
    sensitive: config.sensitive,
    privileged: config.privileged,
    textColumns: config.textColumns,
    ...(config.weightColumn !== undefined ? { weightColumn: config.weightColumn } : {}),
    reference: config.reference,
    thresholds,
  };
}

/** A configured or requested column that the file does not have. */
export class AuditColumnError extends Error {
  override readonly name = 'AuditColumnError';
}

// ---- Results: plain JSON values (NaN and ±Infinity never appear: undefined quantities are null). ----

export interface GroupStats {
  /** The group's value; intersections join the column values with ',' (as `rml fairness` names groups). */
  value: string;
  /** Intersections: the value of each column. */
  values?: string[];
  /** Rows (sums of weights when the dataset has a weight column). */
  count: number;
  share: number;
  /** Rows with a label. */
  labelled: number;
  /** Labelled rows with the favourable value. */
  favorable: number;
  /** P(favourable | group); null without labelled rows. */
  baseRate: number | null;
  /** Wilson 95 % interval of the base rate. */
  ci: [number, number];
  /** Fewer labelled rows than `minGroupSize`: shown, but left out of disparities and tests. */
  tooSmall: boolean;
  /** With a privileged value: this group's rate over the privileged rate. */
  disparateImpact?: number | null;
}

export type Verdict = 'disparity' | 'within-threshold' | 'not-significant' | 'too-small' | 'unlabelled';

export interface AttributeAudit {
  /** Column name, or `sex × race` for an intersection. */
  column: string;
  columns: string[];
  /** The label value measured (one-vs-rest for multi-class labels). */
  favorable: string;
  groups: GroupStats[];
  /** Fairlearn `demographic_parity_difference`: max − min base rate over every labelled group (small ones too). */
  demographicParityDifference: number | null;
  /** Fairlearn `demographic_parity_ratio`: min / max base rate over every labelled group. */
  demographicParityRatio: number | null;
  /** Labelled groups below `minGroupSize`: in the figures above, but left out of the verdict and the test. */
  smallGroups: string[];
  privileged?: string;
  /** AIF360: P(fav | unprivileged) − P(fav | privileged), unprivileged being everyone else. */
  statisticalParityDifference?: number | null;
  /** AIF360: P(fav | unprivileged) / P(fav | privileged). */
  disparateImpact?: number | null;
  /** Groups × (favourable, other) test of independence. */
  pValue: number | null;
  test: 'chi-square' | 'fisher-exact' | null;
  /** Lowest and highest base rate among groups judged. */
  lowest?: string;
  highest?: string;
  verdict: Verdict;
  /** Counts are sums of instance weights. */
  weighted: boolean;
}

export interface RepresentationIssue {
  column: string;
  value: string;
  share: number;
  count: number;
  /** Present when compared with a reference distribution. */
  expectedShare?: number;
  reason: 'below-min-share' | 'below-reference' | 'absent';
  /** Chi-square goodness of fit of the whole column against the reference. */
  pValue?: number | null;
}

export interface IdentityTermStats {
  term: string;
  category: string;
  /** Text rows mentioning the term (any form: plural, possessive, hyphenated). */
  rows: number;
  /** The label value whose rate is compared. */
  labelValue: string;
  rate: number | null;
  /** Rate among text rows that do not mention the term. */
  restRate: number | null;
  overallRate: number | null;
  oddsRatio: number | null;
  pValue: number | null;
  /** Benjamini–Hochberg adjusted over every term and label value tested. */
  qValue: number | null;
  significant: boolean;
  occurrences: Array<{ column: string; row: number; range: Range }>;
  occurrenceCount: number;
}

export interface ProxyStats {
  column: string;
  sensitive: string;
  /** Bias-corrected (Bergsma 2013). */
  cramersV: number;
  /** In nats. */
  mutualInformation: number;
  /** Share of the sensitive column's entropy the column explains, I(X; S) / H(S). */
  uncertaintyCoefficient: number;
  pValue: number;
  distinctValues: number;
  flagged: boolean;
}

/** A row of the audited file or of a compared split. */
export interface RowRef {
  file: string;
  row: number;
  range: Range;
  /** 64-bit hash of the row's normalised key (hex): identifies the row's content, wherever it moves. */
  contentHash: string;
}

export interface DuplicateRow extends RowRef {
  kind: 'exact' | 'near';
  /** Estimated Jaccard similarity of character 5-grams (1 for exact duplicates). */
  similarity: number;
  /** The earliest copy. */
  of: RowRef;
}

export interface LabelConflict {
  rows: Array<RowRef & { label: string }>;
}

/** What the duplicate finder reports. */
export interface DuplicateReport {
  exact: number;
  near: number;
  conflicts: number;
  leaks: number;
  rows: DuplicateRow[];
  conflictGroups: LabelConflict[];
  /** Rows of the audited file also in a compared split. */
  leakRows: DuplicateRow[];
}

export interface DuplicateSummary extends DuplicateReport {
  /** The columns of the duplicate key (none: duplicates not checked): text columns, or every feature of a table. */
  keyColumns: string[];
  /** 'text': exact and near duplicates of the normalised text; 'row': exact repeats of whole rows. */
  keyKind: 'text' | 'row';
  /** Rows past `limits.duplicateRows` were not fingerprinted. */
  truncated: boolean;
  comparedWith: string[];
}

export interface SensitiveSuggestion {
  column: string;
  kind: SensitiveKind;
  evidence: string[];
}

export type SensitiveKind =
  | 'gender'
  | 'race'
  | 'religion'
  | 'age'
  | 'disability'
  | 'nationality'
  | 'marital-status'
  | 'sexual-orientation';

/** Reweighing weights per (group, label) cell: what the reweigh fix and `--reweigh` apply. */
export interface ReweighingWeights {
  /** Sensitive columns whose joint groups were reweighed. */
  columns: string[];
  label: string;
  /** Bin edges applied to numeric sensitive columns, so rows land in the audited groups. */
  bins: Record<string, number[]>;
  /** Existing instance weights, multiplied (AIF360: new weight = old weight × w). */
  weightColumn: string | null;
  weights: Array<{ group: string; values: string[]; label: string; weight: number; count: number }>;
}

/** Reweighing weights (what `writeReweighedCsv` and `reweighingEdit` take) and the metrics they lead to. */
export interface ReweighingSummary extends ReweighingWeights {
  /** Metrics of every attribute after reweighing: parity differences 0 and disparate impact 1. */
  after: AttributeAudit[];
}

/** A column that identifies people by itself (directIdentifiers.ts). */
export type DirectIdentifierKind = 'names' | 'street addresses' | 'dates of birth' | 'identity document numbers';

export interface DirectIdentifier {
  column: string;
  kind: DirectIdentifierKind;
  /** 'column name': the header says so; 'column name and values': a plain `name` whose values look like people's. */
  evidence: 'column name' | 'column name and values';
}

export interface AuditResult {
  version: 1;
  file: string;
  rows: number;
  label: string | null;
  /** The favourable value; null for multi-class labels (audited one-vs-rest, see `classes`). */
  favorable: string | null;
  classes: string[];
  weightColumn: string | null;
  /** Header cell of each column (JSON: the first value of the key). */
  columns: Record<string, Range>;
  sensitive: string[];
  textColumns: string[];
  attributes: AttributeAudit[];
  intersections: AttributeAudit[];
  representation: RepresentationIssue[];
  identityTerms: IdentityTermStats[];
  proxies: ProxyStats[];
  duplicates: DuplicateSummary;
  suggestions: SensitiveSuggestion[];
  /** When no label was named or found: columns that could be it (two values), most likely first. */
  labelCandidates: string[];
  /** Columns that identify a person by themselves (names, street addresses, dates of birth, document numbers). */
  directIdentifiers: DirectIdentifier[];
  reweighing?: ReweighingSummary;
  /** Assumptions and skipped checks, in words. */
  notes: string[];
  thresholds: AuditThresholds;
  /** Configured values (favourable label, privileged groups) the data spells differently or lacks. */
  configuredValues: ConfiguredValueIssue[];
}
