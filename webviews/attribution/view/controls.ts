import type { AttributionMethodName, BaselineName, IntegrationRule } from '../../../src/shared/attribution';
import type { AttributionControls } from '../../../src/shared/attributionMessages';
import { button, el } from '../../common/dom';
import { currentRun, type AttributionViewModel } from '../model/viewModel';

/** The run picker, the input box and the method controls. Every change goes to `actions`. */

export interface ControlActions {
  selectRun(runId: string): void;
  setControls(controls: Partial<AttributionControls>): void;
  explainText(text: string): void;
  findLabelIssues(): void;
}

const METHODS: Array<[AttributionMethodName, string]> = [
  ['ig', 'Integrated gradients'],
  ['gradxinput', 'Gradient × input'],
  ['saliency', 'Saliency'],
  ['occlusion', 'Occlusion'],
  ['ablation', 'Feature ablation'],
  ['kernelshap', 'KernelSHAP'],
];
const RULES: IntegrationRule[] = [
  'gausslegendre',
  'riemann_left',
  'riemann_right',
  'riemann_middle',
  'riemann_trapezoid',
];

function labelled(text: string, control: HTMLElement): HTMLElement {
  return el('label', { class: 'control' }, el('span', {}, text), control);
}

function select<T extends string>(
  id: string,
  options: Array<[T, string]>,
  value: T | undefined,
  onChange: (value: T) => void,
): HTMLSelectElement {
  const element = el(
    'select',
    { id },
    ...options.map(([key, text]) => el('option', { value: key, selected: key === value }, text)),
  );
  element.addEventListener('change', () => onChange(element.value as T));
  return element;
}

export function runPicker(model: AttributionViewModel, actions: ControlActions): HTMLElement {
  if (model.runs.length === 0)
    return el(
      'p',
      { class: 'note' },
      'No completed training run with a saved model yet: train one on this dataset first.',
    );
  const options = model.runs.map((run): [string, string] => [
    run.id,
    `${run.id} · ${run.modelKind}${run.sameDataset ? ' · this dataset' : ''}`,
  ]);
  return labelled(
    'Run',
    select('run', options, model.runId, (runId) => actions.selectRun(runId)),
  );
}

export function methodControls(model: AttributionViewModel, actions: ControlActions): HTMLElement {
  const { controls } = model;
  const run = currentRun(model);
  const isIg = controls.method === 'ig';
  const steps = el('input', { id: 'steps', type: 'number', min: 2, max: 1000, value: controls.steps, disabled: !isIg });
  steps.addEventListener('change', () => {
    const value = Math.round(Number(steps.value));
    if (value >= 2 && value <= 1000) actions.setControls({ steps: value });
  });
  const baselines: Array<[BaselineName | '', string]> =
    run?.modelKind === 'tabular'
      ? [['', 'zero (mean numerics, no category)']]
      : [
          ['', 'model default (pad)'],
          ['pad', 'pad token'],
          ['zero', 'zero embeddings'],
        ];
  const targets: Array<[string, string]> = [
    ['', 'predicted class'],
    ...(run?.classes ?? []).map((name): [string, string] => [name, name]),
  ];
  return el(
    'fieldset',
    { class: 'controls' },
    el('legend', {}, 'Method'),
    labelled(
      'Method',
      select('method', METHODS, controls.method, (method) => actions.setControls({ method })),
    ),
    labelled('Steps', steps),
    labelled(
      'Rule',
      select(
        'integration',
        RULES.map((rule): [IntegrationRule, string] => [rule, rule]),
        controls.integration,
        (integration) => actions.setControls({ integration }),
      ),
    ),
    labelled(
      'Baseline',
      select('baseline', baselines, controls.baseline ?? '', (baseline) =>
        actions.setControls({ baseline: baseline === '' ? undefined : baseline }),
      ),
    ),
    labelled(
      'Target class',
      select('target', targets, controls.target ?? '', (target) =>
        actions.setControls({ target: target === '' ? undefined : target }),
      ),
    ),
  );
}

export function inputControls(model: AttributionViewModel, actions: ControlActions): HTMLElement {
  const run = currentRun(model);
  const described =
    model.input?.kind === 'row'
      ? `Row: ${model.input.label}`
      : model.input
        ? 'Typed text'
        : 'Nothing yet: use "Explain prediction" on a dataset row, or type a text.';
  const typed = el('textarea', {
    id: 'text',
    rows: 2,
    'aria-label': 'Text to explain',
    placeholder: 'Type or paste a text to explain',
  });
  if (model.input?.kind === 'text') typed.value = model.input.text;
  const explain = button('Explain text', () => typed.value.trim() && actions.explainText(typed.value), {
    'data-action': 'explain-text',
    disabled: run?.modelKind === 'tabular',
  });
  return el(
    'section',
    { class: 'input' },
    el('p', { class: 'input-source' }, described),
    run?.modelKind === 'tabular' ? null : el('div', { class: 'typed' }, typed, explain),
    button('Find label issues…', () => actions.findLabelIssues(), {
      class: 'secondary',
      'data-action': 'find-label-issues',
    }),
  );
}
