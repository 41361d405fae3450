import type { RunEvidence } from '../evidence/runEvidence';
import { ask, askInline, bullets, code, section, text } from './markdown';
import { MARKDOWN_STYLE, type TextStyle } from './mitigationFacts';
import { classesText, inputColumnsText, modelKindName, modelKindText, modelName } from './modelFacts';

/** Title, summary, Model Details and Uses: the facts of the run, and questions only its owners can answer. */
export function titleAndSummary(evidence: RunEvidence): string {
  const { run, dataset } = evidence;
  const config = run.config;
  if (!config)
    return section(
      1,
      `Model Card for run ${run.id}`,
      `This run has no configuration (${code('config.json')}): it ${run.status.state === 'failed' ? `failed: ${text(run.status.error ?? 'no error recorded')}` : `is ${run.status.state}`}.`,
    );
  const name = modelName(config);
  const summary = `A ${modelKindName(config)} that predicts ${code(config.columns.label)} (classes ${classesText(config)}) from ${inputColumnsText(config)} of ${code(dataset?.shownPath ?? config.dataset.path)}, trained with TensorFlow.js by Responsible ML in run ${code(run.id)}. Every figure below comes from the run's files and the audit of its dataset; what they cannot tell is left as a question for a person.`;
  return section(1, `Model Card for ${text(name)} (run ${run.id})`, datasetWarning(evidence), summary);
}

/** A loud note when the dataset on disk is not the one the run trained on. */
export function datasetWarning(evidence: RunEvidence): string | undefined {
  const dataset = evidence.dataset;
  if (!dataset || dataset.matches) return undefined;
  if (!dataset.exists)
    return `> **Warning:** the dataset ${code(dataset.shownPath)} no longer exists: the audit of the training data could not be run.`;
  return `> **Warning:** ${code(dataset.shownPath)} has changed since this run (SHA-256 recorded ${code(dataset.recordedSha256)}, now ${code(dataset.currentSha256 ?? 'unreadable')}): the dataset sections describe what the run recorded, and the audit was not run on the changed file.`;
}

export function modelDetailsSection(evidence: RunEvidence): string {
  const { run } = evidence;
  const config = run.config;
  const facts = config
    ? [
        `**Developed by:** ${askInline('the people or organisation who built this model.')}`,
        `**Model type:** ${modelKindText(config)}; ${config.model.parameters} trainable parameters.`,
        `**Language(s) (NLP):** ${config.columns.text ? askInline(`the language(s) of the text in ${code(config.columns.text)}.`) : 'not applicable: the model reads tabular features, not text.'}`,
        `**License:** ${askInline('the license under which the model may be used.')}`,
        `**Finetuned from model:** none: trained from scratch (seed ${config.seed}).`,
        `**Run:** ${code(run.id)}, ${run.status.state}${run.status.finishedAt ? ` at ${run.status.finishedAt}` : ''} (started ${run.status.startedAt}).`,
      ]
    : [`**Run:** ${code(run.id)}, ${run.status.state}.`];
  const sources = bullets([
    `**Repository:** ${askInline('where the model and its code are published.')}`,
    `**Run folder:** ${code(evidence.runDir.includes('.rml') ? `.rml/runs/${run.id}` : evidence.runDir)} (configuration, epoch metrics, report, test predictions, model files).`,
  ]);
  return section(
    2,
    'Model Details',
    section(3, 'Model Description', bullets(facts)),
    section(3, 'Model Sources', sources),
  );
}

export function usesSection(evidence: RunEvidence): string {
  const config = evidence.run.config;
  const label = config ? code(config.columns.label) : 'the label';
  const output = config
    ? `The model outputs a probability for each class of ${label} (${config.classes.map(code).join(', ')}); the predicted class is the most probable one.`
    : undefined;
  return section(
    2,
    'Uses',
    ask(`who will use the predictions of ${label}, and who is affected by them?`),
    section(
      3,
      'Direct Use',
      output,
      ask(`the decisions or tasks the predictions of ${label} are meant for, and by whom.`),
    ),
    section(3, 'Downstream Use', ask('uses inside a larger system or application, if any (or "none intended").')),
    section(
      3,
      'Out-of-Scope Use',
      outOfScopeFacts(evidence),
      ask('uses the model must not be put to (e.g. decisions it was not evaluated for, misuse).'),
    ),
  );
}

export function outOfScopeFacts(evidence: RunEvidence): string | undefined {
  const facts = outOfScopeItems(evidence);
  return facts.length ? `From the evidence, the model was not evaluated for:\n\n${bullets(facts)}` : undefined;
}

/** What the run did not evaluate the model on: other data, people outside the groups seen, or any group at all. */
export function outOfScopeItems(evidence: RunEvidence, style: TextStyle = MARKDOWN_STYLE): string[] {
  const { run, dataset } = evidence;
  if (!run.config || !dataset) return [];
  const facts = [
    `Data unlike ${style.code(dataset.shownPath)} (SHA-256 ${style.code(dataset.recordedSha256)}): the model was evaluated only on a held-out split of that file.`,
  ];
  const fairness = run.report?.test.fairness?.byColumn ?? {};
  for (const [column, group] of Object.entries(fairness)) {
    const groups = Object.keys(group.report.byGroup);
    facts.push(
      `People outside the groups of ${style.code(column)} seen in the test split (${groups.map(style.code).join(', ')}).`,
    );
  }
  if (run.config.columns.sensitive.length === 0)
    facts.push('Decisions about people: no sensitive column was named, so no group was evaluated.');
  return facts;
}
