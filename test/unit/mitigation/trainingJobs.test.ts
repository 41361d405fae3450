import { strict as assert } from 'node:assert';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import seedrandom from 'seedrandom';
import { runCli } from '../../../src/cli/main';
import '../../../src/engine/mitigation/register';
import { epsilonFor } from '../../../src/engine/privacy/accountant';
import { readRun, RUN_FILES } from '../../../src/engine/runs';
import { runTrainingJob } from '../../../src/engine/training/job';
import type { TrainingConfig } from '../../../src/engine/training/types';
import { fakeIo } from '../cli/fakeIo';

const FIXTURES = path.resolve(__dirname, '../../fixtures/training');
const loans = (extra: Partial<TrainingConfig>): TrainingConfig => ({
  dataset: path.join(FIXTURES, 'loans.csv'),
  label: 'approved',
  features: ['age', 'income', 'hours', 'education', 'sex'],
  sensitive: ['sex'],
  epochs: 6,
  backend: 'wasm',
  ...extra,
});

describe('private and constrained training jobs', function () {
  this.timeout(180_000);
  let runsRoot: string;
  beforeEach(() => {
    runsRoot = mkdtempSync(path.join(os.tmpdir(), 'rml-mitigated-'));
  });
  afterEach(() => rmSync(runsRoot, { recursive: true, force: true }));

  it('trains with DP-SGD to a target ε: ε per epoch in metrics.jsonl, within the target at the end', async () => {
    const result = await runTrainingJob({
      dataset: path.join(FIXTURES, 'reviews.csv'),
      label: 'label',
      text: 'text',
      sensitive: ['dialect'],
      epochs: 4,
      backend: 'wasm',
      runsRoot,
      privacy: { targetEpsilon: 4, maxGradNorm: 1, delta: 1e-4 },
    });
    assert.equal(result.state, 'completed');
    const run = await readRun(result.runDir);
    const privacy = run.config!.privacy!;
    assert.equal(privacy.targetEpsilon, 4);
    assert.ok(privacy.noiseMultiplier > 0);
    const epsilons = run.metrics.map((m) => m.privacy!.epsilon);
    assert.equal(epsilons.length, 4);
    assert.ok(
      epsilons.every((e, i) => i === 0 || e > epsilons[i - 1]!),
      `ε grows: ${epsilons.join(', ')}`,
    );
    assert.ok(epsilons[3]! <= 4 && epsilons[3]! > 3.9, `final ε ${epsilons[3]}`);
    // The accountant's figure equals a fresh computation from the recorded σ, q and steps.
    const steps = run.metrics[3]!.privacy!.steps;
    assert.ok(
      Math.abs(epsilonFor(privacy.noiseMultiplier, privacy.sampleRate, steps, 1e-4).epsilon - epsilons[3]!) < 1e-12,
    );
    assert.equal(run.mitigation?.method, 'dp-sgd');
    assert.equal(run.mitigation?.privacy?.epsilon, epsilons[3]);
    assert.ok(existsSync(path.join(result.runDir, RUN_FILES.mitigation)));
  });

  it('trains with the fairness regulariser and records the penalty and the achieved disparity', async () => {
    const result = await runTrainingJob(
      loans({ runsRoot, mitigation: { method: 'regularizer', constraint: 'demographic_parity', weight: 5 } }),
    );
    const run = await readRun(result.runDir);
    assert.deepEqual(run.config!.mitigation, { method: 'regularizer', constraint: 'demographic_parity', weight: 5 });
    assert.ok(run.metrics.every((m) => typeof m.penalty === 'number' && Number.isFinite(m.trainAccuracy)));
    assert.equal(run.mitigation!.method, 'regularizer');
    assert.deepEqual(Object.keys(run.mitigation!.test.after.selectionRates), ['F', 'M']);
  });

  it('runs ExponentiatedGradient after the epochs and shows the trade-off on the held-out test split', async () => {
    // Labels that favour group A; the model sees the group (sensitiveAsFeatures), so it picks the disparity up.
    const random = seedrandom('expgrad-job');
    const lines = ['x,group,label'];
    for (let i = 0; i < 600; i++) {
      const a = random() < 0.5;
      const x = random() * 2 - 1;
      lines.push(
        `${x.toFixed(4)},${a ? 'A' : 'B'},${x + (a ? 0.5 : -0.5) + (random() - 0.5) * 0.8 > 0 ? 'yes' : 'no'}`,
      );
    }
    const dataset = path.join(runsRoot, 'biased.csv');
    writeFileSync(dataset, `${lines.join('\n')}\n`);
    const result = await runTrainingJob({
      dataset,
      label: 'label',
      features: ['x', 'group'],
      sensitive: ['group'],
      sensitiveAsFeatures: true,
      epochs: 10,
      backend: 'wasm',
      runsRoot,
      mitigation: { method: 'expgrad', constraint: 'demographic_parity', eps: 0.05 },
    });
    const mitigation = result.mitigation!;
    assert.equal(mitigation.method, 'expgrad');
    // Enforced on the training rows (Fairlearn's guarantee: within eps plus the duality gap); the held-out splits
    // (90 rows each here) are reported beside it, not asserted to improve: at this size they move by ±0.1.
    const before = mitigation.train!.before!.demographicParityDifference;
    const after = mitigation.train!.after.demographicParityDifference;
    assert.ok(before > 0.2, `unconstrained training DP difference ${before}`);
    // The moment bounds each group's selection rate to within eps of everyone's: max − min ≤ 2·eps (+ the gap).
    assert.ok(after <= 2 * 0.05 + 0.02, `constrained training DP difference ${after} (before ${before})`);
    assert.ok(
      Number.isFinite(mitigation.test.after.demographicParityDifference) &&
        Number.isFinite(mitigation.validation.after.accuracy),
    );
    assert.ok(Math.abs(mitigation.expgrad!.weights.reduce((a, b) => a + b, 0) - 1) < 1e-9);
  });

  it('rml train takes --dp-target-epsilon and --mitigation, and refuses their misuse', async () => {
    const io = fakeIo(runsRoot);
    const code = await runCli(
      [
        'train',
        path.join(FIXTURES, 'loans.csv'),
        '--label',
        'approved',
        '--features',
        'age,income,hours,education,sex',
        '--sensitive',
        'sex',
        '--epochs',
        '3',
        '--backend',
        'wasm',
        '--out',
        runsRoot,
        '--dp-target-epsilon',
        '5',
        '--dp-delta',
        '1e-4',
        '--format',
        'json',
      ],
      io,
    );
    assert.equal(code, 0, io.err);
    const summary = JSON.parse(io.out) as { mitigation: { privacy: { epsilon: number } } };
    assert.ok(summary.mitigation.privacy.epsilon <= 5);
    const misuse = fakeIo(runsRoot);
    assert.equal(await runCli(['train', 'x.csv', '--label', 'y', '--text', 't', '--dp-noise', '1'], misuse), 2);
    assert.match(misuse.err, /--dp-noise needs --dp-clip/);
    const constraint = fakeIo(runsRoot);
    assert.equal(
      await runCli(['train', 'x.csv', '--label', 'y', '--text', 't', '--mitigation', 'expgrad'], constraint),
      2,
    );
    assert.match(constraint.err, /--mitigation needs --constraint/);
    const text = fakeIo(runsRoot);
    assert.equal(
      await runCli(
        [
          'train',
          path.join(FIXTURES, 'loans.csv'),
          '--label',
          'approved',
          '--features',
          'age,income,sex',
          '--sensitive',
          'sex',
          '--epochs',
          '2',
          '--backend',
          'wasm',
          '--out',
          runsRoot,
          '--mitigation',
          'regularizer',
          '--constraint',
          'equalized_odds',
          '--lambda',
          '2',
        ],
        text,
      ),
      0,
      text.err,
    );
    assert.match(text.out, /test after regularizer \(equalized_odds\): accuracy/);
  });
});
