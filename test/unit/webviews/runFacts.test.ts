import assert from 'node:assert/strict';
import { backendBadge, configurationFacts, statusLine } from '../../../webviews/training/model/runFacts';
import {
  formatDelta,
  formatInterval,
  formatLoss,
  formatPercent,
  formatRate,
  formatSeconds,
} from '../../../webviews/training/model/format';
import { FIXTURE_RUN_IDS, readFixtureRun } from './fixtureRuns';

describe('training view: run facts and number formats', () => {
  it('words the configuration: dataset and hash, columns, model, seed', async () => {
    const run = await readFixtureRun(FIXTURE_RUN_IDS.reweighed);
    const facts = configurationFacts(run.config ?? assert.fail('no config'));
    const value = (label: string) => facts.find((fact) => fact.label === label)?.value;
    assert.equal(value('Dataset'), 'data/loans.csv');
    assert.equal(facts.find((fact) => fact.label === 'Dataset')?.file, 'dataset');
    assert.equal(value('Dataset SHA-256'), run.config?.dataset.sha256.slice(0, 12));
    assert.equal(facts.find((fact) => fact.label === 'Dataset SHA-256')?.title, run.config?.dataset.sha256);
    assert.equal(value('Feature columns'), 'income, debt_ratio, employment_years, age_band');
    assert.equal(value('Sensitive columns'), 'sex, age_band');
    assert.equal(value('Weight column'), 'reweighing_weight');
    assert.equal(value('Model'), 'MLP (32 hidden units), 386 parameters');
    assert.equal(value('Seed'), '42');
    assert.equal(value('Split'), '0.7 / 0.15 / 0.15 of the rows: 1,866 / 400 / 401 examples');
  });

  it('words a transformer run: layers, heads, width, tokens and size', async () => {
    const run = await readFixtureRun(FIXTURE_RUN_IDS.reweighed);
    const config = run.config ?? assert.fail('no config');
    const model = {
      ...config.model,
      kind: 'transformer' as const,
      maxTokens: 64,
      parameters: 1_152_833,
      transformer: { layers: 2, heads: 4, width: 64, feedForward: 256 },
    };
    const facts = configurationFacts({ ...config, model });
    assert.equal(
      facts.find((fact) => fact.label === 'Model')?.value,
      'transformer (2 layers, 4 heads, width 64, 64 tokens), 1,152,833 parameters',
    );
  });

  it('shows the backend and device, with the skipped backends in the tooltip', () => {
    const badge = backendBadge({ name: 'tensorflow', device: 'gpu', detail: 'tensorflow (CUDA)', warnings: ['w1'] });
    assert.deepEqual(badge, { text: 'tensorflow · GPU', device: 'gpu', title: 'tensorflow (CUDA)\nw1' });
  });

  it('names the WebGPU adapter in the badge, its driver in the tooltip', () => {
    const adapter = {
      vendor: 'nvidia',
      architecture: 'ampere',
      description: 'NVIDIA GeForce RTX 3060: 550.54',
      type: 'gpu' as const,
    };
    const detail = 'webgpu (Dawn, NVIDIA GeForce RTX 3060: 550.54, nvidia/ampere)';
    const badge = backendBadge({ name: 'webgpu', device: 'gpu', detail, warnings: [], adapter });
    assert.deepEqual(badge, { text: 'WebGPU · NVIDIA GeForce RTX 3060', device: 'gpu', title: detail });
  });

  it('words each state, with the error of a failed run', () => {
    const base = { startedAt: '', updatedAt: '', epochs: 10 };
    assert.equal(
      statusLine({ ...base, state: 'running', epochsCompleted: 0 }).detail,
      'preparing the data and the model',
    );
    assert.equal(statusLine({ ...base, state: 'running', epochsCompleted: 3 }).detail, 'epoch 3 of 10 done');
    assert.equal(statusLine({ ...base, state: 'completed', epochsCompleted: 10 }).detail, '10 epochs');
    assert.equal(statusLine({ ...base, state: 'cancelled', epochsCompleted: 4 }).detail, 'after epoch 4 of 10');
    assert.deepEqual(statusLine({ ...base, state: 'failed', epochsCompleted: 2, error: 'boom' }), {
      state: 'failed',
      label: 'Failed',
      detail: 'after epoch 2 of 10',
      error: 'boom',
    });
  });

  it('formats numbers the same way everywhere', () => {
    assert.equal(formatRate(0.46199), '0.462');
    assert.equal(formatRate(null), '—');
    assert.equal(formatRate(NaN), '—');
    assert.equal(formatPercent(0.8734), '87.3 %');
    assert.equal(formatLoss(0.4321987), '0.4322');
    assert.equal(formatInterval({ lower: 0.31, upper: 0.4 }), '[0.310, 0.400]');
    assert.equal(formatInterval(null), '');
    assert.equal(formatDelta(0.0214), '+0.021');
    assert.equal(formatDelta(-0.14), '\u22120.140');
    assert.equal(formatDelta(0.0001), '0.000');
    assert.equal(formatSeconds(12.34), '12.3 s');
    assert.equal(formatSeconds(119.6), '2 min 0 s');
    assert.equal(formatSeconds(3725), '1 h 2 min');
  });
});
