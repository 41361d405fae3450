import { strict as assert } from 'node:assert';
import type { RunMitigation } from '../../../src/shared/mitigation';
import type { EpochMetrics, RunRecord } from '../../../src/shared/runs';
import { mitigationView } from '../../../webviews/training/model/mitigation';

const epoch = (n: number, epsilon?: number): EpochMetrics => ({
  epoch: n,
  epochs: 2,
  trainLoss: 0.5,
  trainAccuracy: 0.8,
  validationLoss: 0.5,
  validationAccuracy: 0.8,
  seconds: 1,
  examplesPerSecond: 100,
  ...(epsilon === undefined
    ? {}
    : { privacy: { epsilon, delta: 1e-5, order: 8, conversion: 'improved', steps: 10 * n } }),
});
const figures = (accuracy: number, dp: number, rates: Record<string, number>) => ({
  accuracy,
  demographicParityDifference: dp,
  equalizedOddsDifference: dp,
  selectionRates: rates,
});
const base = (extra: Partial<RunRecord>): RunRecord => ({
  id: 'r',
  dir: '/r',
  status: { state: 'completed', startedAt: '', updatedAt: '', epochsCompleted: 2, epochs: 2 },
  metrics: [],
  hasModel: true,
  ...extra,
});

describe('panel: mitigation and privacy', () => {
  it('shows nothing for a plain run', () => {
    assert.equal(mitigationView(base({ metrics: [epoch(1)] })), undefined);
  });

  it('lists ε per epoch and names δ and the conversion', () => {
    const view = mitigationView(
      base({
        metrics: [epoch(1, 0.5), epoch(2, 0.81234)],
        config: {
          privacy: {
            noiseMultiplier: 1.1,
            maxGradNorm: 1,
            delta: 1e-5,
            sampleRate: 0.01,
            expectedBatchSize: 64,
            conversion: 'improved',
            secureNoise: false,
          },
        } as RunRecord['config'],
      }),
    )!;
    assert.equal(view.title, 'DP-SGD (differential privacy)');
    assert.deepEqual(
      view.privacy.map((row) => row.epsilon),
      ['0.500', '0.812'],
    );
    assert.match(view.privacyNote!, /δ = 0.00001.*improved conversion/);
  });

  it("shows the trade-off before and after, and each group's selection rate change", () => {
    const mitigation: RunMitigation = {
      version: 1,
      method: 'expgrad',
      constraint: 'demographic_parity',
      parameters: { eps: 0.05 },
      sensitive: ['sex'],
      validation: { before: figures(0.8, 0.3, { F: 0.3, M: 0.6 }), after: figures(0.76, 0.05, { F: 0.42, M: 0.47 }) },
      test: { before: figures(0.81, 0.28, { F: 0.31, M: 0.59 }), after: figures(0.77, 0.06, { F: 0.43, M: 0.49 }) },
    };
    const view = mitigationView(base({ mitigation }))!;
    assert.equal(view.summary, 'constraint demographic_parity; eps 0.05');
    assert.deepEqual(
      view.tradeOff.map((row) => [row.split, row.classifier, row.demographicParity]),
      [
        ['validation', 'before', '0.300'],
        ['validation', 'after', '0.050'],
        ['test', 'before', '0.280'],
        ['test', 'after', '0.060'],
      ],
    );
    assert.deepEqual(view.groups, [
      { group: 'F', before: '0.310', after: '0.430', change: '+0.120' },
      { group: 'M', before: '0.590', after: '0.490', change: '\u22120.100' },
    ]);
  });
});
