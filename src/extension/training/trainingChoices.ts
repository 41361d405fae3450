import type { DatasetColumnsResult, StartTrainingParams } from '../../shared/protocol';
import type { ModelKind } from '../../shared/training';

/**
 * What the Train Model form asks for, and how it is summed up — pure, so the words and the defaults are tested
 * without VS Code. A choice is remembered per dataset and offered again while its columns still exist.
 */
export type TrainingChoices = Omit<StartTrainingParams, 'datasetUri'>;

export const TEXT_MODELS: readonly ModelKind[] = ['text-embedding-bag', 'transformer'];
export const TABULAR_MODELS: readonly ModelKind[] = ['logistic-regression', 'mlp'];

export const MODEL_WORDS: Record<ModelKind, string> = {
  'text-embedding-bag': 'text classifier (hashed n-grams, embedding bag)',
  transformer: 'transformer (BPE tokens, self-attention: learns word order; best on a GPU)',
  'logistic-regression': 'logistic regression',
  mlp: 'MLP (one hidden layer)',
};

/** The form's starting point from the server's suggestions: a text model when there is a text column. */
export function suggestedChoices(dataset: DatasetColumnsResult): TrainingChoices | undefined {
  const { suggested, columns } = dataset;
  const label = suggested.label ?? columns.at(-1);
  if (!label) return undefined;
  const sensitive = suggested.sensitive.filter((column) => column !== label);
  const privileged = privilegedFor(dataset, sensitive);
  if (suggested.text && suggested.text !== label)
    return { label, text: suggested.text, sensitive, ...(privileged.length ? { privileged } : {}) };
  const weight = suggested.weight;
  const features = (suggested.features ?? columns).filter(
    (column) => column !== label && column !== weight && !sensitive.includes(column),
  );
  return { label, features, sensitive, ...(weight ? { weight } : {}), ...(privileged.length ? { privileged } : {}) };
}

export function privilegedFor(dataset: DatasetColumnsResult, sensitive: readonly string[]) {
  return Object.entries(dataset.suggested.privileged ?? {})
    .filter(([column]) => sensitive.includes(column))
    .map(([column, value]) => ({ column, value }));
}

/** A remembered choice, if every column it names is still in the dataset. */
export function stillValid(
  choices: TrainingChoices | undefined,
  columns: readonly string[],
): TrainingChoices | undefined {
  if (!choices) return undefined;
  const named = [choices.label, choices.text, choices.weight, ...(choices.features ?? []), ...choices.sensitive].filter(
    (name): name is string => Boolean(name),
  );
  return named.every((name) => columns.includes(name)) ? choices : undefined;
}

function list(columns: readonly string[], most = 4): string {
  return columns.length <= most
    ? columns.join(', ')
    : `${columns.slice(0, most).join(', ')} and ${columns.length - most} more`;
}

/** "label hired · features age, zip, degree · sensitive sex · logistic regression · 30 epochs". */
export function describeChoices(choices: TrainingChoices): string {
  const inputs = choices.text ? `text ${choices.text}` : `features ${list(choices.features ?? [])}`;
  const model = choices.model?.kind ?? (choices.text ? 'text-embedding-bag' : 'logistic-regression');
  const parts = [
    `label ${choices.label}`,
    inputs,
    choices.sensitive.length ? `sensitive ${list(choices.sensitive)}` : 'no sensitive column',
    choices.weight ? `weights ${choices.weight}` : '',
    MODEL_WORDS[model],
    choices.epochs ? `at most ${choices.epochs} epochs` : '',
    choices.earlyStopping === false
      ? 'no early stopping'
      : choices.patience
        ? `early stopping after ${choices.patience} epochs without progress`
        : '',
    choices.privacy ? privacyWords(choices.privacy) : '',
    choices.mitigation
      ? `${choices.mitigation.method === 'expgrad' ? 'ExponentiatedGradient' : 'fairness penalty'} for ${choices.mitigation.constraint.replace(/_/g, ' ')}`
      : '',
    choices.classWeight === 'balanced' ? 'balanced classes' : '',
    choices.seed !== undefined ? `seed ${choices.seed}` : '',
  ];
  return parts.filter(Boolean).join(' · ');
}

function privacyWords(privacy: NonNullable<TrainingChoices['privacy']>): string {
  if (privacy.targetEpsilon !== undefined) return `DP-SGD to ε ${privacy.targetEpsilon} (δ ${privacy.delta ?? 1e-5})`;
  return `DP-SGD with noise ${privacy.noiseMultiplier ?? '?'}`;
}

/** What a Start with these choices would be refused for, before anything is sent. */
export function problemOf(choices: TrainingChoices): string | undefined {
  if (!choices.text && (choices.features ?? []).length === 0)
    return 'choose a text column or at least one feature column';
  if (choices.sensitive.includes(choices.label)) return `the label '${choices.label}' cannot also be sensitive`;
  if (choices.privacy && choices.mitigation) return 'DP-SGD and a fairness mitigation cannot be combined in one run';
  if (choices.mitigation && choices.sensitive.length === 0) return 'a fairness mitigation needs a sensitive column';
  return undefined;
}
