import assert from 'node:assert/strict';
import type { RunSummary } from '../../../src/shared/runs';
import { relativeTime, runDetails, runTitle, runTooltipLines } from '../../../src/extension/panels/runDescriptions';

const NOW = new Date('2025-03-02T15:00:00.000Z');

describe('Runs view: run descriptions', () => {
  const completed: RunSummary = {
    id: '20250302-143000-d4e5f6',
    state: 'completed',
    startedAt: '2025-03-02T14:30:00.000Z',
    finishedAt: '2025-03-02T14:55:00.000Z',
    dataset: 'data/loans.csv',
    model: 'mlp',
    backend: 'wasm',
    accuracy: 0.87345,
  };

  it('names a run by its dataset file, or its id before the configuration exists', () => {
    assert.equal(runTitle(completed), 'loans.csv');
    assert.equal(runTitle({ id: 'x', dataset: 'C:\\data\\loans.tsv' }), 'loans.tsv');
    assert.equal(runTitle({ id: '20250302-143000-d4e5f6' }), '20250302-143000-d4e5f6');
  });

  it('describes model, backend, test accuracy, state and time', () => {
    assert.equal(runDetails(completed, NOW), 'mlp · wasm · accuracy 87.3 % · 5 minutes ago');
    const running: RunSummary = { id: 'r', state: 'running', startedAt: '2025-03-02T14:59:30.000Z' };
    assert.equal(runDetails(running, NOW), 'running · just now');
  });

  it('says times relative to now', () => {
    assert.equal(relativeTime('2025-03-01T15:00:00.000Z', NOW), 'yesterday');
    assert.equal(relativeTime('2025-03-02T12:00:00.000Z', NOW), '3 hours ago');
    assert.equal(relativeTime(undefined, NOW), '');
    assert.equal(relativeTime('not a date', NOW), '');
  });

  it('puts the error of a failed run in its tooltip', () => {
    const lines = runTooltipLines({ ...completed, state: 'failed', error: 'out of memory' });
    assert.equal(lines[0], 'Run 20250302-143000-d4e5f6 (failed)');
    assert.equal(lines.at(-1), 'Error: out of memory');
  });
});
