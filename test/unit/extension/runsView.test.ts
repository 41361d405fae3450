import './fakeVscode/install';
import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { registerRunsView, type RunItem } from '../../../src/extension/runsView';
import { TrainingEventNotification } from '../../../src/shared/protocol';
import { fakeContext } from './fakeVscode/context';
import { fake, Uri, type ThemeIcon, type TreeItem } from './fakeVscode/vscode';
import { workspaceWithRuns } from './fakeVscode/workspace';
import { FIXTURE_RUN_IDS } from '../webviews/fixtureRuns';

const { biased, reweighed, failed } = FIXTURE_RUN_IDS;

describe('Runs view (fake editor)', () => {
  let removals: Array<() => Promise<void>>;
  let registrations: Array<{ dispose(): void }>;
  let session: ReturnType<typeof fakeContext>;

  beforeEach(() => {
    fake.reset();
    removals = [];
    session = fakeContext();
    registrations = registerRunsView(session.ctx);
  });

  afterEach(async () => {
    for (const registration of registrations) registration.dispose();
    for (const remove of removals) await remove();
  });

  const provider = () => fake.treeProviders.get('responsibleML.runs') ?? assert.fail('no tree provider');

  async function folder(name: string, ids: string[]) {
    const workspace = await workspaceWithRuns(name, ids);
    removals.push(workspace.remove);
    return workspace;
  }

  it('lists the runs of the workspace newest first, with state icon, dataset, model, backend, accuracy and time', async () => {
    await folder('one', [biased, reweighed, failed]);
    const items = (await provider().getChildren()) as RunItem[];
    assert.deepEqual(
      items.map((item) => item.run.id),
      [failed, reweighed, biased],
    );
    const [failedItem, reweighedItem] = items;
    assert.equal(reweighedItem?.label, 'loans.csv');
    assert.match(String(reweighedItem?.description), /^mlp · wasm · accuracy \d+\.\d % · /);
    assert.equal((reweighedItem?.iconPath as ThemeIcon | undefined)?.id, 'pass');
    assert.equal(reweighedItem?.contextValue, 'rmlRun.completed');
    assert.deepEqual(reweighedItem?.command?.arguments, [reweighed]);
    assert.equal(reweighedItem?.command?.command, 'responsibleML.openRun');
    assert.equal((failedItem?.iconPath as ThemeIcon | undefined)?.id, 'error');
    assert.match((failedItem?.tooltip as { value: string }).value, /Error: wasm backend: out of memory/);
  });

  it('groups runs by folder when the workspace has several, and names a folder it cannot read', async () => {
    await folder('first', [biased]);
    const second = await folder('second', [reweighed]);
    await writeFile(path.join(second.runsRoot, reweighed, 'status.json'), '{ not json');
    const folders = (await provider().getChildren()) as TreeItem[];
    assert.deepEqual(
      folders.map((item) => [item.label, item.description]),
      [
        ['first', '1 run'],
        ['second', '0 runs'],
      ],
    );
    const problems = (await provider().getChildren(folders[1])) as TreeItem[];
    assert.equal(problems[0]?.label, 'Cannot list the runs of second');
    assert.match(problems[0]?.description ?? '', /status\.json: invalid JSON/);
  });

  it("refreshes when a job reports and when a run's status.json changes", async () => {
    await folder('events', [biased]);
    const refreshed = () =>
      new Promise<void>((resolve) => {
        const listening = provider().onDidChangeTreeData(() => {
          listening.dispose();
          resolve();
        });
      });
    const first = refreshed();
    session.notify(TrainingEventNotification.method, {
      kind: 'started',
      runId: 'r',
      runDir: '/r',
      backend: 'cpu',
      warnings: [],
    });
    await first;
    assert.equal(fake.watchers[0]?.glob, '**/.rml/runs/*/status.json');
    const second = refreshed();
    fake.watchers[0]?.changed.fire(Uri.file('/w/.rml/runs/r/status.json'));
    await second;
  });
});
