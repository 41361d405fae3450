import assert from 'node:assert/strict';
import {
  applyMessage,
  EMPTY_VIEW,
  isLiveIncrement,
  markCancelling,
  persistedState,
} from '../../../webviews/training/model/viewModel';
import { FIXTURE_RUN_IDS, readFixtureRun, runningAfter } from './fixtureRuns';

describe('training view: messages to view model', () => {
  it("reads every fixture run with the engine's readRun", async () => {
    for (const id of Object.values(FIXTURE_RUN_IDS)) {
      const run = await readFixtureRun(id);
      assert.equal(run.id, id);
      assert.equal(run.metrics.length, run.status.epochsCompleted);
      assert.ok(run.config, `${id} has a config`);
    }
  });

  it('starts from the snapshot, then adds live epochs once each', async () => {
    const full = await readFixtureRun(FIXTURE_RUN_IDS.biased);
    let model = applyMessage(EMPTY_VIEW, { type: 'snapshot', run: runningAfter(full, 3) });
    assert.equal(model.runs[0]?.metrics.length, 3);
    for (const epoch of full.metrics.slice(2, 5))
      model = applyMessage(model, { type: 'event', event: { kind: 'epoch', runId: full.id, metrics: epoch } });
    assert.deepEqual(
      model.runs[0]?.metrics.map((epoch) => epoch.epoch),
      [1, 2, 3, 4, 5],
      'epoch 3 came twice, is kept once',
    );
    assert.equal(model.runs[0]?.status.epochsCompleted, 5);
    assert.equal(model.runs[0]?.status.state, 'running');
  });

  it('ignores epochs of runs it does not show', async () => {
    const full = await readFixtureRun(FIXTURE_RUN_IDS.biased);
    const model = applyMessage(EMPTY_VIEW, { type: 'snapshot', run: runningAfter(full, 2) });
    const next = applyMessage(model, {
      type: 'event',
      event: { kind: 'epoch', runId: 'another-run', metrics: full.metrics[2] ?? assert.fail() },
    });
    assert.deepEqual(next.runs, model.runs);
  });

  it('takes the re-read run when it finishes, or only its state when it could not be read', async () => {
    const full = await readFixtureRun(FIXTURE_RUN_IDS.biased);
    const running = applyMessage(
      markCancelling(applyMessage(EMPTY_VIEW, { type: 'snapshot', run: runningAfter(full, 4) }), full.id),
      { type: 'event', event: { kind: 'epoch', runId: full.id, metrics: full.metrics[4] ?? assert.fail() } },
    );
    assert.deepEqual(running.cancelling, [full.id]);
    const completed = applyMessage(running, {
      type: 'event',
      event: { kind: 'finished', runId: full.id, state: 'completed' },
      run: full,
    });
    assert.equal(completed.runs[0]?.report, full.report);
    assert.equal(completed.runs[0]?.metrics.length, 8);
    assert.deepEqual(completed.cancelling, []);
    const failed = applyMessage(running, {
      type: 'event',
      event: { kind: 'finished', runId: full.id, state: 'failed', error: 'out of memory' },
    });
    assert.equal(failed.runs[0]?.status.state, 'failed');
    assert.equal(failed.runs[0]?.status.error, 'out of memory');
    assert.equal(failed.runs[0]?.metrics.length, 5, 'the history stays');
  });

  it('applies epochs to the compared run too, and remembers both runs', async () => {
    const a = await readFixtureRun(FIXTURE_RUN_IDS.reweighed);
    const b = await readFixtureRun(FIXTURE_RUN_IDS.biased);
    let model = applyMessage(EMPTY_VIEW, { type: 'compare', runs: [a, runningAfter(b, 1)] });
    model = applyMessage(model, {
      type: 'event',
      event: { kind: 'epoch', runId: b.id, metrics: b.metrics[1] ?? assert.fail() },
    });
    assert.equal(model.runs[1]?.metrics.length, 2);
    assert.equal(model.runs[0]?.metrics.length, 10);
    assert.deepEqual(persistedState(model), { runId: a.id, compareRunId: b.id });
    assert.deepEqual(persistedState(applyMessage(model, { type: 'snapshot', run: a })), { runId: a.id });
    assert.equal(persistedState(EMPTY_VIEW), undefined);
  });

  it("shows the host's error until the next snapshot", async () => {
    const run = await readFixtureRun(FIXTURE_RUN_IDS.failed);
    const broken = applyMessage(EMPTY_VIEW, { type: 'error', message: 'metrics.jsonl:3: invalid JSON' });
    assert.equal(broken.error, 'metrics.jsonl:3: invalid JSON');
    assert.equal(applyMessage(broken, { type: 'snapshot', run }).error, undefined);
  });

  it('redraws in place only for epochs', () => {
    assert.equal(isLiveIncrement({ type: 'event', event: { kind: 'epoch', runId: 'x', metrics: {} as never } }), true);
    assert.equal(isLiveIncrement({ type: 'error', message: 'x' }), false);
  });
});
