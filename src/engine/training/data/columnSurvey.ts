import {
  createDatasetAudit,
  type DatasetAudit,
  looksLikeIdColumn,
  auditOptionsFromConfig,
  type AuditResult,
} from '../../bias';
import { detectSensitiveData } from '../../detectors/index';
import { parseFile } from '../../parse/index';
import type { Cell, DatasetFormat, DataRecord } from '../../parse';
import type { DatasetAuditConfig } from '../../../shared/config';
import type { ColumnExclusionReason, DatasetColumnSuggestions } from '../../../shared/training';
import { addToProfile, emptyProfile, isNumericCode, type ColumnProfile } from './numeric';

/** The survey's result: `DatasetColumnSuggestions` with every part filled in. */
export type ColumnSurveyResult = DatasetColumnSuggestions & {
  suggested: { features: string[] };
  notSuggested: NonNullable<DatasetColumnSuggestions['notSuggested']>;
  categorical: string[];
};

/** Column names that say "free text" when the values are too few to tell (`text`, `review`…). */
const TEXT_COLUMN_NAMES = [
  'text',
  'comment',
  'comment_text',
  'review',
  'content',
  'sentence',
  'message',
  'body',
  'prompt',
];

/** Rows whose values are checked for personal data and uniqueness: enough to tell, cheap on any file. */
const SAMPLE_ROWS = 1000;

/** What the sample of a column showed: values, distinct values, and values holding personal data (by code). */
interface ColumnSample {
  values: number;
  distinct: Set<string>;
  personal: Map<string, number>;
}

/**
 * What the Train Model picker offers for a dataset: the dataset audit's view of its columns (the label, text,
 * sensitive and weight columns, proxies of sensitive columns — as `rml audit` sees them, `.rml.json` first) and
 * the feature columns to pre-select, leaving out the label, text, sensitive and weight columns, row ids, proxies
 * and constants, each with the reason. Feed it the records; memory is the audit's (bounded) plus ~50 values per column.
 */
export class ColumnSurvey {
  private readonly audit: DatasetAudit;
  private readonly columns: string[] = [];
  private readonly profiles = new Map<string, ColumnProfile>();
  private readonly distinct = new Map<string, Set<string>>();
  private readonly samples = new Map<string, ColumnSample>();
  private rows = 0;

  constructor(private readonly settings: DatasetAuditConfig | undefined) {
    this.audit = createDatasetAudit({ ...auditOptionsFromConfig(settings), findingsOnly: true });
  }

  addHeader(cells: Cell[]): void {
    for (const cell of cells) this.note(cell.column);
    this.audit.addHeader(cells);
  }

  addRecord(record: DataRecord): void {
    if (record.metadata) return;
    this.rows++;
    for (const cell of record.cells) {
      this.note(cell.column);
      addToProfile(this.profiles.get(cell.column)!, cell.value, cell.start);
      const seen = this.distinct.get(cell.column)!;
      if (seen.size < 2) seen.add(cell.value.trim());
      if (this.rows <= SAMPLE_ROWS) this.sample(cell.column, cell.value);
    }
    this.audit.addRecord(record);
  }

  finish(): ColumnSurveyResult {
    const result = this.audit.finish();
    const notSuggested = this.exclusions(result);
    const text = this.textColumn(result);
    if (text !== undefined)
      notSuggested[text] ??= { reason: 'text', detail: 'free text: the text classifier reads it' };
    const features = this.columns.filter((column) => notSuggested[column] === undefined);
    const privileged = Object.fromEntries(
      Object.entries(this.settings?.privileged ?? {}).filter(([column]) => result.sensitive.includes(column)),
    );
    return {
      columns: this.columns,
      rows: this.rows,
      suggested: {
        ...(result.label !== null ? { label: result.label } : {}),
        ...(text !== undefined ? { text } : {}),
        sensitive: result.sensitive,
        ...(Object.keys(privileged).length > 0 ? { privileged } : {}),
        ...(result.weightColumn !== null ? { weight: result.weightColumn } : {}),
        features,
      },
      notSuggested,
      categorical: features.filter((column) => this.isCode(column)),
    };
  }

  private note(column: string): void {
    if (this.profiles.has(column)) return;
    this.columns.push(column);
    this.profiles.set(column, emptyProfile());
    this.distinct.set(column, new Set());
    this.samples.set(column, { values: 0, distinct: new Set(), personal: new Map() });
  }

  /** Counts a sampled value, its distinctness, and the personal data in it (the scan's own detectors). */
  private sample(column: string, raw: string): void {
    const value = raw.trim();
    const sample = this.samples.get(column);
    if (!sample || value === '') return;
    sample.values++;
    sample.distinct.add(value);
    const codes = new Set(detectSensitiveData(value, { column }).map((match) => match.code));
    for (const code of codes) sample.personal.set(code, (sample.personal.get(code) ?? 0) + 1);
  }

  /**
   * A column to keep out of the features because it identifies people: a direct identifier (a name, an address, a
   * date of birth: the audit's data/direct-identifier), one where at least half the sampled values hold PII or a
   * credential, or free-form values unique to each row (an email, a ticket id).
   */
  private personalData(
    column: string,
    result: AuditResult,
  ): { reason: ColumnExclusionReason; detail: string } | undefined {
    const sample = this.samples.get(column);
    const identifier = result.directIdentifiers.find((candidate) => candidate.column === column);
    if (identifier)
      return {
        reason: 'personal-data',
        detail: `${identifier.kind}: training on them memorises people, and teaches nothing that generalises`,
      };
    if (!sample || sample.values < 2) return undefined;
    const [code, count] = [...sample.personal].sort((a, b) => b[1] - a[1])[0] ?? ['', 0];
    if (count >= 0.5 * sample.values)
      return {
        reason: 'personal-data',
        detail: `${code} in ${count} of ${sample.values} sampled values: personal data is not a feature`,
      };
    const profile = this.profiles.get(column);
    const numeric = profile !== undefined && profile.numbers === profile.present;
    if (!numeric && sample.values >= 20 && sample.distinct.size >= 0.95 * sample.values)
      return {
        reason: 'id',
        detail: `unique in ${sample.distinct.size} of ${sample.values} sampled rows: an identifier, it teaches nothing that generalises`,
      };
    return undefined;
  }

  private isCode(column: string): boolean {
    const profile = this.profiles.get(column);
    return (
      profile !== undefined &&
      profile.present > 0 &&
      profile.numbers === profile.present &&
      isNumericCode(column, profile)
    );
  }

  /** `.rml.json`'s text column when present, else the audit's free-text column, else one named like text. */
  private textColumn(result: AuditResult): string | undefined {
    const configured = this.settings?.textColumns?.find((column) => this.columns.includes(column));
    return (
      configured ??
      result.textColumns[0] ??
      this.columns.find((column) => TEXT_COLUMN_NAMES.includes(column.toLowerCase()))
    );
  }

  private exclusions(result: AuditResult): Record<string, { reason: ColumnExclusionReason; detail: string }> {
    const out: Record<string, { reason: ColumnExclusionReason; detail: string }> = {};
    const leaveOut = (column: string, reason: ColumnExclusionReason, detail: string) =>
      (out[column] ??= { reason, detail });
    if (result.label !== null) leaveOut(result.label, 'label', 'the label: what the model predicts');
    if (result.weightColumn !== null)
      leaveOut(
        result.weightColumn,
        'weight',
        'instance weights (e.g. from reweighing): used as weights, never as a feature',
      );
    for (const column of result.sensitive)
      leaveOut(column, 'sensitive', 'a sensitive column: kept for per-group metrics, not trained on');
    for (const proxy of result.proxies.filter((candidate) => candidate.flagged)) {
      leaveOut(
        proxy.column,
        'proxy',
        `predicts the sensitive column '${proxy.sensitive}' (Cramér's V ${proxy.cramersV.toFixed(2)}): ` +
          `training on it trains on '${proxy.sensitive}'`,
      );
    }
    for (const column of this.columns) {
      const personal = result.textColumns.includes(column) ? undefined : this.personalData(column, result);
      if (looksLikeIdColumn(column))
        leaveOut(column, 'id', 'a row identifier: unique per row, it teaches nothing that generalises');
      else if (personal) leaveOut(column, personal.reason, personal.detail);
      else if ((this.distinct.get(column)?.size ?? 0) < 2) leaveOut(column, 'constant', 'one value in every row');
      else if (result.textColumns.includes(column)) leaveOut(column, 'text', 'free text: the text classifier reads it');
    }
    return out;
  }
}

/**
 * Surveys a dataset file on disk (streamed; parse issues are the training job's to report, with their position).
 * The Train Model form and `rml train` without `--label`/`--features` both start from it.
 */
export async function surveyDatasetFile(
  file: string,
  format: DatasetFormat,
  settings: DatasetAuditConfig | undefined,
): Promise<ColumnSurveyResult> {
  const survey = new ColumnSurvey(settings);
  await parseFile(file, format, {
    header: (cells) => survey.addHeader(cells),
    record: (record) => survey.addRecord(record),
    issue: () => undefined,
  });
  return survey.finish();
}
