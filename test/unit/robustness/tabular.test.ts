import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { EXIT_ERROR, EXIT_OK } from '../../../src/cli/io';
import { runCli } from '../../../src/cli/main';
import { readRun } from '../../../src/engine/runs';
import { perturbRow, TABULAR_PERTURBATIONS } from '../../../src/engine/robustness/tabularPerturbations';
import { runSuite } from '../../../src/engine/robustness/suite';
import type { TabularEncoding } from '../../../src/engine/training/features/tabular';
import { seededRandom } from '../../../src/engine/training/data/split';
import { runTrainingJob } from '../../../src/engine/training/job';
import { robustnessRows } from '../../../webviews/training/model/robustness';
import { fakeIo } from '../cli/fakeIo';

const LOANS = path.resolve(__dirname, '../../fixtures/training/loans.csv');

const ENCODING: TabularEncoding = {
  columns: [
    { kind: 'numeric', column: 'income', mean: 50, std: 20 },
    { kind: 'categorical', column: 'education', categories: ['bachelor', 'master', 'school'] },
  ],
  width: 5,
  featureNames: ['income', 'education=bachelor', 'education=master', 'education=school', 'education=(other)'],
};

describe('robustness of tabular models', () => {
  it('noise moves every number by a share of its training deviation, and nothing else', () => {
    const random = seededRandom(1, 'noise');
    const shifts: number[] = [];
    for (let i = 0; i < 2000; i++) {
      const row = { income: '50', education: 'master', id: 'x' };
      const noisy = perturbRow('noise', row, ENCODING, random);
      assert.equal(noisy.education, 'master');
      assert.equal(noisy.id, 'x', 'columns the model does not read stay');
      shifts.push(Number(noisy.income) - 50);
    }
    const sd = Math.sqrt(shifts.reduce((sum, shift) => sum + shift * shift, 0) / shifts.length);
    assert.ok(Math.abs(sd - 2) < 0.15, `noise sd ${sd}, expected 0.1 × 20`);
    const missing = { income: '', education: 'master' };
    assert.equal(perturbRow('noise', missing, ENCODING, random), missing, 'an empty number stays; the row is returned');
  });

  it('swaps about a tenth of the categories for another seen in training, and empties about a tenth of values', () => {
    const random = seededRandom(2, 'cells');
    let swapped = 0;
    let emptied = 0;
    const n = 4000;
    for (let i = 0; i < n; i++) {
      const row = { income: '61', education: 'bachelor' };
      const other = perturbRow('categories', row, ENCODING, random);
      assert.equal(other.income, '61');
      if (other.education !== 'bachelor') {
        swapped++;
        assert.ok(['master', 'school'].includes(other.education!), other.education);
      }
      const blank = perturbRow('missing', row, ENCODING, random);
      emptied += Number(blank.income === '') + Number(blank.education === '');
    }
    assert.ok(Math.abs(swapped / n - 0.1) < 0.02, `swapped ${swapped / n}`);
    assert.ok(Math.abs(emptied / (2 * n) - 0.1) < 0.02, `emptied ${emptied / (2 * n)}`);
  });

  it('finds a planted fragility: a model on a hard income cut-off breaks under noise, not under missing education', async () => {
    // Incomes sit within 1 of the cut-off at 50: noise of sd 2 flips about a third of them. The "model" reads only
    // income, and an empty income counts as the mean (50, class 1), as the encoding would have it.
    const items = Array.from({ length: 400 }, (_, i) => ({
      income: String(49.5 + (i % 2)),
      education: ['bachelor', 'master'][i % 2]!,
    }));
    const labels = items.map((item) => (Number(item.income) >= 50 ? 1 : 0));
    const groups = items.map((item) => item.education);
    const predict = (rows: ReadonlyArray<Readonly<Record<string, string>>>) =>
      rows.map((row) => (row.income === '' || Number(row.income) >= 50 ? 1 : 0));
    const result = await runSuite({
      items,
      labels,
      groups,
      perturbations: TABULAR_PERTURBATIONS,
      seed: 4,
      perturb: (name, row, random) => perturbRow(name, row, ENCODING, random),
      predict,
    });
    assert.equal(result.clean.accuracy, 1);
    const by = Object.fromEntries(result.perturbations.map((p) => [p.name, p]));
    assert.ok(by.noise!.drop > 0.3 && by.noise!.drop < 0.5, `noise drop ${by.noise!.drop}`);
    assert.equal(by.categories!.drop, 0);
    assert.equal(by.categories!.worstGroup, undefined, 'no group dropped: none is the worst');
    assert.ok(by.missing!.drop > 0, 'an empty income reads as the mean: the lower half flips');
    assert.equal(by.missing!.worstGroup, 'bachelor', 'the incomes below the cut-off are the bachelor rows');
  });

  describe('rml robustness on a tabular run', function () {
    this.timeout(120_000);
    let dir: string;
    let runDir: string;
    before(async () => {
      dir = mkdtempSync(path.join(os.tmpdir(), 'rml-robust-tabular-'));
      const run = await runTrainingJob({
        dataset: LOANS,
        label: 'approved',
        features: ['age', 'income', 'hours', 'education'],
        sensitive: ['sex'],
        epochs: 10,
        backend: 'wasm',
        runsRoot: dir,
      });
      runDir = run.runDir;
    });
    after(() => rmSync(dir, { recursive: true, force: true }));

    it("tests the run's test split under noise, swapped categories and missing values, per group, and saves it", async () => {
      const io = fakeIo(dir);
      const code = await runCli(['robustness', '--run', runDir, '--backend', 'wasm', '--save', '--format', 'json'], io);
      assert.equal(code, EXIT_OK, io.err);
      const report = JSON.parse(io.out);
      assert.equal(report.input, 'tabular');
      assert.deepEqual(
        report.perturbations.map((p: { name: string }) => p.name),
        ['noise', 'categories', 'missing'],
      );
      for (const perturbation of report.perturbations) {
        assert.deepEqual(Object.keys(perturbation.byGroup), ['F', 'M']);
        assert.ok(perturbation.changedRate > 0, `${perturbation.name} changed nothing`);
      }
      const saved = (await readRun(runDir)).robustness!;
      assert.equal(saved.input, 'tabular');
      assert.match(robustnessRows(saved).summary, /^\d+ rows \(test split of the run\)/);
    });

    it('refuses the word attack and a text perturbation, naming what a tabular run has', async () => {
      const attack = fakeIo(dir);
      assert.equal(await runCli(['robustness', '--run', runDir, '--attack', 'hotflip'], attack), EXIT_ERROR);
      assert.match(attack.err, /--attack hotflip substitutes words of a text model's input/);
      const typos = fakeIo(dir);
      assert.equal(await runCli(['robustness', '--run', runDir, '--perturbations', 'typos'], typos), EXIT_ERROR);
      assert.match(typos.err, /unknown perturbation 'typos' for a tabular model \(known: noise, categories, missing\)/);
    });
  });
});
