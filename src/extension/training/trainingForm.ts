import * as vscode from 'vscode';
import type { DatasetColumnsResult } from '../../shared/protocol';
import {
  describeChoices,
  MODEL_WORDS,
  privilegedFor,
  problemOf,
  TABULAR_MODELS,
  TEXT_MODELS,
  type TrainingChoices,
} from './trainingChoices';

/**
 * The Train Model form: one quick pick that says what will be trained (the remembered or suggested choices) with
 * Start, Columns… and Advanced…, so the usual case is one Enter and every setting is one step away.
 */
export async function trainingForm(
  datasetName: string,
  dataset: DatasetColumnsResult,
  start: TrainingChoices,
): Promise<TrainingChoices | undefined> {
  let choices = start;
  for (;;) {
    const problem = problemOf(choices);
    const items: Array<vscode.QuickPickItem & { action: 'start' | 'columns' | 'advanced' | 'responsible' }> = [
      {
        label: '$(play) Start training',
        description: problem ?? '',
        detail: describeChoices(choices),
        action: 'start',
      },
      {
        label: '$(list-selection) Columns…',
        description: 'label, text or features, sensitive columns',
        action: 'columns',
      },
      {
        label: '$(settings) Advanced…',
        description: 'model, epochs, early stopping, class weights, seed',
        action: 'advanced',
      },
      {
        label: '$(shield) Privacy and fairness…',
        description: 'DP-SGD to a privacy budget, or a fairness constraint',
        action: 'responsible',
      },
    ];
    const picked = await vscode.window.showQuickPick(items, {
      title: `Train a model on ${datasetName}`,
      ignoreFocusOut: true,
    });
    if (!picked) return undefined;
    if (picked.action === 'start' && !problem) return choices;
    const steps = {
      start: async () => choices,
      advanced: () => advanced(choices),
      columns: () => columns(dataset, choices),
      responsible: () => privacyAndFairness(choices),
    };
    const next = await steps[picked.action]();
    if (next) choices = next;
  }
}

async function columns(dataset: DatasetColumnsResult, current: TrainingChoices): Promise<TrainingChoices | undefined> {
  const label = await pickOne(dataset.columns, current.label, 'Label column (what the model predicts)');
  if (!label) return undefined;
  const rest = dataset.columns.filter((column) => column !== label);
  const textModel = { label: 'Text classifier', description: 'one column of free text', model: 'text' as const };
  const tabularModel = {
    label: 'Tabular classifier',
    description: 'several feature columns',
    model: 'tabular' as const,
  };
  const kind = await vscode.window.showQuickPick(current.text ? [textModel, tabularModel] : [tabularModel, textModel], {
    title: 'Model',
    ignoreFocusOut: true,
  });
  if (!kind) return undefined;
  const sensitive = await pickMany(
    rest,
    current.sensitive,
    'Sensitive columns (per-group metrics; not used as features)',
  );
  if (!sensitive) return undefined;
  const inputs = rest.filter((column) => !sensitive.includes(column) && column !== current.weight);
  const privileged = privilegedFor(dataset, sensitive);
  const { text: _text, features: _features, model: _model, ...kept } = current;
  const base = { ...kept, label, sensitive, ...(privileged.length ? { privileged } : {}) };
  if (kind.model === 'text') {
    const text = await pickOne(inputs, current.text ?? dataset.suggested.text, 'Text column');
    return text ? { ...base, text } : undefined;
  }
  const suggested = current.features ?? dataset.suggested.features ?? inputs;
  const features = await pickMany(inputs, suggested, 'Feature columns');
  return features ? { ...base, features } : undefined;
}

async function advanced(current: TrainingChoices): Promise<TrainingChoices | undefined> {
  const models = current.text ? TEXT_MODELS : TABULAR_MODELS;
  const model = await vscode.window.showQuickPick(
    models.map((kind) => ({
      label: MODEL_WORDS[kind],
      modelKind: kind,
      description: current.model?.kind === kind ? 'current' : '',
    })),
    { title: 'Model', ignoreFocusOut: true },
  );
  if (!model) return undefined;
  const epochs = await askInteger(
    'Epochs (the most; training stops earlier when the validation loss stops improving)',
    current.epochs,
    1,
    10_000,
  );
  if (epochs === null) return undefined;
  const stopping = await vscode.window.showQuickPick(
    [
      {
        label: 'Early stopping',
        description: 'stop when the validation loss stops improving; keep the best epoch',
        on: true,
      },
      { label: 'Train every epoch', on: false },
    ],
    { title: 'Early stopping', ignoreFocusOut: true },
  );
  if (!stopping) return undefined;
  const patience = stopping.on
    ? await askInteger('Patience: epochs without improvement before stopping (default 5)', current.patience, 1, 1_000)
    : undefined;
  if (patience === null) return undefined;
  const balanced = await vscode.window.showQuickPick(
    [
      { label: 'No class weights', value: 'none' as const },
      {
        label: 'Balanced class weights',
        description: 'rare classes count more (scikit-learn class_weight="balanced")',
        value: 'balanced' as const,
      },
    ],
    { title: 'Class weights', ignoreFocusOut: true },
  );
  if (!balanced) return undefined;
  const seed = await askInteger('Seed (same seed, same backend → same numbers)', current.seed, 0, 2 ** 31 - 1);
  if (seed === null) return undefined;
  const { epochs: _e, seed: _s, patience: _p, ...rest } = current;
  return {
    ...rest,
    earlyStopping: stopping.on,
    ...(patience === undefined ? {} : { patience }),
    model: { ...current.model, kind: model.modelKind },
    classWeight: balanced.value,
    ...(epochs === undefined ? {} : { epochs }),
    ...(seed === undefined ? {} : { seed }),
  };
}

/** DP-SGD to a target ε, or a fairness constraint during training (they do not combine), or neither. */
async function privacyAndFairness(current: TrainingChoices): Promise<TrainingChoices | undefined> {
  const { privacy: _privacy, mitigation: _mitigation, ...plain } = current;
  const kind = await vscode.window.showQuickPick(
    [
      { label: 'Neither', description: 'plain training', value: 'none' as const },
      {
        label: 'Differential privacy (DP-SGD)',
        description: 'train to a privacy budget ε; ε spent is shown per epoch',
        value: 'privacy' as const,
      },
      {
        label: 'Fairness constraint (ExponentiatedGradient)',
        description: 'Agarwal et al. 2018 reductions',
        value: 'expgrad' as const,
      },
      {
        label: 'Fairness penalty (regulariser)',
        description: 'a disparity penalty in the loss, weight λ',
        value: 'regularizer' as const,
      },
    ],
    { title: 'Privacy and fairness', ignoreFocusOut: true },
  );
  if (!kind) return undefined;
  if (kind.value === 'none') return plain;
  if (kind.value === 'privacy') {
    const epsilon = await askNumber(
      'Target ε (the privacy budget for the whole run, at δ = 1e-5)',
      current.privacy?.targetEpsilon ?? 3,
    );
    return epsilon === null
      ? undefined
      : { ...plain, privacy: { targetEpsilon: epsilon, delta: current.privacy?.delta ?? 1e-5 } };
  }
  const constraints =
    kind.value === 'expgrad'
      ? [
          'demographic_parity',
          'equalized_odds',
          'error_rate_parity',
          'true_positive_rate_parity',
          'false_positive_rate_parity',
        ]
      : ['demographic_parity', 'equalized_odds'];
  const constraint = await vscode.window.showQuickPick(
    constraints.map((name) => ({ label: name.replace(/_/g, ' '), name })),
    { title: 'Constraint', ignoreFocusOut: true },
  );
  if (!constraint) return undefined;
  return {
    ...plain,
    mitigation: {
      method: kind.value,
      constraint: constraint.name as NonNullable<TrainingChoices['mitigation']>['constraint'],
    },
  };
}

async function askNumber(title: string, current: number): Promise<number | null> {
  const answer = await vscode.window.showInputBox({
    title,
    value: String(current),
    ignoreFocusOut: true,
    validateInput: (value) => (Number(value) > 0 && Number.isFinite(Number(value)) ? undefined : 'a positive number'),
  });
  return answer === undefined ? null : Number(answer);
}

/** undefined: left empty (the default); null: dismissed. */
async function askInteger(
  title: string,
  current: number | undefined,
  min: number,
  max: number,
): Promise<number | undefined | null> {
  const answer = await vscode.window.showInputBox({
    title,
    value: current === undefined ? '' : String(current),
    placeHolder: 'empty: the default',
    ignoreFocusOut: true,
    validateInput: (value) =>
      value.trim() === '' || (/^\d+$/.test(value.trim()) && Number(value) >= min && Number(value) <= max)
        ? undefined
        : `a whole number from ${min} to ${max}`,
  });
  if (answer === undefined) return null;
  return answer.trim() === '' ? undefined : Number(answer);
}

async function pickOne(columns: string[], suggested: string | undefined, title: string): Promise<string | undefined> {
  const items = columns.map((column) => ({
    label: column,
    description: column === suggested ? 'suggested' : undefined,
  }));
  items.sort((a, b) => Number(b.label === suggested) - Number(a.label === suggested));
  return (await vscode.window.showQuickPick(items, { title, ignoreFocusOut: true }))?.label;
}

async function pickMany(columns: string[], suggested: readonly string[], title: string): Promise<string[] | undefined> {
  const items = columns.map((column) => ({ label: column, picked: suggested.includes(column) }));
  return (await vscode.window.showQuickPick(items, { title, canPickMany: true, ignoreFocusOut: true }))?.map(
    (item) => item.label,
  );
}
