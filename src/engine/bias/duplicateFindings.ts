import type { Finding, Range } from '../../shared/findings';
import { finding, type Context } from './findingParts';
import { listed, percent, ratio, rowCount } from './format';
import type { AuditResult, DuplicateRow, LabelConflict } from './types';

/**
 * The duplicate finder's findings: repeated rows and rows that disagree on the label (one per row on text keys,
 * one per kind on whole table rows), and rows also in a compared split.
 */
export function duplicateFindings(context: Context): Finding[] {
  const d = context.result.duplicates;
  return [
    ...(d.keyKind === 'row'
      ? wholeRowFindings(context)
      : [
          ...d.rows.map((row) => duplicateFinding(context, row)),
          ...d.conflictGroups.flatMap((group) => conflictFindings(context, group)),
        ]),
    ...d.leakRows.map((row) => leakFinding(context, row)),
  ];
}

function where(row: { file: string; range: Range }, context: Context): string {
  return `${row.file === context.file ? '' : `${row.file} `}line ${row.range.start.line + 1}`;
}

function duplicateFinding(context: Context, row: DuplicateRow): Finding {
  const message =
    row.kind === 'exact'
      ? `row duplicates ${where(row.of, context)}`
      : `row is a near-duplicate of ${where(row.of, context)} (similarity ${ratio(row.similarity)})`;
  const base = finding(
    context,
    'data/duplicate-row',
    row.range,
    'information',
    message,
    `${row.kind}\0${row.contentHash}`,
  );
  const related = [{ file: row.of.file, range: row.of.range, message: 'first copy' }];
  return {
    ...base,
    data: { ...base.data!, evidence: [keyEvidence(context.result.duplicates)], related },
  };
}

/** What the rows were compared on: the text columns, or every feature of a table (its whole row). */
function keyEvidence(duplicates: AuditResult['duplicates']): string {
  return duplicates.keyKind === 'row'
    ? `the whole row: ${listed(duplicates.keyColumns, 5)}`
    : `key columns: ${duplicates.keyColumns.join(', ')}`;
}

function conflictFindings(context: Context, group: LabelConflict): Finding[] {
  return group.rows.map((row) => {
    const others = group.rows.filter((other) => other !== row);
    const labels = [...new Set(group.rows.map((other) => other.label))].join(', ');
    const message = `same content as ${others.map((other) => where(other, context)).join(', ')} with labels ${labels} (this row: ${row.label})`;
    const base = finding(
      context,
      'data/conflicting-label',
      row.range,
      'warning',
      message,
      `${row.contentHash}\0${row.label}`,
    );
    const related = others.map((other) => ({ file: other.file, range: other.range, message: `label ${other.label}` }));
    return { ...base, data: { ...base.data!, related } };
  });
}

/** Rows listed as related places under a whole-row summary finding. */
const RELATED_ROWS = 20;

/**
 * Whole rows repeated in a table: one finding for the repeats and one for the groups that disagree on the label
 * (Deepchecks' data-duplicates and conflicting-labels checks give a share too), each on its first row with the
 * next ones as related places: a categorical table repeats rows by the thousand, and a finding per row would bury
 * the rest.
 */
function wholeRowFindings(context: Context): Finding[] {
  const d = context.result.duplicates;
  const findings: Finding[] = [];
  const [first, ...more] = [...d.rows].sort((a, b) => a.range.start.line - b.range.start.line);
  if (first) {
    const rate = d.exact / Math.max(1, context.result.rows);
    const share = rate < 0.001 ? '< 0.1 %' : percent(rate);
    const verb = d.exact === 1 ? 'repeats' : 'repeat';
    const message = `row repeats ${where(first.of, context)} in every feature column; ${rowCount(d.exact)} (${share}) ${verb} an earlier row`;
    const base = finding(context, 'data/duplicate-row', first.range, 'information', message, 'whole rows');
    const related = [
      { file: first.of.file, range: first.of.range, message: 'first copy' },
      ...more
        .slice(0, RELATED_ROWS)
        .map((row) => ({ file: row.file, range: row.range, message: `repeats ${where(row.of, context)}` })),
    ];
    findings.push({ ...base, data: { ...base.data!, evidence: [keyEvidence(d)], related } });
  }
  const [group, ...others] = [...d.conflictGroups].sort(
    (a, b) => a.rows[0]!.range.start.line - b.rows[0]!.range.start.line,
  );
  if (group) {
    const [row, ...rest] = group.rows;
    const labels = [...new Set(group.rows.map((other) => other.label))].join(', ');
    const message =
      `same features as ${rest.map((other) => where(other, context)).join(', ')} with labels ${labels} (this row: ${row!.label}); ` +
      `${d.conflicts} ${d.conflicts === 1 ? 'group' : 'groups'} of identical rows disagree on the label`;
    const base = finding(context, 'data/conflicting-label', row!.range, 'warning', message, 'whole rows');
    const related = [
      ...rest.map((other) => ({ file: other.file, range: other.range, message: `label ${other.label}` })),
      ...others.slice(0, RELATED_ROWS).map((other) => ({
        file: other.rows[0]!.file,
        range: other.rows[0]!.range,
        message: `another group: labels ${[...new Set(other.rows.map((member) => member.label))].join(', ')}`,
      })),
    ];
    findings.push({ ...base, data: { ...base.data!, evidence: [keyEvidence(d)], related } });
  }
  return findings;
}

function leakFinding(context: Context, row: DuplicateRow): Finding {
  const how = row.kind === 'exact' ? 'also in' : `a near-duplicate (similarity ${ratio(row.similarity)}) is in`;
  const message = `row ${how} ${row.of.file} (line ${row.of.range.start.line + 1}): evaluation there overstates performance`;
  const base = finding(
    context,
    'data/train-test-leak',
    row.range,
    'warning',
    message,
    `${row.of.file}\0${row.contentHash}`,
  );
  return {
    ...base,
    data: {
      ...base.data!,
      related: [{ file: row.of.file, range: row.of.range, message: 'same row in the other split' }],
    },
  };
}
