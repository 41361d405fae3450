import type { RunEvidence } from '../evidence/runEvidence';
import { titleAndSummary, modelDetailsSection, usesSection } from './detailsSections';
import { evaluationSection } from './evaluationSections';
import { cardFrontMatter } from './metadata';
import {
  closingSections,
  environmentalSection,
  examinationSection,
  getStartedSection,
  technicalSection,
} from './moreSections';
import { risksSection } from './riskSections';
import { trainingSection } from './trainingSections';

/**
 * The headings of Hugging Face's model card template (huggingface_hub `templates/modelcard_template.md`), in its
 * order and levels; a generated card has every one (a test checks it).
 */
export const MODEL_CARD_OUTLINE: ReadonlyArray<readonly [level: number, title: string]> = [
  [2, 'Model Details'],
  [3, 'Model Description'],
  [3, 'Model Sources'],
  [2, 'Uses'],
  [3, 'Direct Use'],
  [3, 'Downstream Use'],
  [3, 'Out-of-Scope Use'],
  [2, 'Bias, Risks, and Limitations'],
  [3, 'Recommendations'],
  [2, 'How to Get Started with the Model'],
  [2, 'Training Details'],
  [3, 'Training Data'],
  [3, 'Training Procedure'],
  [4, 'Preprocessing'],
  [4, 'Training Hyperparameters'],
  [4, 'Speeds, Sizes, Times'],
  [2, 'Evaluation'],
  [3, 'Testing Data, Factors & Metrics'],
  [4, 'Testing Data'],
  [4, 'Factors'],
  [4, 'Metrics'],
  [3, 'Results'],
  [4, 'Summary'],
  [2, 'Model Examination'],
  [2, 'Environmental Impact'],
  [2, 'Technical Specifications'],
  [3, 'Model Architecture and Objective'],
  [3, 'Compute Infrastructure'],
  [4, 'Hardware'],
  [4, 'Software'],
  [2, 'Citation'],
  [2, 'Glossary'],
  [2, 'More Information'],
  [2, 'Model Card Authors'],
  [2, 'Model Card Contact'],
];

/** `MODEL_CARD.md` of a run, in the Hugging Face layout, every figure from the evidence. */
export function renderModelCard(evidence: RunEvidence): string {
  const parts = [
    cardFrontMatter(evidence),
    titleAndSummary(evidence),
    modelDetailsSection(evidence),
    usesSection(evidence),
    risksSection(evidence),
    getStartedSection(evidence),
    trainingSection(evidence),
    evaluationSection(evidence),
    examinationSection(evidence),
    environmentalSection(evidence),
    technicalSection(evidence),
    closingSections(evidence),
  ];
  return `${parts.join('\n\n')}\n`;
}
