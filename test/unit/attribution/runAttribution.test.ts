import { strict as assert } from 'node:assert';
import { appendFileSync, cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { attributeCompletedRun } from '../../../src/engine/attribution/runAttribution';
import { runTrainingJob } from '../../../src/engine/training/job';
import type { RunAttribution } from '../../../src/shared/attribution';

const FIXTURES = path.join(__dirname, '../../fixtures');

describe("a run's attribution file", function () {
  this.timeout(120_000);
  let dir: string;
  before(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'rml-run-attribution-'));
    cpSync(path.join(FIXTURES, 'training/reviews.csv'), path.join(dir, 'reviews.csv'));
    cpSync(path.join(FIXTURES, 'training/loans.csv'), path.join(dir, 'loans.csv'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('text run: global importance on the whole test split, per group, and the counterfactual gap', async () => {
    const run = await runTrainingJob({
      dataset: path.join(dir, 'reviews.csv'),
      label: 'label',
      text: 'text',
      sensitive: ['dialect'],
      epochs: 6,
      backend: 'wasm',
      runsRoot: path.join(dir, 'runs'),
    });
    const attribution = await attributeCompletedRun(run.runDir);
    const saved = JSON.parse(readFileSync(path.join(run.runDir, 'attribution.json'), 'utf8')) as RunAttribution;
    assert.deepEqual(saved, attribution);
    assert.equal(attribution.id, run.id);
    assert.equal(attribution.globalImportance.total, run.splits.test, 'the test split, made again from config.json');
    assert.deepEqual(Object.keys(attribution.globalImportance.byGroup.dialect!), ['A', 'B']);
    const top = attribution.globalImportance.overall.entries.slice(0, 5).map((entry) => entry.feature);
    assert.ok(
      top.some((word) =>
        ['awful', 'terrible', 'great', 'excellent', 'loved', 'hated', 'worst', 'superb'].includes(word),
      ),
      `top words ${top}`,
    );
    assert.ok(attribution.counterfactual, 'a text model gets a counterfactual gap');
    assert.equal(attribution.counterfactual!.threshold, 0.05);
    assert.deepEqual(attribution.warnings, []);
  });

  it('tabular run: importance per original column; refuses a dataset changed since training', async () => {
    const run = await runTrainingJob({
      dataset: path.join(dir, 'loans.csv'),
      label: 'approved',
      features: ['age', 'income', 'education', 'sex'],
      sensitive: ['sex'],
      epochs: 3,
      backend: 'wasm',
      runsRoot: path.join(dir, 'runs'),
    });
    const attribution = await attributeCompletedRun(run.runDir);
    assert.deepEqual(attribution.globalImportance.overall.entries.map((entry) => entry.feature).sort(), [
      'age',
      'education',
      'income',
    ]);
    assert.equal(attribution.counterfactual, undefined);
    appendFileSync(path.join(dir, 'loans.csv'), '40,50,40,master,F,1.0,yes\n');
    await assert.rejects(attributeCompletedRun(run.runDir), /changed since run .* trained on it \(SHA-256 differs\)/);
  });
});
