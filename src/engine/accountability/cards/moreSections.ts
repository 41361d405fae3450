import type { RunEvidence } from '../evidence/runEvidence';
import { GENERATOR } from './metadata';
import { ask, bullets, code, notRecorded, num, section, table, text } from './markdown';
import { trainingSeconds } from './modelFacts';

/** How to Get Started: where the saved model is and how it is read. */
export function getStartedSection(evidence: RunEvidence): string {
  if (!evidence.run.hasModel)
    return section(2, 'How to Get Started with the Model', notRecorded('the run saved no model.'));
  const folder = `.rml/runs/${evidence.run.id}`;
  const sensitive = evidence.run.config?.columns.sensitive.join(',') || 'COLUMN';
  return section(
    2,
    'How to Get Started with the Model',
    `The model is a TensorFlow.js layers model in ${code(`${folder}/model/model.json`)} (weights beside it); the preprocessing it expects is in ${code(`${folder}/model/preprocessing.json`)}. Load it with ${code("tf.loadLayersModel('file://…/model.json')")}. The test predictions are in ${code(`${folder}/predictions.csv`)}; their group figures can be recomputed with:`,
    [
      '```sh',
      `rml fairness ${folder}/predictions.csv --y-true y_true --y-pred y_pred --sensitive ${sensitive}`,
      '```',
    ].join('\n'),
  );
}

/** Model Examination: the attribution summary another step writes into the run. */
export function examinationSection(evidence: RunEvidence): string {
  const attribution = evidence.extras.attribution;
  if (!attribution)
    return section(
      2,
      'Model Examination',
      notRecorded('no attribution was computed for this run (attribution.json in the run folder).'),
    );
  const overall = entriesOf(attribution['overall']);
  const method = typeof attribution['method'] === 'string' ? code(attribution['method']) : 'an attribution method';
  const examples = typeof attribution['examples'] === 'number' ? ` over ${attribution['examples']} examples` : '';
  const blocks = [
    `Features that move predictions most (${method}${examples}; mean absolute attribution for the predicted class):`,
  ];
  if (overall.length)
    blocks.push(
      table(
        ['Feature', 'Mean |attribution|', 'Mean attribution'],
        overall.slice(0, 10).map((entry) => [code(entry.feature), num(entry.meanAbs), num(entry.mean)]),
      ),
    );
  const byGroup = attribution['byGroup'];
  if (byGroup && typeof byGroup === 'object') {
    for (const [column, groups] of Object.entries(byGroup as Record<string, unknown>)) {
      const rows = Object.entries((groups ?? {}) as Record<string, unknown>).map(([group, tableValue]) => [
        code(group),
        entriesOf(tableValue)
          .slice(0, 5)
          .map((entry) => code(entry.feature))
          .join(', '),
      ]);
      if (rows.length)
        blocks.push(`**Top features by ${text(column)}**\n\n${table(['Group', 'Most important'], rows)}`);
    }
  }
  return section(2, 'Model Examination', ...blocks);
}

interface ImportanceEntry {
  feature: string;
  meanAbs: number;
  mean: number;
}

function entriesOf(value: unknown): ImportanceEntry[] {
  const entries = (value as { entries?: unknown } | undefined)?.entries;
  if (!Array.isArray(entries)) return [];
  return entries.filter(
    (entry): entry is ImportanceEntry =>
      typeof entry?.feature === 'string' && typeof entry?.meanAbs === 'number' && typeof entry?.mean === 'number',
  );
}

export function environmentalSection(evidence: RunEvidence): string {
  const backend = evidence.run.config?.backend;
  const seconds = trainingSeconds(evidence.run.metrics);
  return section(
    2,
    'Environmental Impact',
    bullets([
      `**Hardware Type:** ${backend ? `${backend.device.toUpperCase()} (${text(backend.detail)})` : notRecorded('no backend was selected.')}`,
      `**Hours used:** ${seconds !== undefined ? `${num(seconds / 3600, 6)} (the epochs' recorded time)` : notRecorded('no epoch finished.')}`,
      `**Cloud Provider:** ${ask('the provider, or "none (local machine)".').slice(2)}`,
      `**Compute Region:** ${ask('the region of the machine.').slice(2)}`,
      `**Carbon Emitted:** ${ask('an estimate, e.g. from the Machine Learning Impact calculator by Lacoste et al.').slice(2)}`,
    ]),
  );
}

export function technicalSection(evidence: RunEvidence): string {
  const config = evidence.run.config;
  return section(
    2,
    'Technical Specifications',
    section(
      3,
      'Model Architecture and Objective',
      config
        ? `${text(config.model.kind)}: cross-entropy loss${config.training.classWeight === 'balanced' ? ' with balanced class weights' : ''}${config.columns.weight ? ' weighted per example' : ''}, minimised with Adam.`
        : notRecorded('no configuration.'),
    ),
    section(
      3,
      'Compute Infrastructure',
      section(
        4,
        'Hardware',
        config
          ? `${config.backend.device.toUpperCase()} through the ${code(config.backend.name)} backend: ${text(config.backend.detail)}.${config.backend.warnings.length ? `\n\n${bullets(config.backend.warnings.map(text))}` : ''}`
          : notRecorded('no backend was selected.'),
      ),
      section(4, 'Software', `TensorFlow.js, trained and documented by ${GENERATOR}.`),
    ),
  );
}

export function closingSections(evidence: RunEvidence): string {
  return [
    section(2, 'Citation', ask('a BibTeX or APA citation, if the model is published.')),
    section(
      2,
      'Glossary',
      bullets([
        '**Selection rate:** share of a group predicted positive.',
        '**Demographic parity ratio:** smallest selection rate over the largest; below 0.8 fails the four-fifths rule.',
        '**Equalized odds difference:** the larger of the gaps in true and false positive rates between groups.',
      ]),
    ),
    section(2, 'More Information', provenance(evidence)),
    section(2, 'Model Card Authors', ask('who wrote and reviewed this card.')),
    section(2, 'Model Card Contact', ask('where to send questions about the model.')),
  ].join('\n\n');
}

function provenance(evidence: RunEvidence): string {
  return `Generated by ${GENERATOR} at ${evidence.generatedAt} from the files of run ${code(evidence.run.id)}${evidence.dataset ? ` and its dataset ${code(evidence.dataset.shownPath)}` : ''}; the generation is recorded in ${code('.rml/ledger.jsonl')}. Card lint checks that the metadata above still matches the run and the dataset's hash.`;
}
