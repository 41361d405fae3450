/**
 * Values a configuration names (the favourable label, a privileged group) checked against the data: the exact
 * value, else the one value that equals it ignoring case (`yes` finds `Yes`), else nothing — which is reported,
 * never silently dropped: a favourable value that matches no label turns every disparity off.
 */

/** A configured value the data does not spell the same way. */
export interface ConfiguredValueIssue {
  /** `favorable` (of the label column) or `privileged` (of a sensitive column). */
  setting: 'favorable' | 'privileged';
  column: string;
  /** As configured. */
  value: string;
  /** The data's spelling when it matched ignoring case; null when nothing matched (or several did). */
  matched: string | null;
  /** The values the column has (up to 20), for the message. */
  values: string[];
}

const LISTED_VALUES = 20;

/** The data's spelling of `value` among `values`, with the issue to report when it is not exactly there. */
export function resolveConfiguredValue(
  setting: ConfiguredValueIssue['setting'],
  column: string,
  value: string,
  values: readonly string[],
): { value: string | undefined; issue?: ConfiguredValueIssue } {
  if (values.includes(value)) return { value };
  const folded = values.filter((candidate) => candidate.toLowerCase() === value.toLowerCase());
  const matched = folded.length === 1 ? folded[0]! : null;
  const issue: ConfiguredValueIssue = { setting, column, value, matched, values: values.slice(0, LISTED_VALUES) };
  return { value: matched ?? undefined, issue };
}

/** The issue in words, e.g. "dataset.favorable 'yes' does not occur in 'hired' (values: Yes, No)". */
export function describeConfiguredValue(issue: ConfiguredValueIssue): string {
  const setting = issue.setting === 'favorable' ? 'dataset.favorable' : `dataset.privileged.${issue.column}`;
  const values = issue.values.map((value) => `'${value}'`).join(', ');
  if (issue.matched !== null)
    return `${setting} '${issue.value}' matched '${issue.matched}' in '${issue.column}' ignoring case`;
  return `${setting} '${issue.value}' does not occur in '${issue.column}' (values: ${values}): its figures are left out`;
}
