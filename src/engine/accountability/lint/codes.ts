import type { CodeInfo } from '../../../shared/findings';

/** Card lint's finding codes, for the catalogue (README, hovers, SARIF rules). */
export const CARD_CODES: CodeInfo[] = [
  {
    code: 'card/missing-section',
    title: 'Card lacks a required section',
    description:
      'A model card needs "Bias, Risks, and Limitations" and "Out-of-Scope Use"; a dataset card also "Personal and Sensitive Information". The quick fix inserts the section, filled from the evidence of the run or dataset the card cites.',
  },
  {
    code: 'card/empty-section',
    title: 'Required card section is empty',
    description: 'The section has a heading but nothing under it other than comments or placeholders.',
  },
  {
    code: 'card/placeholder',
    title: 'Template placeholder left in a card',
    description:
      'A "[More Information Needed]" or an unrendered "{{ … }}" of the Hugging Face template, or a TODO, is still in the card.',
  },
  {
    code: 'card/stale-metric',
    title: 'Card metric no longer matches its run',
    description:
      "A model-index metric differs from the value in the cited run's report.json (at the precision the card prints). The quick fix writes the run's value.",
  },
  {
    code: 'card/dataset-changed',
    title: "Card's dataset hash no longer matches",
    description:
      'The dataset the card cites (rml.dataset in its metadata) has a different SHA-256 now, or is gone: the card describes data that is not there any more.',
  },
  {
    code: 'card/run-not-found',
    title: 'Card cites an unknown run',
    description:
      'The run named in the card metadata (rml.run) is not under .rml/runs of the workspace, so its figures cannot be checked.',
  },
];
