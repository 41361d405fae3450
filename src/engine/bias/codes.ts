import type { CodeInfo } from '../../shared/findings';

/** The dataset audit's finding codes; the README's code table and SARIF rules are written from this list. */
export const BIAS_CODES: CodeInfo[] = [
  {
    code: 'bias/label-disparity',
    title: 'Label rates differ between groups',
    description:
      'The favourable label is much rarer in one group of a sensitive column (or intersection) than in another: the ratio of rates is below the four-fifths rule (disparate impact < 0.8) and a chi-square or Fisher exact test says it is not chance. A model trained on it learns the gap.',
    helpUri: 'https://aif360.readthedocs.io/en/stable/modules/generated/aif360.metrics.BinaryLabelDatasetMetric.html',
  },
  {
    code: 'bias/group-rates',
    title: 'Group label rates',
    description:
      'Per-group counts and favourable rates of a sensitive column, within thresholds; the hover shows the table.',
    helpUri: 'https://fairlearn.org/main/user_guide/assessment/common_fairness_metrics.html',
  },
  {
    code: 'bias/representation',
    title: 'Under-represented group',
    description:
      'A group is a very small share of the rows, or well below its share in the configured reference distribution: metrics for it are unreliable and a model sees few examples of it.',
  },
  {
    code: 'bias/identity-term',
    title: 'Identity term associated with the label',
    description:
      'Rows that mention an identity term (Dixon et al. 2018; HolisticBias) have a very different label rate from the other rows (Fisher exact test, Benjamini–Hochberg corrected). Classifiers trained on such data learn to associate the identity with the label.',
    helpUri: 'https://doi.org/10.1145/3278721.3278729',
  },
  {
    code: 'bias/proxy',
    title: 'Possible proxy of a sensitive column',
    description:
      "A column predicts a sensitive column (bias-corrected Cramér's V above the threshold): dropping the sensitive column does not remove the information.",
  },
  {
    code: 'bias/sensitive-column-suggested',
    title: 'Column looks sensitive',
    description:
      'The column name or its values suggest a protected attribute (gender, race, religion, age, disability, nationality, marital status, sexual orientation). Mark it sensitive to audit it.',
  },
  {
    code: 'bias/label-unknown',
    title: 'No label column',
    description:
      'The dataset has sensitive columns but no column the audit knows as its label (none named in `.rml.json`, none with a usual label name), so label rates per group, disparities and identity-term associations are not measured. The quick fix names one of the two-valued columns as this file\u2019s label in `.rml.json`.',
  },
  {
    code: 'bias/configured-value',
    title: 'Configured value not in the data',
    description:
      'A value `.rml.json` names (dataset.favorable, dataset.privileged) is not spelled that way in the dataset: matched ignoring case when exactly one value fits (information), otherwise left out (warning) — a favourable value that matches no label would switch every disparity check off.',
  },
  {
    code: 'data/direct-identifier',
    title: 'Column that identifies people',
    description:
      'A column whose name says it holds names, street addresses, dates of birth or identity document numbers: each value identifies a person by itself (GDPR personal data, HIPAA identifiers). A model trained on it can memorise and reveal it. Drop or pseudonymise the column before training, or say in the datasheet why it is kept and how it is protected.',
  },
  {
    code: 'data/duplicate-row',
    title: 'Duplicate row',
    description:
      'The row repeats an earlier one exactly (after normalising case, spaces and punctuation of text) or nearly (MinHash estimate of character 5-gram Jaccard similarity).',
  },
  {
    code: 'data/conflicting-label',
    title: 'Duplicates with different labels',
    description: 'Rows with the same content carry different labels: label noise that caps any model\u2019s accuracy.',
  },
  {
    code: 'data/train-test-leak',
    title: 'Row also in another split',
    description:
      'The row (or a near-duplicate) is also in the test or validation split: evaluation on that split overstates performance.',
  },
];
