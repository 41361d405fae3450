import type { AttributeAudit, AuditResult } from '../../bias';
import type { FairnessReport } from '../../../shared/reports';
import { familyCounts } from '../evidence/datasetAudit';
import { disparityFigures, judgedBy, type DisparityFigure, type JudgedBy } from '../evidence/disparities';
import type { RunEvidence } from '../evidence/runEvidence';
import { ask, bullets, code, interval, notRecorded, num, plural, pValueText, section, table, text } from './markdown';
import { MARKDOWN_STYLE, mitigationBlock, type TextStyle } from './mitigationFacts';

/** Bias, Risks, and Limitations: disparities with verdicts, the audit of the training data, PII, label issues, mitigation. */
export function risksSection(evidence: RunEvidence): string {
  return section(
    2,
    'Bias, Risks, and Limitations',
    section(3, 'Disparities between groups (test split)', modelDisparities(evidence)),
    section(3, 'Training data audit', datasetAudit(evidence)),
    section(3, 'Personal and sensitive data in the training data', sensitiveData(evidence)),
    section(3, 'Label issues', labelIssues(evidence)),
    section(3, 'Mitigation', mitigationBlock(evidence)),
    section(3, 'Robustness', robustness(evidence)),
    ask(
      'known technical and sociotechnical limitations the figures above do not show (e.g. how the data was collected, who is missing from it).',
    ),
    section(3, 'Recommendations', recommendations(evidence), ask('further recommendations for users of the model.')),
  );
}

export function verdictText(figure: DisparityFigure): string {
  if (figure.verdict === 'undefined') return 'undefined';
  if (figure.verdict === 'uninformative') return 'not judged (uninformative model)';
  if (figure.verdict === 'small-group') return 'outside, on a group too small to judge';
  const base = figure.verdict === 'disparity' ? '**disparity**' : 'within threshold';
  return figure.uncertain ? `${base} (interval crosses the threshold)` : base;
}

export function disparityTable(report: FairnessReport, judged: JudgedBy = {}): string {
  const rows = disparityFigures(report, judged).map((figure) => [
    figure.label,
    num(figure.value),
    interval(figure.interval),
    figure.threshold,
    verdictText(figure),
  ]);
  return table(['Disparity', 'Value', 'Interval', 'Acceptable', 'Verdict'], rows);
}

function modelDisparities(evidence: RunEvidence): string {
  const fairness = evidence.run.report?.test.fairness;
  if (!evidence.run.report) return notRecorded('the run has no test report (it did not complete).');
  if (!fairness) return notRecorded('no sensitive column was named when training, so no group was evaluated.');
  const judged = judgedBy(evidence.run.report.test);
  const limits = judged.thresholds ?? { minRatio: 0.8, maxDifference: 0.1, minGroupSize: 20 };
  const level = Object.values(fairness.byColumn)[0]?.report.intervals;
  const intro = `Predictions on the test split, by group (favourable class ${code(fairness.positiveClass)}). Thresholds${judged.thresholds ? ' (as the run recorded them)' : ''}: ratios at least ${limits.minRatio} (four-fifths rule), differences within ±${limits.maxDifference}, groups of at least ${limits.minGroupSize} examples.${judged.uninformative ? ' The evaluation warns that the model barely tells examples apart: parity figures say little.' : ''}${level ? ` Intervals: bootstrap percentile, level ${level.level}, ${level.resamples} resamples (seed ${level.seed}).` : ' No bootstrap intervals were computed.'}`;
  const blocks = Object.entries(fairness.byColumn).map(
    ([column, group]) => `**${text(column)}**\n\n${disparityTable(group.report, judged)}`,
  );
  if (fairness.intersection)
    blocks.push(
      `**Intersection of ${evidence.run.config?.columns.sensitive.map(code).join(' × ') ?? 'the sensitive columns'}**\n\n${disparityTable(fairness.intersection.report, judged)}`,
    );
  return [intro, ...blocks].join('\n\n');
}

function datasetAudit(evidence: RunEvidence): string {
  const exam = evidence.examination;
  if (!exam) return notRecorded('the dataset could not be audited (see the warning above).');
  const audit = exam.audit;
  if (!audit) return notRecorded(exam.notes.map(text).join('; ') || 'the audit did not run.');
  const parts = [
    `${code(audit.file === evidence.dataset?.absolutePath ? evidence.dataset.shownPath : audit.file)}: ${audit.rows} rows, label ${code(audit.label ?? '—')}${audit.favorable !== null ? ` (favourable ${code(audit.favorable)})` : ''}. Label rates per group with Wilson intervals (level 0.95):`,
  ];
  for (const attribute of [...audit.attributes, ...audit.intersections]) parts.push(attributeTable(attribute));
  const issues = auditIssues(audit);
  parts.push(
    issues.length ? bullets(issues) : 'No representation issue, significant identity term or proxy was found.',
  );
  return parts.join('\n\n');
}

/** Representation issues, significant identity terms, proxies and duplicates the audit of the training data found. */
export function auditIssues(audit: AuditResult, style: TextStyle = MARKDOWN_STYLE): string[] {
  const issues = [
    ...audit.representation.map(
      (issue) =>
        `Group ${style.code(issue.value)} of ${style.code(issue.column)} is ${num(issue.share)} of rows (${issue.reason}).`,
    ),
    ...audit.identityTerms
      .filter((term) => term.significant)
      .map(
        (term) =>
          `Identity term ${style.code(term.term)} in ${term.rows} rows: rate ${num(term.rate)} vs ${num(term.overallRate)} overall (q ${pValueText(term.qValue)}).`,
      ),
    ...audit.proxies
      .filter((proxy) => proxy.flagged)
      .map(
        (proxy) =>
          `${style.code(proxy.column)} predicts ${style.code(proxy.sensitive)} (Cramér's V ${num(proxy.cramersV)}): a possible proxy.`,
      ),
  ];
  const duplicates = audit.duplicates;
  if (duplicates.keyColumns.length > 0)
    issues.push(
      `Duplicates: ${duplicates.exact} exact, ${duplicates.near} near, ${duplicates.conflicts} with conflicting labels, ${duplicates.leaks} also in a compared split.`,
    );
  return issues;
}

function attributeTable(attribute: AttributeAudit): string {
  const rows = attribute.groups.map((group) => [
    code(group.value),
    String(group.count),
    num(group.share),
    num(group.baseRate),
    `[${num(group.ci[0])}, ${num(group.ci[1])}]`,
  ]);
  const summary = `demographic parity ratio ${num(attribute.demographicParityRatio)}, difference ${num(attribute.demographicParityDifference)}${attribute.disparateImpact !== undefined ? `, disparate impact ${num(attribute.disparateImpact)} (privileged ${code(attribute.privileged ?? '')})` : ''}; p ${pValueText(attribute.pValue)}; verdict: ${attribute.verdict}`;
  return `**${text(attribute.column)}**: ${summary}\n\n${table(['Group', 'Rows', 'Share', 'Label rate', 'Interval'], rows)}`;
}

function sensitiveData(evidence: RunEvidence): string {
  const findings = evidence.examination?.findings;
  if (!evidence.examination) return notRecorded('the dataset could not be scanned (see the warning above).');
  if (!findings)
    return notRecorded(
      text(evidence.examination.notes.find((note) => note.includes('scan')) ?? 'the dataset was not scanned.'),
    );
  const counts = [
    ...familyCounts(findings, 'pii/'),
    ...familyCounts(findings, 'secret/'),
    ...familyCounts(findings, 'prompt/'),
  ];
  if (counts.length === 0) return 'The scan of the training data found no personal data, secrets or risky prompts.';
  return `The scan of the training data found:\n\n${table(
    ['Finding', 'Count'],
    counts.map(([name, count]) => [code(name), String(count)]),
  )}`;
}

function labelIssues(evidence: RunEvidence): string {
  const report = evidence.extras.labelIssues;
  if (!report)
    return notRecorded(
      'label issues were not examined for this run (`rml labels` writes label-issues.json into the run).',
    );
  const issues = Array.isArray(report['issues']) ? report['issues'].length : undefined;
  const rows = typeof report['rows'] === 'number' ? report['rows'] : undefined;
  const filter = typeof report['filter'] === 'string' ? report['filter'] : undefined;
  if (issues === undefined) return notRecorded('label-issues.json lists no issues array.');
  return `${plural(issues, 'row')}${rows !== undefined ? ` of ${rows}` : ''} have a label that looks wrong (confident learning${filter ? `, filter ${code(filter)}` : ''}).`;
}

function robustness(evidence: RunEvidence): string {
  const result = evidence.run.robustness;
  if (!result)
    return notRecorded(
      'robustness was not measured for this run (`rml robustness --save` writes robustness.json into the run).',
    );
  const rows = result.perturbations.map((perturbation) => [
    text(perturbation.name),
    num(perturbation.accuracy),
    num(perturbation.drop),
    num(perturbation.flipRate),
    perturbation.worstGroup ? code(perturbation.worstGroup) : '—',
  ]);
  const attack = result.attack
    ? `\n\nHotFlip attack (budget ${result.attack.budget}): ${result.attack.succeeded} of ${result.attack.attacked} predictions flipped (success rate ${num(result.attack.successRate)}).`
    : '';
  return `On ${result.rows} rows of ${code(result.source)}, clean accuracy ${num(result.clean.accuracy)}:\n\n${table(['Perturbation', 'Accuracy', 'Drop', 'Flip rate', 'Worst group'], rows)}${attack}`;
}

function recommendations(evidence: RunEvidence): string | undefined {
  const items: string[] = [];
  for (const [column, group] of Object.entries(evidence.run.report?.test.fairness?.byColumn ?? {})) {
    const flagged = disparityFigures(group.report, judgedBy(evidence.run.report?.test)).filter(
      (figure) => figure.verdict === 'disparity',
    );
    if (flagged.length)
      items.push(
        `Do not use the model for decisions about people grouped by ${code(column)} without review: ${flagged.map((figure) => `${figure.label.toLowerCase()} ${num(figure.value)}`).join(', ')} outside the thresholds.`,
      );
  }
  const pii = evidence.examination?.findings
    ? familyCounts(evidence.examination.findings, 'pii/').reduce((sum, [, count]) => sum + count, 0)
    : 0;
  if (pii > 0)
    items.push(
      `The training data holds ${plural(pii, 'personal-data finding')}: redact them or justify keeping them before the data or the model is shared.`,
    );
  if (evidence.dataset && !evidence.dataset.matches)
    items.push('Regenerate this card from a run on the current dataset.');
  return items.length ? bullets(items) : undefined;
}
