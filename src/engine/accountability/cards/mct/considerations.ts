import type { MitigationFigures } from '../../../../shared/mitigation';
import { familyCounts } from '../../evidence/datasetAudit';
import { disparityFigures, judgedBy } from '../../evidence/disparities';
import type { RunEvidence } from '../../evidence/runEvidence';
import { outOfScopeItems } from '../detailsSections';
import { interval, num, plural } from '../markdown';
import { mitigationItems, PLAIN_STYLE, type MitigationItem } from '../mitigationFacts';
import { auditIssues } from '../riskSections';
import type { Considerations } from './types';

type Risk = NonNullable<Considerations['ethical_considerations']>[number];

/**
 * Limitations, trade-offs and ethical risks, each from the evidence (what the run did not evaluate, before/after
 * figures of a mitigation, disparities outside their band, findings in the training data). Users and use cases are
 * never in the evidence, so they are left out; an empty list is left out too.
 */
export function considerationsOf(evidence: RunEvidence): Considerations | undefined {
  const described = (items: string[]) => items.map((description) => ({ description }));
  const considerations: Considerations = {};
  const limitations = described(limitationsOf(evidence));
  const tradeoffs = described(tradeoffsOf(evidence));
  const risks = [...disparityRisks(evidence), ...dataRisks(evidence)];
  if (limitations.length) considerations.limitations = limitations;
  if (tradeoffs.length) considerations.tradeoffs = tradeoffs;
  if (risks.length) considerations.ethical_considerations = risks;
  return Object.keys(considerations).length ? considerations : undefined;
}

function limitationsOf(evidence: RunEvidence): string[] {
  const { run, dataset } = evidence;
  const items = outOfScopeItems(evidence, PLAIN_STYLE).map(
    (fact) => `Not evaluated for: ${fact.charAt(0).toLowerCase()}${fact.slice(1)}`,
  );
  if (!run.report)
    items.push(
      `The run ${run.status.state}${run.status.error ? ` (${run.status.error})` : ''} without a test report: the model is not evaluated.`,
    );
  if (dataset && !dataset.matches)
    items.push(
      dataset.exists
        ? `${dataset.shownPath} has changed since the run (SHA-256 recorded ${dataset.recordedSha256}): the training data was not audited.`
        : `${dataset.shownPath} no longer exists: the training data was not audited.`,
    );
  for (const warning of run.report?.test.warnings ?? [])
    items.push(`The evaluation warns: ${warning.message.replace(/[^.!?]$/, '$&.')}`);
  const labels = evidence.extras.labelIssues;
  if (Array.isArray(labels?.['issues']))
    items.push(
      `${plural(labels['issues'].length, 'row')}${typeof labels['rows'] === 'number' ? ` of ${labels['rows']}` : ''} of the training data have a label that looks wrong (confident learning).`,
    );
  for (const perturbation of run.robustness?.perturbations ?? [])
    items.push(
      `Under the perturbation ${perturbation.name}, accuracy is ${num(perturbation.accuracy)} (a drop of ${num(perturbation.drop)}) and ${num(perturbation.flipRate)} of predictions flip.`,
    );
  return items;
}

/** Accuracy against disparity, as a mitigation or group thresholds moved them on the test split; DP-SGD's ε. */
function tradeoffsOf(evidence: RunEvidence): string[] {
  const { run } = evidence;
  const items: string[] = [];
  const mitigation = run.mitigation;
  if (mitigation && mitigation.method !== 'dp-sgd' && mitigation.test.before)
    items.push(
      `In-processing mitigation ${mitigation.method}${mitigation.constraint ? ` (${mitigation.constraint})` : ''}, test split: ${movement(mitigation.test.before, mitigation.test.after)}.`,
    );
  if (run.thresholds?.test.before)
    items.push(
      `Group thresholds (${run.thresholds.constraint}), test split: ${movement(run.thresholds.test.before, run.thresholds.test.after)}.`,
    );
  const privacy = mitigationText(evidence, 'privacy');
  if (privacy && run.report) items.push(`${privacy} Test accuracy with it: ${num(run.report.test.accuracy)}.`);
  return items;
}

/** What the run did for one aim, in plain words; empty when it did nothing. */
function mitigationText(evidence: RunEvidence, aim: MitigationItem['aim']): string {
  return mitigationItems(evidence, PLAIN_STYLE)
    .filter((item) => item.aim === aim)
    .map((item) => item.text)
    .join(' ');
}

function movement(before: MitigationFigures, after: MitigationFigures): string {
  return `accuracy ${num(before.accuracy)} → ${num(after.accuracy)}, demographic parity difference ${num(before.demographicParityDifference)} → ${num(after.demographicParityDifference)}, equalized odds difference ${num(before.equalizedOddsDifference)} → ${num(after.equalizedOddsDifference)}`;
}

/** Each disparity outside its band; the mitigation the run recorded, if any, is its strategy. */
function disparityRisks(evidence: RunEvidence): Risk[] {
  const test = evidence.run.report?.test;
  const strategy = mitigationText(evidence, 'fairness');
  const risks: Risk[] = [];
  for (const [column, group] of Object.entries(test?.fairness?.byColumn ?? {}))
    for (const figure of disparityFigures(group.report, judgedBy(test)))
      if (figure.verdict === 'disparity')
        risks.push({
          name: `${figure.label} by ${column} is ${num(figure.value)}${figure.interval ? ` (interval ${interval(figure.interval)})` : ''}, outside the acceptable band (${figure.threshold})${figure.uncertain ? '; the interval crosses the threshold' : ''}.`,
          ...(strategy ? { mitigation_strategy: strategy } : {}),
        });
  return risks;
}

/** Personal data, secrets and risky prompts the scan found, and what the audit found in the training data. */
function dataRisks(evidence: RunEvidence): Risk[] {
  const examination = evidence.examination;
  const risks: Risk[] = [];
  if (examination?.findings) {
    const counts = [
      ...familyCounts(examination.findings, 'pii/'),
      ...familyCounts(examination.findings, 'secret/'),
      ...familyCounts(examination.findings, 'prompt/'),
    ];
    const privacy = mitigationText(evidence, 'privacy');
    if (counts.length)
      risks.push({
        name: `The training data holds ${plural(
          counts.reduce((sum, [, count]) => sum + count, 0),
          'finding',
        )} of personal data, secrets or risky prompts (${counts.map(([code, count]) => `${code} ${count}`).join(', ')}).`,
        ...(privacy ? { mitigation_strategy: privacy } : {}),
      });
  }
  const audit = examination?.audit;
  if (audit) {
    for (const attribute of audit.attributes)
      if (attribute.verdict === 'disparity')
        risks.push({
          name: `Label rates in the training data differ by ${attribute.column}: demographic parity ratio ${num(attribute.demographicParityRatio)}, difference ${num(attribute.demographicParityDifference)}.`,
        });
    for (const issue of auditIssues(audit, PLAIN_STYLE)) risks.push({ name: `Training data: ${issue}` });
  }
  return risks;
}
