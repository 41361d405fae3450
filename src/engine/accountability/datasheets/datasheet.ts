import { stringify } from 'yaml';
import type { AttributeAudit } from '../../bias';
import { ask, bullets, code, notRecorded, num, plural, pValueText, section, table, text } from '../cards/markdown';
import { CARD_METADATA_KEY, GENERATOR } from '../cards/metadata';
import { familyCounts } from '../evidence/datasetAudit';
import type { DatasheetEvidence } from './evidence';

/**
 * A datasheet in the question groups of Gebru et al., "Datasheets for Datasets" (2021): Motivation, Composition,
 * Collection Process, Preprocessing/Cleaning/Labeling, Uses, Distribution, Maintenance — answered where the audit
 * and scan answer, asked of a person elsewhere. It also carries the sections card lint requires of a dataset card.
 */
export const DATASHEET_OUTLINE = [
  'Motivation',
  'Composition',
  'Collection Process',
  'Preprocessing/Cleaning/Labeling',
  'Uses',
  'Distribution',
  'Maintenance',
] as const;

export function renderDatasheet(evidence: DatasheetEvidence): string {
  return `${[
    frontMatter(evidence),
    section(
      1,
      `Datasheet for ${text(evidence.shownPath)}`,
      `Answers come from the audit and scan of ${code(evidence.shownPath)} (SHA-256 ${code(evidence.sha256)}) by ${GENERATOR}; questions the data cannot answer are left for a person.`,
    ),
    section(
      2,
      'Motivation',
      ask('for what purpose was the dataset created? Was there a specific task in mind, or a gap to fill?'),
      ask('who created the dataset, on behalf of which entity, and who funded it?'),
    ),
    composition(evidence),
    section(
      2,
      'Collection Process',
      ask(
        'how was the data of each instance acquired (observed, reported, inferred), by what mechanism, and over what timeframe?',
      ),
      ask('if the dataset is a sample of a larger set, what was the sampling strategy?'),
      ask(
        'if it relates to people: were they notified, did they consent, and was an ethical review or a data protection impact analysis done?',
      ),
    ),
    preprocessing(evidence),
    uses(evidence),
    risks(evidence),
    section(
      2,
      'Distribution',
      ask(
        'will the dataset be distributed outside the organisation, how, when, and under which license or terms of use?',
      ),
    ),
    maintenance(evidence),
  ].join('\n\n')}\n`;
}

function frontMatter(evidence: DatasheetEvidence): string {
  const rows = evidence.audit?.rows;
  const metadata = {
    tags: ['responsible-ml', 'datasheet'],
    ...(rows !== undefined ? { size_categories: [sizeCategory(rows)] } : {}),
    [CARD_METADATA_KEY]: {
      dataset: { path: evidence.shownPath, sha256: evidence.sha256 },
      generated: evidence.generatedAt,
      generator: GENERATOR,
    },
  };
  return `---\n${stringify(metadata, { lineWidth: 0 })}---`;
}

/** Hugging Face's size buckets. */
function sizeCategory(rows: number): string {
  const buckets: Array<[number, string]> = [
    [1e3, 'n<1K'],
    [1e4, '1K<n<10K'],
    [1e5, '10K<n<100K'],
    [1e6, '100K<n<1M'],
    [1e7, '1M<n<10M'],
    [1e8, '10M<n<100M'],
  ];
  return buckets.find(([limit]) => rows < limit)?.[1] ?? 'n>100M';
}

function composition(evidence: DatasheetEvidence): string {
  const audit = evidence.audit;
  if (!audit)
    return section(
      2,
      'Composition',
      notRecorded(evidence.notes.map(text).join('; ') || 'the dataset could not be audited.'),
      personal(evidence),
    );
  const roles = (column: string) =>
    [
      column === audit.label ? 'label' : '',
      audit.sensitive.includes(column) ? 'sensitive' : '',
      audit.textColumns.includes(column) ? 'text' : '',
      column === audit.weightColumn ? 'weight' : '',
    ]
      .filter(Boolean)
      .join(', ');
  const columns = Object.keys(audit.columns);
  return section(
    2,
    'Composition',
    section(
      3,
      'Instances',
      `${audit.rows} rows (${evidence.bytes} bytes) with ${plural(columns.length, 'column')}:`,
      table(
        ['Column', 'Role in the audit'],
        columns.map((column) => [code(column), roles(column) || '—']),
      ),
      ask('what do the instances represent (people, documents, transactions…), and is this all of them or a sample?'),
    ),
    section(3, 'Labels', labels(evidence)),
    section(3, 'Group representation', representation(evidence)),
    section(3, 'Errors, noise and redundancies', redundancies(evidence)),
    section(
      3,
      'Recommended splits',
      audit.duplicates.comparedWith.length
        ? `Compared for leakage with ${audit.duplicates.comparedWith.map(code).join(', ')}: ${audit.duplicates.leaks} rows also appear there.`
        : ask(
            'are there recommended train / validation / test splits? (none was found beside the file or in .rml.json)',
          ),
    ),
    personal(evidence),
  );
}

function labels(evidence: DatasheetEvidence): string {
  const audit = evidence.audit!;
  if (!audit.label) return notRecorded('no label column was named or inferred.');
  const overall = overallRate(audit.attributes[0]);
  const classes = audit.classes.length ? ` with values ${audit.classes.map(code).join(', ')}` : '';
  return `Label ${code(audit.label)}${classes}${audit.favorable !== null ? `; favourable value ${code(audit.favorable)}${overall !== undefined ? `, ${num(overall)} of labelled rows` : ''}` : ''}.`;
}

function overallRate(attribute: AttributeAudit | undefined): number | undefined {
  if (!attribute) return undefined;
  const labelled = attribute.groups.reduce((sum, group) => sum + group.labelled, 0);
  return labelled > 0 ? attribute.groups.reduce((sum, group) => sum + group.favorable, 0) / labelled : undefined;
}

function representation(evidence: DatasheetEvidence): string {
  const audit = evidence.audit!;
  if (audit.attributes.length === 0)
    return notRecorded('no sensitive column was named or suggested, so groups were not counted.');
  const blocks = audit.attributes.map(
    (attribute) =>
      `**${text(attribute.column)}**\n\n${table(
        ['Group', 'Rows', 'Share', 'Label rate', 'Interval (Wilson, level 0.95)'],
        attribute.groups.map((group) => [
          code(group.value),
          String(group.count),
          num(group.share),
          num(group.baseRate),
          `[${num(group.ci[0])}, ${num(group.ci[1])}]`,
        ]),
      )}`,
  );
  const issues = audit.representation.map(
    (issue) => `Group ${code(issue.value)} of ${code(issue.column)}: ${num(issue.share)} of rows (${issue.reason}).`,
  );
  return [...blocks, issues.length ? bullets(issues) : 'No group is below the minimum share.'].join('\n\n');
}

function redundancies(evidence: DatasheetEvidence): string {
  const audit = evidence.audit!;
  const parseErrors = evidence.findings?.byCode['data/parse-error'] ?? 0;
  const d = audit.duplicates;
  const items = [
    d.keyColumns.length === 0
      ? 'Duplicates were not checked: the audit found no column to key them on.'
      : d.keyKind === 'row'
        ? `${plural(d.exact, 'row')} repeating an earlier row in every feature column, ${plural(d.conflicts, 'group')} of such rows with conflicting labels.`
        : `${d.exact} exact and ${d.near} near duplicate rows, ${d.conflicts} groups of duplicates with conflicting labels (key: ${d.keyColumns.map(code).join(', ')}).`,
    evidence.findings
      ? `${plural(parseErrors, 'malformed row')} (parse errors).`
      : notRecorded('the file was not scanned for malformed rows.'),
  ];
  return `${bullets(items)}\n\n${ask('other known errors or sources of noise, and how labels were checked.')}`;
}

export function personal(evidence: DatasheetEvidence): string {
  const findings = evidence.findings;
  const audit = evidence.audit;
  const blocks: string[] = [];
  if (!findings) blocks.push(notRecorded('the dataset was not scanned for personal data and secrets.'));
  else {
    const counts = [...familyCounts(findings, 'pii/'), ...familyCounts(findings, 'secret/')];
    blocks.push(
      counts.length
        ? `The scan found:\n\n${table(
            ['Finding', 'Count'],
            counts.map(([name, count]) => [code(name), String(count)]),
          )}`
        : 'The scan found no personal data (e-mail, phone, card, IBAN, SSN, IP, crypto address) and no secrets.',
    );
  }
  if (audit) {
    const sensitive = audit.sensitive.length
      ? `Sensitive columns audited: ${audit.sensitive.map(code).join(', ')}.`
      : 'No sensitive column was audited.';
    const suggested = audit.suggestions.map(
      (suggestion) => `${code(suggestion.column)} looks like a protected attribute (${suggestion.kind}).`,
    );
    const identifying = audit.directIdentifiers.map(
      (identifier) => `${code(identifier.column)} holds ${identifier.kind} (${identifier.evidence}).`,
    );
    blocks.push([sensitive, ...suggested].join(' '));
    if (identifying.length > 0) blocks.push(`Columns that identify people by themselves: ${identifying.join(' ')}`);
  }
  blocks.push(
    ask(
      'does the dataset identify people directly or indirectly, or hold data about racial or ethnic origin, health, religion, sexual orientation, finances or criminal records? How is it protected?',
    ),
  );
  return section(3, 'Personal and Sensitive Information', ...blocks);
}

function preprocessing(evidence: DatasheetEvidence): string {
  const weight = evidence.audit?.weightColumn;
  return section(
    2,
    'Preprocessing/Cleaning/Labeling',
    weight ? `The file has an instance-weight column ${code(weight)} (e.g. from reweighing).` : undefined,
    ask(
      'was any preprocessing, cleaning or labeling done (discretisation, tokenisation, removal of instances, imputation)? Is the raw data kept?',
    ),
  );
}

export function uses(evidence: DatasheetEvidence): string {
  const runs = evidence.uses.length
    ? `Runs of this workspace trained on this exact file:\n\n${table(
        ['Run', 'Model', 'State', 'Test accuracy'],
        evidence.uses.map((use) => [code(use.runId), use.model, use.state, num(use.accuracy)]),
      )}`
    : 'No run of this workspace trained on this exact version of the file.';
  const tooSmall = (evidence.audit?.attributes ?? []).flatMap((attribute) =>
    attribute.groups
      .filter((group) => group.tooSmall)
      .map((group) => `${code(attribute.column)} = ${code(group.value)}`),
  );
  return section(
    2,
    'Uses',
    section(3, 'Uses so far', runs),
    section(
      3,
      'Out-of-Scope Use',
      tooSmall.length
        ? `Too few labelled rows to judge these groups: ${tooSmall.join(', ')}: conclusions about them are out of scope.`
        : undefined,
      ask(
        'tasks the dataset should not be used for, and anything in its composition or collection that could harm people if it were.',
      ),
    ),
  );
}

const VERDICT_WORDS: Record<AttributeAudit['verdict'], string> = {
  disparity: '**disparity**',
  'within-threshold': 'within the thresholds',
  'not-significant': 'past a threshold but not significant',
  'too-small': 'groups too small to judge',
  unlabelled: 'no labelled rows',
};

/** The figures above count every group; the verdict only those large enough, so say which were left out of it. */
function smallGroupsNote(attribute: AttributeAudit): string {
  const small = attribute.smallGroups;
  if (small.length === 0 || attribute.verdict === 'too-small') return '';
  const named = small.slice(0, 3).map(code).join(', ');
  const more = small.length > 3 ? ` and ${small.length - 3} more` : '';
  return ` (judged without the groups too small to judge: ${named}${more})`;
}

export function risks(evidence: DatasheetEvidence): string {
  const audit = evidence.audit;
  if (!audit)
    return section(
      2,
      'Bias, Risks, and Limitations',
      notRecorded('the dataset could not be audited.'),
      ask('known biases, risks and limitations.'),
    );
  const items = [...audit.attributes, ...audit.intersections].map(
    (attribute) =>
      `${code(attribute.column)}: demographic parity ratio ${num(attribute.demographicParityRatio)}, difference ${num(attribute.demographicParityDifference)} (p ${pValueText(attribute.pValue)}): ${VERDICT_WORDS[attribute.verdict]}${smallGroupsNote(attribute)}.`,
  );
  for (const proxy of audit.proxies.filter((candidate) => candidate.flagged))
    items.push(
      `${code(proxy.column)} predicts ${code(proxy.sensitive)} (Cramér's V ${num(proxy.cramersV)}): a possible proxy.`,
    );
  for (const term of audit.identityTerms.filter((candidate) => candidate.significant))
    items.push(
      `Rows mentioning ${code(term.term)} have label rate ${num(term.rate)} vs ${num(term.overallRate)} overall (q ${pValueText(term.qValue)}).`,
    );
  return section(
    2,
    'Bias, Risks, and Limitations',
    items.length
      ? `Label rates between groups (favourable ${code(audit.favorable ?? '—')}):\n\n${bullets(items)}`
      : 'No sensitive column was audited, so disparities were not measured.',
    ...audit.notes.map((note) => `_Audit note:_ ${text(note)}`),
    ask('other known biases, risks and limitations of the data.'),
  );
}

function maintenance(evidence: DatasheetEvidence): string {
  return section(
    2,
    'Maintenance',
    `This datasheet describes the file with SHA-256 ${code(evidence.sha256)}; card lint reports when the file changes. The workspace's ledger lists ${plural(evidence.ledgerEntries, 'action')} on ${code(evidence.shownPath)}.`,
    ask('who maintains the dataset, how can they be contacted, will it be updated, and how are errors reported?'),
  );
}
