import type { Finding, RelatedLocation, Severity } from '../../shared/findings';
import { duplicateFindings } from './duplicateFindings';
import { data, finding, headerRange, type Context } from './findingParts';
import { listed, percent, percentBeside, pValueText, ratio, rowCount } from './format';
import { groupTableMarkdown } from './hover';
import { describeConfiguredValue, type ConfiguredValueIssue } from './configuredValues';
import type {
  AttributeAudit,
  DirectIdentifier,
  AuditResult,
  IdentityTermStats,
  ProxyStats,
  RepresentationIssue,
  SensitiveSuggestion,
} from './types';

/**
 * The audit as editor and CLI findings: disparities and group tables on sensitive columns' header cells, identity
 * terms where they occur, proxies on the proxy column's header, duplicates, conflicts and leaks on the rows.
 * Fingerprints hash the code, the column or term and the values involved (never positions).
 */
export function auditFindings(result: AuditResult, file: string, options: { relativePath?: string } = {}): Finding[] {
  const context: Context = { result, file, relativePath: options.relativePath ?? file };
  // In file order, as a linter lists them (most sit on the header row, by column); the sort is stable, so findings
  // at one place keep the order below.
  return unsortedFindings(context).sort(byPosition);
}

function byPosition(a: Finding, b: Finding): number {
  return a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character;
}

function unsortedFindings(context: Context): Finding[] {
  const { result } = context;
  return [
    ...[...result.attributes, ...result.intersections].flatMap((audit) => disparityFinding(context, audit)),
    ...result.representation.map((issue) => representationFinding(context, issue)),
    ...result.identityTerms.filter((term) => term.significant).flatMap((term) => identityTermFindings(context, term)),
    ...result.proxies.filter((proxy) => proxy.flagged).map((proxy) => proxyFinding(context, proxy)),
    ...duplicateFindings(context),
    ...result.configuredValues.map((issue) => configuredValueFinding(context, issue)),
    ...labelUnknownFindings(context),
    ...result.directIdentifiers.map((identifier) => directIdentifierFinding(context, identifier)),
    ...result.suggestions.map((suggestion) => ({
      ...finding(
        context,
        'bias/sensitive-column-suggested',
        headerRange(context, suggestion.column),
        'information',
        suggestionMessage(suggestion, result.sensitive.includes(suggestion.column)),
        suggestion.column,
      ),
      data: {
        ...data(context, 'bias/sensitive-column-suggested', suggestion.column),
        column: suggestion.column,
        evidence: suggestion.evidence,
        fixes: ['mark-sensitive' as const],
      },
    })),
  ];
}

/**
 * Sensitive columns but no label: nothing per group can be measured until one is named. Only where some column
 * could be it (one quick fix per candidate): a log or a lookup table with a sensitive-sounding column has none.
 */
function labelUnknownFindings(context: Context): Finding[] {
  const { result } = context;
  const candidates = result.labelCandidates;
  if (result.label !== null || result.sensitive.length === 0 || candidates.length === 0) return [];
  const message =
    `No label column: label rates of ${listed(result.sensitive)} cannot be compared. ` +
    `Name the label in .rml.json; two-valued columns: ${candidates.map((column) => `'${column}'`).join(', ')}`;
  const base = finding(
    context,
    'bias/label-unknown',
    headerRange(context, candidates[0]!),
    'information',
    message,
    'label',
  );
  return [{ ...base, data: { ...base.data!, candidates, fixes: ['set-label' as const] } }];
}

/**
 * Presidio's entity names, as the value detectors' redact fixes write them (`<EMAIL>`, `<PHONE_NUMBER>`); Presidio
 * has one per country's document, so a document number of any country is `<ID_NUMBER>`.
 */
const IDENTIFIER_PLACEHOLDERS: Record<DirectIdentifier['kind'], string> = {
  names: '<PERSON>',
  'street addresses': '<LOCATION>',
  'dates of birth': '<DATE_TIME>',
  'identity document numbers': '<ID_NUMBER>',
};

function directIdentifierFinding(context: Context, identifier: DirectIdentifier): Finding {
  const { column, kind, evidence } = identifier;
  const message =
    `column '${column}' holds ${kind} (${evidence}): it identifies people by itself; ` +
    'drop or pseudonymise it before training, or say in the datasheet why it is kept';
  const base = finding(context, 'data/direct-identifier', headerRange(context, column), 'warning', message, column);
  return {
    ...base,
    data: {
      ...base.data!,
      column,
      kind,
      placeholder: IDENTIFIER_PLACEHOLDERS[kind],
      fixes: ['redact-column', 'hash-column'],
    },
  };
}

function disparityFinding(context: Context, audit: AttributeAudit): Finding[] {
  const column = audit.columns[0] ?? audit.column;
  const subject = `${audit.column}\0${audit.favorable}`;
  const related: RelatedLocation[] = audit.columns.slice(1).map((other) => ({
    file: context.file,
    range: headerRange(context, other),
    message: `intersection with '${other}'`,
  }));
  const extra = {
    column,
    subject: audit.column,
    hover: groupTableMarkdown(audit),
    ...(related.length > 0 ? { related } : {}),
  };
  if (audit.verdict === 'disparity' || audit.verdict === 'not-significant') {
    const severity: Severity = audit.verdict === 'disparity' ? 'warning' : 'information';
    const message = disparityMessage(context.result, audit);
    const base = finding(context, 'bias/label-disparity', headerRange(context, column), severity, message, subject);
    const evidence = disparityEvidence(audit);
    return [{ ...base, data: { ...base.data!, ...extra, evidence, fixes: ['reweigh'] } }];
  }
  if (audit.columns.length > 1 || audit.verdict === 'unlabelled') return [];
  const rates = audit.groups.map((group) => `${group.value} ${percent(group.baseRate)}`).join(', ');
  const base = finding(
    context,
    'bias/group-rates',
    headerRange(context, column),
    'hint',
    `rate of ${labelText(context.result, audit.favorable)} by ${audit.column}: ${rates}${audit.verdict === 'too-small' ? ' (groups too small to judge)' : ''}`,
    subject,
  );
  return [{ ...base, data: { ...base.data!, ...extra } }];
}

function labelText(result: AuditResult, value: string): string {
  return result.favorable === null ? `${result.label ?? 'label'} = ${value}` : 'favourable';
}

/**
 * Without configured sensitive columns the audit already audits the suggested ones: the finding says so, rather
 * than asking for what was done; with configured ones, a suggested column is left out until marked.
 */
function suggestionMessage(suggestion: SensitiveSuggestion, audited: boolean): string {
  const looks = `column '${suggestion.column}' looks like a protected attribute (${suggestion.kind})`;
  return audited
    ? `${looks}: audited as sensitive; mark it sensitive to keep it so`
    : `${looks}: mark it sensitive to audit it`;
}

/** `yes` stays `yes`; `>50K` (UCI Adult) or `not hired` are quoted, so `class='>50K'` does not read as `=>`. */
function plainOrQuoted(value: string): string {
  return /^[\p{L}\p{N}_.-]+$/u.test(value) ? value : `'${value}'`;
}

function disparityMessage(result: AuditResult, audit: AttributeAudit): string {
  const low = audit.groups.find((group) => group.value === audit.lowest);
  const high = audit.groups.find((group) => group.value === audit.highest);
  // "sex: hired=yes for 23 % of F vs 50 % of M": the column, the label, and the two groups, in one short line.
  const outcome = `${result.label ?? 'label'}=${plainOrQuoted(audit.favorable)}`;
  const rates = `${audit.column}: ${outcome} for ${percent(low?.baseRate ?? null)} of ${audit.lowest} vs ${percent(high?.baseRate ?? null)} of ${audit.highest}`;
  const threshold = result.thresholds.disparateImpact;
  const measure =
    audit.privileged !== undefined
      ? `disparate impact ${ratio(low?.disparateImpact ?? audit.disparateImpact)}`
      : `demographic parity ratio ${ratio(judgedRatio(low?.baseRate ?? null, high?.baseRate ?? null))}`;
  const verdict =
    audit.verdict === 'disparity'
      ? `< ${threshold}`
      : `< ${threshold}, but not significant (${pValueText('p', audit.pValue)})`;
  return `${rates}; ${measure} ${verdict}`;
}

/** The ratio the verdict read: the lowest judged rate over the highest (small groups are not judged). */
function judgedRatio(low: number | null, high: number | null): number | null {
  if (low === null || high === null) return null;
  return high === 0 ? 1 : low / high;
}

function disparityEvidence(audit: AttributeAudit): string[] {
  const small = audit.smallGroups.length > 0 ? ` (including ${audit.smallGroups.join(', ')}: too small to judge)` : '';
  return [
    `demographic parity difference ${ratio(audit.demographicParityDifference)}, ratio ${ratio(audit.demographicParityRatio)}${small}`,
    ...(audit.privileged !== undefined
      ? [
          `privileged ${audit.privileged}: statistical parity difference ${ratio(audit.statisticalParityDifference)}, disparate impact ${ratio(audit.disparateImpact)}`,
        ]
      : []),
    `${audit.test === 'fisher-exact' ? "Fisher's exact test" : 'chi-square test'}: ${pValueText('p', audit.pValue)}`,
  ];
}

function configuredValueFinding(context: Context, issue: ConfiguredValueIssue): Finding {
  const severity: Severity = issue.matched === null ? 'warning' : 'information';
  const subject = `${issue.setting}\0${issue.column}\0${issue.value}`;
  const base = finding(
    context,
    'bias/configured-value',
    headerRange(context, issue.column),
    severity,
    describeConfiguredValue(issue),
    subject,
  );
  // `configuredValue` lets the server place the same warning on the value in `.rml.json` (configValueProblems).
  const evidence = [`values in '${issue.column}': ${issue.values.join(', ')}`];
  return { ...base, data: { ...base.data!, column: issue.column, evidence, configuredValue: issue } };
}

function representationFinding(context: Context, issue: RepresentationIssue): Finding {
  const message =
    issue.expectedShare === undefined
      ? `group '${issue.value}' of '${issue.column}' is ${percentBeside(issue.share, context.result.thresholds.minGroupShare)} of rows (below ${percent(context.result.thresholds.minGroupShare)})`
      : `group '${issue.value}' of '${issue.column}' is ${percent(issue.share)} of rows vs ${percent(issue.expectedShare)} in the reference (${pValueText('p', issue.pValue ?? null)})`;
  const severity: Severity = issue.expectedShare === undefined ? 'information' : 'warning';
  const base = finding(
    context,
    'bias/representation',
    headerRange(context, issue.column),
    severity,
    message,
    `${issue.column}\0${issue.value}`,
  );
  return { ...base, data: { ...base.data!, column: issue.column, evidence: [rowCount(issue.count)] } };
}

function identityTermFindings(context: Context, term: IdentityTermStats): Finding[] {
  const labelName = context.result.label ?? 'label';
  const what = /^(1|true|yes)$/i.test(term.labelValue) ? labelName : `${labelName} = ${term.labelValue}`;
  const message = `'${term.term}' in ${rowCount(term.rows)}: ${percent(term.rate)} ${what} vs ${percent(term.overallRate)} overall, ${pValueText('q', term.qValue)}`;
  const evidence = [
    `${term.category.replace(/_/g, ' ')} term`,
    `${percent(term.restRate)} in rows without it; odds ratio ${ratio(term.oddsRatio)}`,
    `Fisher's exact test ${pValueText('p', term.pValue)}, Benjamini–Hochberg ${pValueText('q', term.qValue)}`,
  ];
  return term.occurrences.map((occurrence) => {
    const base = finding(
      context,
      'bias/identity-term',
      occurrence.range,
      'warning',
      message,
      `${term.term}\0${term.labelValue}`,
    );
    return { ...base, data: { ...base.data!, column: occurrence.column, evidence } };
  });
}

function proxyFinding(context: Context, proxy: ProxyStats): Finding {
  const message = `'${proxy.column}' predicts '${proxy.sensitive}' (Cramér's V ${ratio(proxy.cramersV)}): a possible proxy`;
  const base = finding(
    context,
    'bias/proxy',
    headerRange(context, proxy.column),
    'warning',
    message,
    `${proxy.column}\0${proxy.sensitive}`,
  );
  const evidence = [
    `bias-corrected Cramér's V ${ratio(proxy.cramersV)} ≥ ${context.result.thresholds.proxyCramersV}`,
    `mutual information ${proxy.mutualInformation.toFixed(3)} nats (${percent(proxy.uncertaintyCoefficient)} of the entropy of '${proxy.sensitive}')`,
    `chi-square ${pValueText('p', proxy.pValue)}; ${proxy.distinctValues} distinct values`,
  ];
  const related = [
    {
      file: context.file,
      range: headerRange(context, proxy.sensitive),
      message: `sensitive column '${proxy.sensitive}'`,
    },
  ];
  return { ...base, data: { ...base.data!, column: proxy.column, evidence, related } };
}
