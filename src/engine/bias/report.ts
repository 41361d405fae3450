import { count, listed, percent, percentBeside, pValueText, ratio, rowCount } from './format';
import type { AttributeAudit, AuditResult } from './types';

const VERDICTS: Record<AttributeAudit['verdict'], string> = {
  disparity: 'DISPARITY',
  'not-significant': 'below threshold but not significant',
  'within-threshold': 'ok',
  'too-small': 'too small to judge',
  unlabelled: 'no labels',
};

function attributeLine(audit: AttributeAudit, multiClass: boolean): string {
  const groups = audit.groups
    .map(
      (group) =>
        `${group.value} ${percent(group.baseRate)} (n=${count(group.count)}${group.tooSmall ? ', too small' : ''})`,
    )
    .join(', ');
  const privileged =
    audit.privileged !== undefined
      ? `, SPD ${ratio(audit.statisticalParityDifference)}, DI ${ratio(audit.disparateImpact)}`
      : '';
  const which = multiClass ? ` [${audit.favorable}]` : '';
  // The groups were listed just before, each marked "too small": name a few here, count the rest.
  const small = audit.smallGroups.length > 0 ? ` (with small groups ${listed(audit.smallGroups, 3)})` : '';
  return `  ${audit.column}${which}: ${groups}; DPD ${ratio(audit.demographicParityDifference)}, DPR ${ratio(audit.demographicParityRatio)}${small}${privileged}, ${pValueText('p', audit.pValue)} → ${VERDICTS[audit.verdict]}`;
}

/** The audit for a terminal: one line per attribute, term, proxy; the JSON format has everything. */
export function auditTextReport(result: AuditResult): string {
  const multiClass = result.favorable === null;
  const lines = [
    `${result.file}: ${rowCount(result.rows)}, label ${result.label === null ? 'none' : `'${result.label}'`}` +
      `${result.favorable !== null ? ` (favourable '${result.favorable}')` : result.classes.length > 0 ? ` (classes ${result.classes.join(', ')}, one-vs-rest)` : ''}` +
      `, sensitive: ${result.sensitive.join(', ') || 'none'}${result.weightColumn ? `, weights: '${result.weightColumn}'` : ''}`,
  ];
  if (result.attributes.length > 0)
    lines.push('groups:', ...result.attributes.map((audit) => attributeLine(audit, multiClass)));
  if (result.intersections.length > 0)
    lines.push('intersections:', ...result.intersections.map((audit) => attributeLine(audit, multiClass)));
  for (const issue of result.representation) {
    lines.push(
      `representation: ${issue.column} = ${issue.value}: ${issue.expectedShare !== undefined ? `${percent(issue.share)} of rows vs ${percent(issue.expectedShare)} expected` : `${percentBeside(issue.share, result.thresholds.minGroupShare)} of rows`}`,
    );
  }
  for (const identifier of result.directIdentifiers)
    lines.push(`direct identifier: '${identifier.column}' holds ${identifier.kind} (${identifier.evidence})`);
  const terms = result.identityTerms.filter((term) => term.significant);
  if (terms.length > 0) lines.push('identity terms:');
  for (const term of terms) {
    lines.push(
      `  '${term.term}' in ${rowCount(term.rows)}: ${percent(term.rate)} ${term.labelValue} vs ${percent(term.overallRate)} overall, ${pValueText('q', term.qValue)}`,
    );
  }
  for (const proxy of result.proxies.filter((candidate) => candidate.flagged)) {
    lines.push(`proxy: '${proxy.column}' predicts '${proxy.sensitive}' (Cramér's V ${ratio(proxy.cramersV)})`);
  }
  const d = result.duplicates;
  // Without a key column nothing was compared, and zeros would read as "none".
  const leaked = `${d.leaks} leaked${d.comparedWith.length > 0 ? ` into ${d.comparedWith.join(', ')}` : ''}`;
  lines.push(
    d.keyColumns.length === 0
      ? 'duplicates: not checked (no free-text column, and fewer than three feature columns to compare whole rows)'
      : d.keyKind === 'row'
        ? `duplicates: ${d.exact} exact repeats of whole rows (${listed(d.keyColumns, 5)}), ${d.conflicts} with conflicting labels, ${leaked}`
        : `duplicates: ${d.exact} exact, ${d.near} near, ${d.conflicts} with conflicting labels, ${leaked}`,
  );
  if (result.reweighing) {
    lines.push('after reweighing:', ...result.reweighing.after.map((audit) => attributeLine(audit, multiClass)));
  }
  for (const suggestion of result.suggestions)
    lines.push(`suggestion: '${suggestion.column}' looks sensitive (${suggestion.kind})`);
  for (const note of result.notes) lines.push(`note: ${note}`);
  return `${lines.join('\n')}\n`;
}
