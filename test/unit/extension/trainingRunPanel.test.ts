import './fakeVscode/install';
import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { readRun } from '../../../src/engine/runs';
import { registerTrainingPanels, TrainingRunPanel } from '../../../src/extension/panels/trainingRunPanel';
import { onTrainingEvent } from '../../../src/extension/panels/trainingEvents';
import { CancelTrainingRequest, TrainingEventNotification } from '../../../src/shared/protocol';
import type { TrainingEvent } from '../../../src/shared/runs';
import { fakeContext } from './fakeVscode/context';
import { fake, window as fakeWindow, Uri, type FakePanel } from './fakeVscode/vscode';
import { until, workspaceWithRuns } from './fakeVscode/workspace';
import { FIXTURE_RUN_IDS } from '../webviews/fixtureRuns';

const { biased, reweighed, failed } = FIXTURE_RUN_IDS;

describe('training run panel (host side, fake editor)', () => {
  let workspace: Awaited<ReturnType<typeof workspaceWithRuns>>;
  let session: ReturnType<typeof fakeContext>;
  let registrations: Array<{ dispose(): void }>;

  beforeEach(async () => {
    fake.reset();
    workspace = await workspaceWithRuns('panel', [biased, reweighed, failed]);
    session = fakeContext();
    registrations = registerTrainingPanels(session.ctx);
  });

  afterEach(async () => {
    for (const panel of fake.panels) if (!panel.isDisposed) panel.dispose();
    for (const registration of registrations) registration.dispose();
    await workspace.remove();
  });

  const types = (panel: FakePanel) => panel.webview.posted.map((message) => message.type);
  const event = (value: TrainingEvent) => session.notify(TrainingEventNotification.method, value);

  async function openReady(runId: string): Promise<FakePanel> {
    await fake.commands.get('responsibleML.openRun')?.(runId);
    const panel = fake.panels.at(-1) ?? assert.fail('no panel');
    panel.webview.fromView({ type: 'ready' });
    await until(() => panel.webview.posted.length > 0, 'the snapshot');
    return panel;
  }

  it('loads the view from the shell under the strict CSP, and posts nothing before the view is ready', async () => {
    await fake.commands.get('responsibleML.openRun')?.(biased);
    const [panel] = fake.panels;
    assert.ok(panel);
    assert.equal(panel.viewType, 'responsibleML.trainingRun');
    assert.match(panel.webview.html, /content="default-src &#39;none&#39;; img-src vscode-webview:\/\/fake data:;/);
    assert.match(
      panel.webview.html,
      /<script nonce="[^"]+" src="file:\/\/\/ext\/dist\/webviews\/training\.js"><\/script>/,
    );
    assert.deepEqual(
      (panel.webview.options as { localResourceRoots: Uri[] }).localResourceRoots.map((uri) => uri.fsPath),
      [path.resolve('/ext/dist/webviews'), path.resolve('/ext/media')],
    );
    // A live event before the view is ready is held back, and comes after the snapshot.
    const run = await readRun(workspace.dirOf(biased));
    event({ kind: 'epoch', runId: biased, metrics: run.metrics[0] ?? assert.fail() });
    assert.deepEqual(panel.webview.posted, []);
    panel.webview.fromView({ type: 'ready' });
    await until(() => panel.webview.posted.length === 2, 'the snapshot, then the held-back epoch');
    assert.deepEqual(types(panel), ['snapshot', 'event']);
    const snapshot = panel.webview.posted[0] as unknown as { type: string; run: { id: string; metrics: unknown[] } };
    assert.equal(snapshot.type, 'snapshot');
    assert.equal(snapshot.run.id, biased);
    assert.equal(snapshot.run.metrics.length, 8);
    assert.equal(panel.title, `loans.csv · ${biased}`);
  });

  it('reveals the open panel of a run instead of opening a second one', async () => {
    await openReady(biased);
    await fake.commands.get('responsibleML.openRun')?.({ run: { id: biased } });
    await fake.commands.get('responsibleML.openRun')?.(Uri.file(path.join(workspace.dirOf(biased), 'report.json')));
    assert.equal(fake.panels.length, 1);
    assert.equal(fake.panels[0]?.reveals, 2, 'by a Runs view item and by a URI of one of its files');
  });

  it("queues live epochs until the view has its snapshot, then forwards its own run's events", async () => {
    const dir = workspace.dirOf(biased);
    const run = await readRun(dir);
    TrainingRunPanel.showLive(session.ctx, biased);
    const fakePanel = fake.panels[0] ?? assert.fail('no panel');
    event({ kind: 'epoch', runId: biased, metrics: run.metrics[0] ?? assert.fail() });
    fakePanel.webview.fromView({ type: 'ready' });
    await until(() => fakePanel.webview.posted.length === 2, 'snapshot and the queued epoch');
    assert.deepEqual(types(fakePanel), ['snapshot', 'event']);
    event({ kind: 'epoch', runId: 'some-other-run', metrics: run.metrics[1] ?? assert.fail() });
    event({ kind: 'log', runId: biased, line: 'hello' });
    event({ kind: 'epoch', runId: biased, metrics: run.metrics[1] ?? assert.fail() });
    assert.deepEqual(types(fakePanel), ['snapshot', 'event', 'event']);
    const forwarded = fakePanel.webview.posted[2] as unknown as { event: TrainingEvent };
    assert.deepEqual(
      forwarded.event,
      { kind: 'epoch', runId: biased, metrics: run.metrics[1] },
      "the server's event, unchanged",
    );
  });

  it('opens live runs beside the editor, all in one group instead of a new group each', () => {
    const first = TrainingRunPanel.showLive(session.ctx, biased) && (fake.panels.at(-1) ?? assert.fail());
    const second = TrainingRunPanel.showLive(session.ctx, reweighed) && (fake.panels.at(-1) ?? assert.fail());
    assert.equal(first.requestedColumn, -2, 'the first one beside the editor');
    assert.equal(second.requestedColumn, first.viewColumn, 'the next one in the same group');
  });

  it('re-reads a finished run so the view gets its report', async () => {
    const panel = await openReady(biased);
    event({ kind: 'finished', runId: biased, state: 'completed' });
    await until(() => panel.webview.posted.length === 2, 'finished');
    const finished = panel.webview.posted[1] as { type: string; event: TrainingEvent; run: { report?: unknown } };
    assert.equal(finished.type, 'event');
    assert.deepEqual(finished.event, { kind: 'finished', runId: biased, state: 'completed' });
    assert.ok(finished.run.report);
  });

  it('still marks a run ended when its files cannot be read, and says why in the log', async () => {
    const panel = await openReady(failed);
    await writeFile(path.join(workspace.dirOf(failed), 'metrics.jsonl'), '{"epoch": 1}\n{broken\n');
    event({ kind: 'finished', runId: failed, state: 'failed', error: 'out of memory' });
    await until(() => panel.webview.posted.length === 2, 'finished');
    assert.deepEqual(panel.webview.posted[1], {
      type: 'event',
      event: { kind: 'finished', runId: failed, state: 'failed', error: 'out of memory' },
    });
    assert.match(session.logs.join('\n'), /metrics\.jsonl:2: invalid JSON/);
  });

  it('tells the view when a run cannot be read, naming the file and line', async () => {
    await writeFile(path.join(workspace.dirOf(biased), 'metrics.jsonl'), '{broken\n');
    const panel = await openReady(biased);
    const [message] = panel.webview.posted as Array<{ type: string; message: string }>;
    assert.equal(message?.type, 'error');
    assert.match(message?.message ?? '', /metrics\.jsonl:1: invalid JSON/);
  });

  it('sends Cancel to the server, and re-reads the run when it was not running any more', async () => {
    session = fakeContext(false);
    for (const registration of registrations) registration.dispose();
    registrations = registerTrainingPanels(session.ctx);
    const panel = await openReady(biased);
    panel.webview.fromView({ type: 'cancel', runId: biased });
    await until(() => panel.webview.posted.length === 2, 'a fresh snapshot');
    assert.deepEqual(session.actions(), [{ method: CancelTrainingRequest.method, params: { runId: biased } }]);
    assert.deepEqual(fake.messages, [`info: Responsible ML: run ${biased} is not running any more.`]);
    panel.webview.fromView({ type: 'cancel', runId: 'not-shown-here' });
    // Messages are handled in order: once a later file link has been opened, the Cancel before it is done.
    panel.webview.fromView({ type: 'openFile', runId: biased, file: 'report' });
    await until(() => fake.shownDocuments.length === 1, 'report.json shown');
    assert.equal(session.actions().length, 1, 'only runs the panel shows');
  });

  it('compares with a run picked from the workspace, and stops comparing', async () => {
    const panel = await openReady(biased);
    let offered: string[] = [];
    fake.pick = (items) => {
      offered = (items as Array<{ run: { id: string } }>).map((item) => item.run.id);
      return items.find((item) => (item as { run: { id: string } }).run.id === reweighed);
    };
    panel.webview.fromView({ type: 'pickComparison' });
    await until(() => panel.webview.posted.length === 2, 'the comparison');
    assert.deepEqual(offered, [failed, reweighed], 'every other run, newest first');
    const compare = panel.webview.posted[1] as { type: string; runs: Array<{ id: string }> };
    assert.deepEqual([compare.type, ...compare.runs.map((run) => run.id)], ['compare', biased, reweighed]);
    panel.webview.fromView({ type: 'clearComparison' });
    await until(() => panel.webview.posted.length === 3, 'the snapshot');
    assert.equal(panel.webview.posted[2]?.type, 'snapshot');
  });

  it("opens the run's files, and says so when the dataset is gone", async () => {
    const panel = await openReady(biased);
    panel.webview.fromView({ type: 'openFile', runId: biased, file: 'report' });
    await until(() => fake.shownDocuments.length === 1, 'report.json shown');
    assert.equal(fake.shownDocuments[0], path.join(workspace.dirOf(biased), 'report.json'));
    panel.webview.fromView({ type: 'openFile', runId: biased, file: 'dataset' });
    await until(() => fake.messages.length === 1, 'an error');
    assert.equal(
      fake.messages[0],
      `error: Responsible ML: cannot open the dataset of run ${biased}: the dataset ${path.join(workspace.root, 'data', 'loans.csv')} no longer exists`,
    );
  });

  it("restores a panel after a reload from the view's saved state", async () => {
    const serializer = fake.serializers.get('responsibleML.trainingRun') ?? assert.fail('no serializer');
    const panel = fakeWindow.createWebviewPanel('responsibleML.trainingRun', 'old title');
    await serializer.deserializeWebviewPanel(panel, { runId: biased, compareRunId: reweighed });
    assert.match(panel.webview.html, /training\.js/);
    panel.webview.fromView({ type: 'ready' });
    await until(() => panel.webview.posted.length === 1, 'the comparison');
    assert.equal(panel.webview.posted[0]?.type, 'compare');
    const empty = fakeWindow.createWebviewPanel('responsibleML.trainingRun', 'no state');
    await serializer.deserializeWebviewPanel(empty, undefined);
    assert.equal(empty.isDisposed, true, 'nothing to restore');
  });

  it('re-hydrates after the hidden view is shown again, replaying what came meanwhile', async () => {
    const dir = workspace.dirOf(biased);
    const run = await readRun(dir);
    const panel = await openReady(biased);
    panel.setVisible(false);
    event({ kind: 'epoch', runId: biased, metrics: run.metrics[7] ?? assert.fail() });
    assert.equal(panel.webview.posted.length, 1, 'nothing posted to a hidden view');
    panel.setVisible(true);
    panel.webview.fromView({ type: 'ready' });
    await until(() => panel.webview.posted.length === 3, 'snapshot and replay');
    assert.deepEqual(types(panel), ['snapshot', 'snapshot', 'event']);
  });

  it('shares the one notification handler the client allows among all listeners', () => {
    const seen: string[] = [];
    onTrainingEvent(session.ctx)((value) => seen.push(`a:${value.kind}`));
    onTrainingEvent(session.ctx)((value) => seen.push(`b:${value.kind}`));
    event({ kind: 'queued', runId: 'x', datasetUri: 'file:///d.csv', position: 0 });
    assert.deepEqual(seen, ['a:queued', 'b:queued']);
    assert.equal(session.registrations(), 1);
  });
});
