import type { RunAttributionResult } from '../../../src/shared/attribution';
import { el } from '../../common/dom';
import { importanceCharts, type ImportanceChart } from '../model/importance';
import { formatScore } from '../model/heatScale';

/** The run's global importance, overall and per group, as bars; and its counterfactual token fairness gap. */

function chart(chart: ImportanceChart): HTMLElement {
  return el(
    'figure',
    { class: 'importance-chart' },
    el('figcaption', {}, `${chart.title} (${chart.examples} examples)`),
    el(
      'ol',
      { class: 'bars' },
      ...chart.bars.map((bar) => {
        const fill = el('span', { class: 'fill', role: 'presentation' });
        fill.style.setProperty('--width', bar.width.toFixed(3));
        return el(
          'li',
          {
            'aria-label': `${bar.feature}: mean |attribution| ${bar.meanAbs.toPrecision(3)}, in ${bar.examples} examples`,
          },
          el('span', { class: 'feature' }, bar.feature),
          el('span', { class: 'bar' }, fill),
          el('span', { class: 'value' }, bar.meanAbs.toPrecision(3)),
        );
      }),
    ),
  );
}

export function runAttributionSection(result: RunAttributionResult | undefined): HTMLElement {
  const heading = el('h3', {}, 'What drives predictions, per group');
  if (!result)
    return el('section', { class: 'importance' }, heading, el('p', { class: 'loading' }, 'Reading the run…'));
  if (!result.attribution) {
    return el(
      'section',
      { class: 'importance' },
      heading,
      el('p', { class: 'note' }, result.error ?? (result.pending ? 'Being computed…' : 'Not recorded for this run.')),
    );
  }
  const { globalImportance, counterfactual } = result.attribution;
  const gap = counterfactual
    ? el(
        'p',
        { class: counterfactual.exceeds ? 'gap warn' : 'gap', role: counterfactual.exceeds ? 'alert' : undefined },
        `Counterfactual token fairness gap on the test split: ${counterfactual.gap.toFixed(4)} (threshold ${counterfactual.threshold}) over ${counterfactual.examples} rows with identity terms`,
        ...Object.entries(counterfactual.byCategory).map(
          ([category, entry]) => ` · ${category} ${formatScore(entry.meanAbsDelta).replace('+', '')}`,
        ),
      )
    : null;
  return el(
    'section',
    { class: 'importance' },
    heading,
    el(
      'p',
      { class: 'note' },
      `Mean |${globalImportance.method} attribution| for the predicted class over ${globalImportance.examples} of ${globalImportance.total} test examples.`,
    ),
    gap,
    el('div', { class: 'charts' }, ...importanceCharts(globalImportance).map(chart)),
  );
}
