import type { RunRecord } from '../../../src/shared/runs';
import type { RunFileName } from '../../../src/shared/webviewMessages';
import { button, el } from '../../common/dom';
import type { CurveAxes } from '../model/axes';
import { backendBadge, configurationFacts, statusLine, type Fact } from '../model/runFacts';
import { curvesSection } from './curves';
import { evaluationSection } from './fairness';
import { mitigationSection } from './mitigation';
import { robustnessSection } from './robustness';
import { thresholdsSection } from './thresholds';

/** One run: status and backend, configuration, live curves, and its test-split evaluation once there is one. */

export interface RunActions {
  cancel(runId: string): void;
  openFile(runId: string, file: RunFileName): void;
  /** Opens the attribution panel of a completed run. */
  openAttribution?(runId: string): void;
  /** Post-processing of a completed run (group thresholds); absent where the host does not offer it. */
  applyThresholds?(runId: string, constraint: string): void;
}

export interface RunColumn {
  element: HTMLElement;
  /** A live epoch: progress and curves move, everything else (and the keyboard focus) stays. */
  update(run: RunRecord, axes: CurveAxes, cancelling: boolean): void;
}

function factValue(run: RunRecord, fact: Fact, actions: RunActions): Node {
  const file = fact.file;
  if (!file) return el('span', { title: fact.title }, fact.value);
  return button(fact.value, () => actions.openFile(run.id, file), {
    class: 'link',
    title: fact.title ?? `Open ${fact.value}`,
  });
}

const FILE_NAMES: Record<Exclude<RunFileName, 'dataset'>, string> = {
  config: 'config.json',
  metrics: 'metrics.jsonl',
  report: 'report.json',
  predictions: 'predictions.csv',
  attribution: 'attribution.json',
  status: 'status.json',
  mitigation: 'mitigation.json',
  thresholds: 'thresholds.json',
  robustness: 'robustness.json',
};

/** Links to the run's files that exist so far. */
function fileLinks(run: RunRecord, actions: RunActions): HTMLElement {
  const present = {
    config: run.config !== undefined,
    metrics: run.metrics.length > 0 || run.status.state === 'running',
    report: run.report !== undefined,
    predictions: run.report !== undefined,
    attribution: run.hasAttribution === true,
    status: true,
    mitigation: run.mitigation !== undefined,
    thresholds: run.thresholds !== undefined,
    robustness: run.robustness !== undefined,
  };
  const files = (Object.keys(FILE_NAMES) as Array<keyof typeof FILE_NAMES>).filter((file) => present[file]);
  const explain =
    run.hasModel && run.status.state === 'completed' && actions.openAttribution
      ? button('Explain predictions', () => actions.openAttribution?.(run.id), {
          class: 'link',
          'data-action': 'open-attribution',
        })
      : null;
  return el(
    'p',
    { class: 'files' },
    'Files: ',
    ...files.flatMap((file) => [
      button(FILE_NAMES[file], () => actions.openFile(run.id, file), { class: 'link' }),
      ' ',
    ]),
    explain,
  );
}

function configurationSection(run: RunRecord, actions: RunActions): HTMLElement {
  const heading = el('h3', {}, 'Configuration');
  if (!run.config)
    return el(
      'section',
      { class: 'configuration' },
      heading,
      el('p', { class: 'note' }, 'Not written yet.'),
      fileLinks(run, actions),
    );
  const facts = configurationFacts(run.config);
  return el(
    'section',
    { class: 'configuration' },
    heading,
    el('dl', {}, ...facts.flatMap((fact) => [el('dt', {}, fact.label), el('dd', {}, factValue(run, fact, actions))])),
    fileLinks(run, actions),
  );
}

function headerOf(run: RunRecord, actions: RunActions, cancelling: boolean) {
  const status = el('span', { class: 'status', role: 'status' });
  const cancel = button('Cancel', () => actions.cancel(run.id), { class: 'secondary cancel', 'data-run': run.id });
  const error = el('p', { class: 'error', role: 'alert', hidden: true });
  const backend = run.config ? backendBadge(run.config.backend) : undefined;
  const badge = backend
    ? el('span', { class: `badge backend device-${backend.device}`, title: backend.title }, backend.text)
    : null;
  const element = el(
    'header',
    { class: 'run-header' },
    el('h2', {}, run.id),
    el('div', { class: 'badges' }, status, badge, cancel),
    error,
  );
  const update = (current: RunRecord, isCancelling: boolean) => {
    const line = statusLine(current.status);
    status.className = `status status-${line.state}`;
    status.textContent = `${line.label} — ${line.detail}`;
    cancel.hidden = line.state !== 'running';
    cancel.disabled = isCancelling;
    cancel.textContent = isCancelling ? 'Cancelling…' : 'Cancel';
    error.hidden = line.error === undefined;
    error.textContent = line.error ? `Error: ${line.error}` : '';
  };
  update(run, cancelling);
  return { element, update };
}

function evaluationOrNote(run: RunRecord): HTMLElement {
  if (run.report) return evaluationSection(run.report.test);
  const notes: Record<RunRecord['status']['state'], string> = {
    running: 'The evaluation on the test split appears when training completes.',
    completed: 'This run has no report.json.',
    cancelled: 'The run was cancelled before its evaluation.',
    failed: 'The run failed before its evaluation.',
  };
  return el(
    'section',
    { class: 'evaluation' },
    el('h3', {}, 'Evaluation on the test split'),
    el('p', { class: 'note' }, notes[run.status.state]),
  );
}

export function runColumn(run: RunRecord, axes: CurveAxes, actions: RunActions, cancelling: boolean): RunColumn {
  const header = headerOf(run, actions, cancelling);
  const curves = curvesSection(run, axes);
  const mitigation = mitigationSection(run);
  const element = el(
    'article',
    { class: 'run', 'data-run': run.id },
    header.element,
    configurationSection(run, actions),
    curves.element,
    mitigation?.element,
    evaluationOrNote(run),
    thresholdsSection(run, actions.applyThresholds),
    robustnessSection(run),
  );
  return {
    element,
    update(current, currentAxes, isCancelling) {
      header.update(current, isCancelling);
      curves.update(current, currentAxes);
      mitigation?.update(current);
    },
  };
}
