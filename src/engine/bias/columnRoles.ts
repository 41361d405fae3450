import type { DataRecord } from '../parse';
import {
  looksLikeIdColumn,
  suggestLabelColumn,
  suggestSensitiveColumn,
  suggestSensitiveColumns,
} from './sensitiveColumns';
import { directIdentifierColumns } from './directIdentifiers';
import { listed } from './format';
import { AuditColumnError, type AuditOptions, type DirectIdentifier, type SensitiveSuggestion } from './types';
import {
  DEFAULT_AGE_EDGES,
  binByEdges,
  groupValue,
  isMissing,
  looksNumeric,
  quantileEdges,
  type Binner,
} from './values';

/** What each column is for, decided once from the header and a sample of rows. */
export interface ColumnRoles {
  columns: string[];
  label: string | null;
  sensitive: string[];
  suggestions: SensitiveSuggestion[];
  /** When no label was named or found: columns that could be it (two values), most likely first. */
  labelCandidates: string[];
  /** Columns that identify a person by themselves (names, street addresses, dates of birth, document numbers). */
  directIdentifiers: DirectIdentifier[];
  textColumns: string[];
  weightColumn: string | null;
  proxyCandidates: string[];
  /**
   * Columns of the duplicate key: the text columns (exact and near duplicates of their normalised text), or, in a
   * table without one, every feature column (exact repeats of whole rows, as Deepchecks' data-duplicates check).
   */
  keyColumns: string[];
  keyKind: 'text' | 'row';
  /** How each sensitive or candidate column's raw values become groups. */
  binners: Map<string, Binner>;
  /** The bin edges of numeric columns (reweighing needs them to find a row's group again). */
  binEdges: Map<string, number[]>;
  /** Assumptions made and configured columns not found, in words. */
  notes: string[];
}

const WEIGHT_NAMES = ['weight', 'weights', 'sample_weight', 'instance_weight'];

/** A column named for instance weights (`weight`, `sample_weight`…): the audit, training and the picker agree. */
export function isWeightColumnName(column: string): boolean {
  return WEIGHT_NAMES.includes(column.trim().toLowerCase());
}

export function sampleValuesByColumn(sample: readonly DataRecord[]): Map<string, string[]> {
  const byColumn = new Map<string, string[]>();
  for (const record of sample) {
    for (const cell of record.cells) {
      let values = byColumn.get(cell.column);
      if (!values) byColumn.set(cell.column, (values = []));
      values.push(cell.value);
    }
  }
  return byColumn;
}

/** Decides every column's role; configured columns that the file lacks are noted (or thrown with `strictColumns`). */
export function inferColumnRoles(columns: string[], sample: readonly DataRecord[], options: AuditOptions): ColumnRoles {
  const values = sampleValuesByColumn(sample);
  const notes: string[] = [];
  const present = (column: string | undefined, what: string): column is string => {
    if (column === undefined) return false;
    if (columns.includes(column)) return true;
    // At most 20 names: a file may have thousands of columns.
    const message = `${what} column '${column}' not found (columns: ${columns.length === 0 ? 'none' : listed(columns, 20)})`;
    if (options.strictColumns) throw new AuditColumnError(message);
    notes.push(message);
    return false;
  };
  // The configured label when the file has it, else one named like a label: the Train picker chooses the same way.
  const label = present(options.label, 'label') ? options.label : (suggestLabelColumn(columns) ?? null);
  if (label === null)
    notes.push('no label column found (name one with --label or `dataset.label`): label metrics skipped');
  else if (options.label !== undefined && label !== options.label)
    notes.push(`label column '${label}' assumed from its name`);
  const weightColumn = chooseWeightColumn(columns, values, options, present);
  const configured = options.sensitive?.filter((column) => present(column, 'sensitive'));
  const detected = suggestSensitiveColumns(
    columns.filter((column) => column !== label && column !== weightColumn),
    (column) => values.get(column) ?? [],
  );
  const sensitive = configured ?? detected.map((suggestion) => suggestion.column);
  if (options.sensitive === undefined && sensitive.length > 0)
    notes.push(`sensitive columns suggested from names and values: ${sensitive.join(', ')}`);
  const suggestions = detected.filter(
    (suggestion) => configured === undefined || !configured.includes(suggestion.column),
  );
  const taken = new Set([label, weightColumn, ...sensitive].filter((column): column is string => column !== null));
  // Names and addresses are long, spaced and distinct, but two people at one address are not duplicate rows.
  const directIdentifiers = directIdentifierColumns(columns, values);
  const identifying = new Set(directIdentifiers.map((identifier) => identifier.column));
  const textColumns =
    options.textColumns?.filter((column) => present(column, 'text')) ??
    columns.filter(
      (column) => !taken.has(column) && !identifying.has(column) && looksLikeText(values.get(column) ?? []),
    );
  const ignored = new Set([...(options.ignoreColumns ?? []), ...columns.filter(looksLikeIdColumn)]);
  const features = columns.filter((column) => column !== label && column !== weightColumn && !ignored.has(column));
  const proxyCandidates = features.filter((column) => !sensitive.includes(column) && !textColumns.includes(column));
  const binEdges = new Map<string, number[]>();
  for (const column of sensitive)
    setEdges(binEdges, column, sensitiveEdges(column, values.get(column) ?? [], options, detected));
  for (const column of proxyCandidates) setEdges(binEdges, column, candidateEdges(values.get(column) ?? []));
  const binners = new Map<string, Binner>([...binEdges].map(([column, edges]) => [column, binByEdges(edges)]));
  const labelCandidates =
    label === null
      ? binaryColumns(
          features.filter((column) => !sensitive.includes(column)),
          values,
        )
      : [];
  return {
    columns,
    label,
    sensitive,
    suggestions,
    labelCandidates,
    directIdentifiers,
    textColumns,
    weightColumn,
    proxyCandidates,
    keyColumns: textColumns.length > 0 ? textColumns : features.length >= MIN_ROW_KEY_COLUMNS ? features : [],
    keyKind: textColumns.length > 0 ? 'text' : 'row',
    binners,
    binEdges,
    notes,
  };
}

/**
 * Columns with exactly two values in the sample (0/1, yes/no, >50K/<=50K): what an unnamed label usually looks
 * like. Numbers must be whole (two accuracies of a metrics log are not classes), and ten values at least, so a
 * handful of rows does not make every column a candidate. Later columns first, as datasets tend to put the outcome
 * last; at most three.
 */
function binaryColumns(columns: readonly string[], values: Map<string, string[]>): string[] {
  return columns
    .filter((column) => {
      const present = (values.get(column) ?? []).map((value) => value.trim()).filter((value) => !isMissing(value));
      const distinct = [...new Set(present)];
      return present.length >= 10 && distinct.length === 2 && !distinct.some(isFractional);
    })
    .reverse()
    .slice(0, 3);
}

/** Fewer feature columns than this repeat their values by nature (an edge list, a lookup of codes). */
const MIN_ROW_KEY_COLUMNS = 3;

function isFractional(value: string): boolean {
  const number = Number(value);
  return Number.isFinite(number) && !Number.isInteger(number);
}

function chooseWeightColumn(
  columns: string[],
  values: Map<string, string[]>,
  options: AuditOptions,
  present: (column: string | undefined, what: string) => boolean,
): string | null {
  if (options.weightColumn !== undefined) return present(options.weightColumn, 'weight') ? options.weightColumn : null;
  const found = columns.find(isWeightColumnName);
  return found !== undefined && looksNumeric(values.get(found) ?? []) ? found : null;
}

/** Free text: long values with spaces, mostly distinct (not a categorical column with long names). */
function looksLikeText(values: readonly string[]): boolean {
  const present = values.filter((value) => !isMissing(value));
  if (present.length === 0 || looksNumeric(present)) return false;
  const meanLength = present.reduce((sum, value) => sum + value.length, 0) / present.length;
  const spaced = present.filter((value) => /\s/.test(value.trim())).length;
  const distinct = new Set(present).size;
  return meanLength >= 20 && spaced >= 0.5 * present.length && distinct >= 0.5 * present.length;
}

function setEdges(binEdges: Map<string, number[]>, column: string, edges: number[] | undefined): void {
  if (edges && edges.length > 0) binEdges.set(column, edges);
}

/**
 * How a sensitive column's raw values become the groups the audit reports: trimmed, missing markers pooled, and
 * numbers with many values binned (age bands for an age column, else quintiles of `values`). Training and
 * evaluation group by it too, so a run's per-group figures use the audit's groups (`[25, 35)`, not 35 ages).
 */
export function sensitiveGrouping(column: string, values: readonly string[], bins?: readonly number[]): Binner {
  const detected = suggestSensitiveColumn(column, values.slice(0, 1000));
  const edges = sensitiveEdges(
    column,
    values,
    bins ? { bins: { [column]: [...bins] } } : {},
    detected ? [detected] : [],
  );
  return edges && edges.length > 0 ? binByEdges(edges) : groupValue;
}

/** Numeric sensitive columns with many values are binned: configured edges, age bands, or quintiles of the sample. */
function sensitiveEdges(
  column: string,
  values: readonly string[],
  options: AuditOptions,
  detected: SensitiveSuggestion[],
): number[] | undefined {
  const configured = options.bins?.[column];
  if (configured && configured.length > 0) return configured;
  if (!looksNumeric(values) || new Set(values).size <= 12) return undefined;
  const isAge = detected.some((suggestion) => suggestion.column === column && suggestion.kind === 'age');
  return isAge ? DEFAULT_AGE_EDGES : quantileEdges(values, 5);
}

/**
 * Continuous candidates (income: mostly distinct numbers) are cut into deciles of the sample; numbers that repeat
 * (zip codes, ages in years) stay categorical, since their exact values are what could encode a group.
 */
function candidateEdges(values: readonly string[]): number[] | undefined {
  const distinct = new Set(values).size;
  if (!looksNumeric(values) || distinct <= 20 || distinct <= 0.2 * values.length) return undefined;
  return quantileEdges(values, 10);
}
