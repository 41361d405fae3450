import { createDatasetAudit, type DatasetAudit } from '../../bias/audit';
import { looksLikeIdColumn } from '../../bias/sensitiveColumns';
import { auditOptionsFromConfig, type AuditResult } from '../../bias/types';
import { parseFile } from '../../parse/index';
import type { Cell, DatasetFormat, DataRecord } from '../../parse/types';
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
      if (looksLikeIdColumn(column))
        leaveOut(column, 'id', 'a row identifier: unique per row, it teaches nothing that generalises');
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
