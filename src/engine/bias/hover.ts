import { escapeMarkdown } from '../../shared/markdown';
import type { AttributeAudit } from './types';
import { count, percent, pValueText, ratio } from './format';

/** Column names, group values and labels come from the dataset: literal text, never markup. */
const cell = escapeMarkdown;

/** The per-group markdown table shown when hovering a sensitive column's header. */
export function groupTableMarkdown(audit: AttributeAudit): string {
  const withDi = audit.privileged !== undefined;
  const header = `| ${cell(audit.column)} | rows | label ${cell(audit.favorable)} | rate (95 % CI) |${withDi ? ' DI |' : ''}`;
  const rule = `|---|---:|---:|---|${withDi ? '---:|' : ''}`;
  const rows = audit.groups.map((group) => {
    const rate =
      group.baseRate === null ? '–' : `${percent(group.baseRate)} (${percent(group.ci[0])}–${percent(group.ci[1])})`;
    const note = group.tooSmall ? ' *too small*' : group.value === audit.privileged ? ' *privileged*' : '';
    const di = withDi ? ` ${group.value === audit.privileged ? '1.00' : ratio(group.disparateImpact)} |` : '';
    return `| ${cell(group.value)}${note} | ${count(group.count)} | ${count(group.favorable)} | ${rate} |${di}`;
  });
  const summary = [
    `Demographic parity difference ${ratio(audit.demographicParityDifference)}, ratio ${ratio(audit.demographicParityRatio)}`,
    audit.privileged !== undefined
      ? `statistical parity difference ${ratio(audit.statisticalParityDifference)}, disparate impact ${ratio(audit.disparateImpact)}`
      : '',
    audit.test ? `${audit.test === 'fisher-exact' ? 'Fisher exact' : 'χ²'} ${pValueText('p', audit.pValue)}` : '',
  ].filter((part) => part !== '');
  const weighted = audit.weighted ? '\n\n*Counts are sums of instance weights.*' : '';
  return `**${cell(audit.column)}**: share of rows labelled ${cell(audit.favorable)}, per group\n\n${[header, rule, ...rows].join('\n')}\n\n${summary.join('; ')}.${weighted}`;
}
