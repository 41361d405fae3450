import type { RunRecord } from '../../../src/shared/runs';
import { button, el } from '../../common/dom';
import { sharedCurveAxes, type CurveAxes } from '../model/axes';
import type { TrainingViewModel } from '../model/viewModel';
import { destroyCharts } from './charts';
import { comparisonSection, type ComparisonSection } from './comparison';
import { runColumn, type RunActions, type RunColumn } from './runColumn';

/** The whole page: toolbar, then one run, or a comparison above two runs side by side. */

export interface PageActions extends RunActions {
  pickComparison(): void;
  clearComparison(): void;
}

export interface Page {
  /** A live epoch arrived: move curves and progress in place. */
  update(model: TrainingViewModel): void;
}

function axesOf(runs: readonly RunRecord[]): CurveAxes {
  return sharedCurveAxes(runs.map((run) => ({ metrics: run.metrics, plannedEpochs: run.status.epochs })));
}

function toolbar(model: TrainingViewModel, actions: PageActions): HTMLElement {
  const comparing = model.runs.length > 1;
  return el(
    'nav',
    { class: 'toolbar', 'aria-label': 'Run actions' },
    button('Compare with…', () => actions.pickComparison(), { class: 'secondary', 'data-action': 'compare' }),
    comparing
      ? button('Stop comparing', () => actions.clearComparison(), {
          class: 'secondary',
          'data-action': 'stop-comparing',
        })
      : null,
  );
}

export function renderPage(root: HTMLElement, model: TrainingViewModel, actions: PageActions): Page {
  destroyCharts();
  const error = model.error ? el('p', { class: 'error', role: 'alert' }, model.error) : null;
  if (model.runs.length === 0) {
    root.replaceChildren(error ?? el('p', { class: 'loading' }, 'Loading…'));
    return { update: () => undefined };
  }
  const axes = axesOf(model.runs);
  const columns: RunColumn[] = model.runs.map((run) =>
    runColumn(run, axes, actions, model.cancelling.includes(run.id)),
  );
  const [a, b] = model.runs;
  const comparison: ComparisonSection | undefined = a && b ? comparisonSection(a, b, axes) : undefined;
  const body = comparison
    ? [comparison.element, el('div', { class: 'columns' }, ...columns.map((column) => column.element))]
    : columns.map((column) => column.element);
  root.replaceChildren(
    ...[toolbar(model, actions), error, ...body].filter((node): node is HTMLElement => node !== null),
  );
  return {
    update(next) {
      const nextAxes = axesOf(next.runs);
      next.runs.forEach((run, index) => columns[index]?.update(run, nextAxes, next.cancelling.includes(run.id)));
      const [x, y] = next.runs;
      if (comparison && x && y) comparison.update(x, y, nextAxes);
    },
  };
}
