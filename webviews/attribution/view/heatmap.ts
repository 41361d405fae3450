import type { ExplainedUnit, ExplanationResult } from '../../../src/shared/attribution';
import { el } from '../../common/dom';
import { deltaBadge, predictionText } from '../model/badges';
import { formatScore, heatCell, legendTicks, scaleOf, tokenLabel } from '../model/heatScale';
import { textSegments } from '../model/segments';

/** The explanation: prediction, badges, the heatmap of words (or columns) and its legend. */

export interface HeatmapActions {
  reveal(unit: ExplainedUnit): void;
}

function unitButton(
  unit: ExplainedUnit,
  index: number,
  scale: number,
  target: string,
  actions: HeatmapActions,
): HTMLButtonElement {
  const cell = heatCell(unit.score, scale);
  const text = unit.column ? `${unit.column} = ${unit.text}` : unit.text;
  const element = el(
    'button',
    {
      type: 'button',
      class: `token ${cell.direction}`,
      'data-index': index,
      'data-score': unit.score,
      'aria-label': tokenLabel(text, unit.score, target),
      title: `${formatScore(unit.score)}${unit.range ? ' — click to show it in the dataset' : ''}`,
    },
    text,
  );
  // A custom property through the CSSOM (allowed by the page's CSP, unlike style attributes) drives the colour.
  element.style.setProperty('--w', cell.weight.toFixed(3));
  element.addEventListener('click', () => actions.reveal(unit));
  return element;
}

function legend(scale: number, target: string): HTMLElement {
  const [low, mid, high] = legendTicks(scale);
  return el(
    'figure',
    { class: 'legend', 'aria-label': `Colour scale: red lowers P(${target}), green raises it, from ${low} to ${high}` },
    el('div', { class: 'legend-bar', role: 'presentation' }),
    el('figcaption', {}, el('span', {}, `${low} lowers`), el('span', {}, mid), el('span', {}, `raises ${high}`)),
  );
}

export function explanationSection(explanation: ExplanationResult, actions: HeatmapActions): HTMLElement {
  const scale = scaleOf(explanation.units);
  const badge = deltaBadge(explanation);
  const method = explanation.integration
    ? `${explanation.method} · ${explanation.integration.method} · ${explanation.integration.steps} steps`
    : explanation.method;
  const tokens =
    explanation.modelKind === 'text' && explanation.text !== undefined
      ? textSegments(explanation.text, explanation.units).map((segment) =>
          segment.kind === 'text'
            ? document.createTextNode(segment.text)
            : unitButton(segment.unit, segment.index, scale, explanation.target, actions),
        )
      : explanation.units.map((unit, index) => unitButton(unit, index, scale, explanation.target, actions));
  const probabilities = explanation.classes
    .map((name, k) => `${name} ${(explanation.probabilities[k] ?? 0).toFixed(3)}`)
    .join(' · ');
  return el(
    'section',
    { class: 'explanation', 'aria-label': 'Explanation' },
    el('h2', {}, `Prediction: ${predictionText(explanation)}`),
    el(
      'div',
      { class: 'badges' },
      el('span', { class: 'badge' }, `explaining P(${explanation.target}) = ${explanation.output.toFixed(3)}`),
      el('span', { class: 'badge' }, `baseline ${explanation.baseline}: ${explanation.baselineOutput.toFixed(3)}`),
      el('span', { class: 'badge' }, method),
      badge
        ? el(
            'span',
            {
              class: `badge delta${badge.warn ? ' warn' : ''}`,
              title: badge.title,
              role: badge.warn ? 'alert' : 'status',
            },
            badge.text,
          )
        : null,
    ),
    el('p', { class: 'note' }, probabilities),
    el(
      'div',
      {
        class: `heatmap ${explanation.modelKind}`,
        role: 'group',
        'aria-label': `Attribution per ${explanation.modelKind === 'text' ? 'word' : 'column'}`,
      },
      ...tokens,
    ),
    tokens.length === 0 ? el('p', { class: 'note' }, 'Nothing the model reads in this input.') : null,
    legend(scale, explanation.target),
  );
}
