import assert from 'node:assert/strict';
import type { ExplainableRun, ExplanationResult } from '../../../src/shared/attribution';
import { deltaBadge, predictionText } from '../../../webviews/attribution/model/badges';
import { formatScore, heatCell, legendTicks, scaleOf, tokenLabel } from '../../../webviews/attribution/model/heatScale';
import { importanceCharts } from '../../../webviews/attribution/model/importance';
import { textSegments } from '../../../webviews/attribution/model/segments';
import {
  applyMessage,
  explainRequest,
  initialModel,
  persistedState,
  withControls,
  withRun,
} from '../../../webviews/attribution/model/viewModel';

const unit = (text: string, start: number, score: number) => ({ text, start, end: start + text.length, score });

describe('attribution view: pure model', () => {
  it('scales scores against the largest |score| and labels them for screen readers', () => {
    const units = [unit('a', 0, -0.2), unit('b', 2, 0.1), unit('c', 4, 0)];
    assert.equal(scaleOf(units), 0.2);
    assert.deepEqual(heatCell(-0.2, 0.2), { weight: 1, direction: 'lowers' });
    assert.deepEqual(heatCell(0.1, 0.2), { weight: 0.5, direction: 'raises' });
    assert.deepEqual(heatCell(0, 0.2), { weight: 0, direction: 'none' });
    assert.deepEqual(heatCell(0.3, 0), { weight: 0, direction: 'none' });
    assert.deepEqual(legendTicks(0.2), ['\u22120.200', '0', '+0.200']);
    assert.equal(formatScore(0.00012), '+1.20e-4');
    assert.equal(tokenLabel('great', 0.3, 'pos'), 'great: +0.300, raises P(pos)');
    assert.equal(tokenLabel('the', 0, 'pos'), 'the: 0, no effect on P(pos)');
  });

  it('cuts the text into plain runs and words in text order, whatever the unit order', () => {
    const segments = textSegments('Hi, you there', [unit('there', 8, 0.1), unit('Hi', 0, 0.2), unit('you', 4, 0.3)]);
    assert.deepEqual(
      segments.map((segment) => (segment.kind === 'text' ? segment.text : `[${segment.unit.text}#${segment.index}]`)),
      ['[Hi#1]', ', ', '[you#2]', ' ', '[there#0]'],
    );
    assert.deepEqual(
      textSegments('ab', [unit('abc', 0, 1)]),
      [{ kind: 'text', text: 'ab' }],
      'a unit outside the text is left out',
    );
  });

  it('badges the convergence delta, warning above 0.01', () => {
    assert.equal(deltaBadge({ delta: null }), undefined);
    assert.deepEqual(deltaBadge({ delta: -3e-7, integration: { method: 'gausslegendre', steps: 50 } })?.warn, false);
    assert.equal(deltaBadge({ delta: 0.02 })?.warn, true);
    assert.equal(
      predictionText({ prediction: 'pos', classes: ['neg', 'pos'], probabilities: [0.25, 0.75] }),
      'pos (p = 0.750)',
    );
  });

  it('draws importance bars relative to each chart, groups of one column on one scale', () => {
    const table = (entries: Array<[string, number]>) => ({
      examples: 10,
      entries: entries.map(([feature, meanAbs]) => ({ feature, meanAbs, mean: meanAbs, examples: 3 })),
    });
    const charts = importanceCharts({
      method: 'ig',
      examples: 20,
      total: 20,
      overall: table([
        ['a', 0.4],
        ['b', 0.1],
      ]),
      byGroup: { sex: { F: table([['a', 0.2]]), M: table([['b', 0.4]]) } },
    });
    assert.deepEqual(
      charts.map((chart) => [chart.title, chart.bars.map((bar) => bar.width)]),
      [
        ['All test examples', [1, 0.25]],
        ['sex = F', [0.5]],
        ['sex = M', [1]],
      ],
    );
  });

  it('keeps the run, input and controls; drops a target the new run lacks; asks for an explanation once it has both', () => {
    const runs: ExplainableRun[] = [
      { id: 'r1', modelKind: 'text', classes: ['neg', 'pos'], sameDataset: true, hasAttribution: false },
      { id: 'r2', modelKind: 'tabular', classes: ['no', 'yes'], sameDataset: false, hasAttribution: false },
    ];
    let model = applyMessage(initialModel(), { type: 'runs', runs });
    assert.equal(model.runId, 'r1');
    assert.equal(explainRequest(model), undefined, 'no input yet');
    const input = { kind: 'row' as const, uri: 'file:///d.csv', line: 2, label: 'd.csv:3' };
    model = withControls({ ...model, input }, { target: 'pos', baseline: 'pad' });
    assert.deepEqual(explainRequest(model), {
      type: 'explain',
      runId: 'r1',
      input,
      controls: { method: 'ig', steps: 50, integration: 'gausslegendre', target: 'pos', baseline: 'pad' },
    });
    model = withRun(model, 'r2');
    assert.deepEqual(
      model.controls,
      { method: 'ig', steps: 50, integration: 'gausslegendre' },
      'no pad baseline or pos class for the tabular run',
    );
    const explanation = { runId: 'r2' } as ExplanationResult;
    model = applyMessage(applyMessage(model, { type: 'error', message: 'boom' }), {
      type: 'explanation',
      explanation,
      input,
      controls: model.controls,
    });
    assert.equal(model.error, undefined, 'a new explanation clears the error');
    assert.deepEqual(persistedState(model), { runId: 'r2', input, controls: model.controls });
    assert.deepEqual(initialModel(persistedState(model)).input, input);
  });
});
