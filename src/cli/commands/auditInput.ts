import { RecordIssues } from '../../engine/bias';
import { parseFile } from '../../engine/parse/index';
import type { Cell, DataRecord, DatasetFormat, ParseIssue } from '../../engine/parse';
import { UsageError } from '../io';

/** Parse errors listed in a message; the rest are counted. */
const LISTED_ISSUES = 20;

/**
 * Streams a dataset into `sink`, holding it to the file's parse errors: without `skipBadRows` any parse error
 * is a usage error (exit 2) listing each with its file, line and column — the audit never reports on a
 * half-read file; with it, each record that holds an error is left out and counted.
 */
export async function readDataset(
  file: string,
  shown: string,
  format: DatasetFormat,
  sink: { addHeader(cells: Cell[]): void; addRecord(record: DataRecord): void },
  skipBadRows: boolean,
): Promise<RecordIssues> {
  const issues = new RecordIssues();
  await parseFile(file, format, {
    header: (cells) => sink.addHeader(cells),
    record(record) {
      if (!issues.isBad(record) && (skipBadRows || issues.all.length === 0)) sink.addRecord(record);
    },
    issue: (issue) => issues.issue(issue),
  });
  issues.finish();
  if (!skipBadRows && issues.all.length > 0) throw new UsageError(parseErrorMessage(shown, issues.all));
  return issues;
}

export const where = (shown: string, issue: ParseIssue) =>
  `${shown}:${issue.range.start.line + 1}:${issue.range.start.character + 1}`;

function parseErrorMessage(shown: string, issues: readonly ParseIssue[]): string {
  const listed = issues.slice(0, LISTED_ISSUES).map((issue) => `${where(shown, issue)}: ${issue.message}`);
  const more = issues.length > LISTED_ISSUES ? [`… and ${issues.length - LISTED_ISSUES} more`] : [];
  const count = `${issues.length} parse error${issues.length === 1 ? '' : 's'}`;
  return [...listed, ...more, `${shown}: ${count}: nothing audited (--skip-bad-rows audits the other rows)`].join('\n');
}

/** What the user hears about the rows --skip-bad-rows left out. */
export function skippedRowsNote(shown: string, issues: RecordIssues): string | undefined {
  if (issues.badRecords === 0 && issues.fileIssues.length === 0) return undefined;
  const rows = `${issues.badRecords} row${issues.badRecords === 1 ? '' : 's'} with parse errors left out`;
  const file = issues.fileIssues
    .slice(0, LISTED_ISSUES)
    .map((issue) => `; ${where(shown, issue)}: ${issue.message}`)
    .join('');
  return `${shown}: ${rows}${file}`;
}
