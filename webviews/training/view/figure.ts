import { el } from '../../common/dom';
import { createChart, updateChart, type ChartSpec, type LiveChart } from './charts';
import { foldedTable } from './foldedTable';

/**
 * A chart with its text alternatives: a one-sentence description for screen readers (the canvas's label)
 * and the numbers behind it as a table folded under the chart, unless the section shows that table anyway.
 */
export interface ChartFigure {
  element: HTMLElement;
  update(spec: ChartSpec, description: string, table?: () => HTMLTableElement): void;
}

export function chartFigure(
  title: string,
  spec: ChartSpec,
  description: string,
  name: string,
  table?: () => HTMLTableElement,
): ChartFigure {
  const canvas = el('canvas', { role: 'img', 'aria-label': description });
  const data = table ? foldedTable(`${title}: data table`, table) : undefined;
  const element = el(
    'figure',
    { class: 'chart', 'data-chart': name },
    el('figcaption', {}, title),
    el('div', { class: 'chart-box' }, canvas),
    data?.element,
  );
  const live: LiveChart = createChart(canvas, spec);
  return {
    element,
    update(nextSpec, nextDescription, nextTable) {
      canvas.setAttribute('aria-label', nextDescription);
      updateChart(live, nextSpec);
      if (data && nextTable) data.refresh(nextTable);
    },
  };
}
