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
export async function trainingForm(datasetName: string, dataset: DatasetColumnsResult, start: TrainingChoices): Promise<TrainingChoices | undefined> {
  let choices = start;
  for (;;) {
    const problem = problemOf(choices);
    const items: Array<vscode.QuickPickItem & { action: 'start' | 'columns' | 'advanced' }> = [
      { label: '$(play) Start training', description: problem ?? '', detail: describeChoices(choices), action: 'start' },
      { label: '$(list-selection) Columns…', description: 'label, text or features, sensitive columns', action: 'columns' },
      { label: '$(settings) Advanced…', description: 'model, epochs, class weights, seed', action: 'advanced' },
    ];
    const picked = await vscode.window.showQuickPick(items, { title: `Train a model on ${datasetName}`, ignoreFocusOut: true });
    if (!picked) return undefined;
    if (picked.action === 'start' && !problem) return choices;
    const next = picked.action === 'advanced' ? await advanced(choices) : picked.action === 'columns' ? await columns(dataset, choices) : choices;
    if (next) choices = next;
  }
}

async function columns(dataset: DatasetColumnsResult, current: TrainingChoices): Promise<TrainingChoices | undefined> {
  const label = await pickOne(dataset.columns, current.label, 'Label column (what the model predicts)');
  if (!label) return undefined;
  const rest = dataset.columns.filter((column) => column !== label);
  const textModel = { label: 'Text classifier', description: 'one column of free text', model: 'text' as const };
  const tabularModel = { label: 'Tabular classifier', description: 'several feature columns', model: 'tabular' as const };
  const kind = await vscode.window.showQuickPick(current.text ? [textModel, tabularModel] : [tabularModel, textModel], { title: 'Model', ignoreFocusOut: true });
  if (!kind) return undefined;
  const sensitive = await pickMany(rest, current.sensitive, 'Sensitive columns (per-group metrics; not used as features)');
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
    models.map((kind) => ({ label: MODEL_WORDS[kind], modelKind: kind, description: current.model?.kind === kind ? 'current' : '' })),
    { title: 'Model', ignoreFocusOut: true },
  );
  if (!model) return undefined;
  const epochs = await askInteger('Epochs (the most; training stops earlier when the validation loss stops improving)', current.epochs, 1, 10_000);
  if (epochs === null) return undefined;
  const balanced = await vscode.window.showQuickPick(
    [
      { label: 'No class weights', value: 'none' as const },
      { label: 'Balanced class weights', description: 'rare classes count more (scikit-learn class_weight="balanced")', value: 'balanced' as const },
    ],
    { title: 'Class weights', ignoreFocusOut: true },
  );
  if (!balanced) return undefined;
  const seed = await askInteger('Seed (same seed, same backend → same numbers)', current.seed, 0, 2 ** 31 - 1);
  if (seed === null) return undefined;
  const { epochs: _e, seed: _s, ...rest } = current;
  return {
    ...rest,
    model: { ...current.model, kind: model.modelKind },
    classWeight: balanced.value,
    ...(epochs === undefined ? {} : { epochs }),
    ...(seed === undefined ? {} : { seed }),
  };
}

/** undefined: left empty (the default); null: dismissed. */
async function askInteger(title: string, current: number | undefined, min: number, max: number): Promise<number | undefined | null> {
  const answer = await vscode.window.showInputBox({
    title,
    value: current === undefined ? '' : String(current),
    placeHolder: 'empty: the default',
    ignoreFocusOut: true,
    validateInput: (value) => (value.trim() === '' || (/^\d+$/.test(value.trim()) && Number(value) >= min && Number(value) <= max) ? undefined : `a whole number from ${min} to ${max}`),
  });
  if (answer === undefined) return null;
  return answer.trim() === '' ? undefined : Number(answer);
}

async function pickOne(columns: string[], suggested: string | undefined, title: string): Promise<string | undefined> {
  const items = columns.map((column) => ({ label: column, description: column === suggested ? 'suggested' : undefined }));
  items.sort((a, b) => Number(b.label === suggested) - Number(a.label === suggested));
  return (await vscode.window.showQuickPick(items, { title, ignoreFocusOut: true }))?.label;
}

async function pickMany(columns: string[], suggested: readonly string[], title: string): Promise<string[] | undefined> {
  const items = columns.map((column) => ({ label: column, picked: suggested.includes(column) }));
  return (await vscode.window.showQuickPick(items, { title, canPickMany: true, ignoreFocusOut: true }))?.map((item) => item.label);
}
