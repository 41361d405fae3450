/**
 * Evaluation speed: `evaluateClassifier` on 100k binary predictions with two sensitive columns (a fairness
 * report per column and for their intersection), without and with 1,000 bootstrap resamples.
 * Run alone with `npx tsx test/bench/evaluation.ts`; the bootstrap case takes several seconds.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';
import { uniformFloat64 } from 'pure-rand/distribution/uniformFloat64';
import { evaluateClassifier } from '../../src/engine/evaluation/evaluate';
import type { EvaluationInput } from '../../src/engine/evaluation/types';
import { fairnessReport } from '../../src/engine/fairness/report';

const EXAMPLES = 100_000;
const RESAMPLES = 1_000;
const SEXES = ['F', 'M'];
const RACES = ['asian', 'black', 'hispanic', 'other', 'white'];

/** A synthetic classifier's output: scores that lean towards the true label, a little less for one group. */
function syntheticEvaluation(n: number): EvaluationInput {
  const rng = xoroshiro128plus(2024);
  const yTrue: number[] = [];
  const probabilities: number[][] = [];
  const sex: string[] = [];
  const race: string[] = [];
  for (let i = 0; i < n; i++) {
    const s = SEXES[i % SEXES.length] ?? 'F';
    const r = RACES[Math.floor(uniformFloat64(rng) * RACES.length)] ?? 'other';
    const label = uniformFloat64(rng) < (s === 'M' ? 0.45 : 0.35) ? 1 : 0;
    const lean = s === 'F' && r === 'black' ? 0.1 : 0.25;
    const p = Math.min(0.99, Math.max(0.01, 0.5 + (label === 1 ? lean : -lean) + (uniformFloat64(rng) - 0.5) * 0.6));
    yTrue.push(label);
    probabilities.push([1 - p, p]);
    sex.push(s);
    race.push(r);
  }
  return { yTrue, probabilities, classes: ['denied', 'approved'], sensitive: { sex, race } };
}

/** Wall-clock and CPU seconds: on a shared machine the CPU time is the steadier figure. */
function timed<T>(work: () => T): { result: T; seconds: number; cpuSeconds: number } {
  const start = process.hrtime.bigint();
  const cpu = process.cpuUsage();
  const result = work();
  const used = process.cpuUsage(cpu);
  return {
    result,
    seconds: Number(process.hrtime.bigint() - start) / 1e9,
    cpuSeconds: (used.user + used.system) / 1e6,
  };
}

export async function run(): Promise<Array<Record<string, string | number>>> {
  const input = syntheticEvaluation(EXAMPLES);
  evaluateClassifier(syntheticEvaluation(1_000)); // warm-up: let the JIT compile the hot loops
  const plain = timed(() => evaluateClassifier(input));
  const boot = timed(() => evaluateClassifier({ ...input, bootstrap: { resamples: RESAMPLES, seed: 1 } }));
  const labels = input.yTrue.map(String);
  const predicted = input.probabilities.map((row) => ((row[1] ?? 0) > (row[0] ?? 0) ? '1' : '0'));
  const fairnessOnly = timed(() =>
    fairnessReport({
      yTrue: labels,
      yPred: predicted,
      sensitive: input.sensitive ?? {},
      posLabel: '1',
      bootstrap: { resamples: RESAMPLES, seed: 1 },
    }),
  );
  const row = (name: string, resamples: number, time: { seconds: number; cpuSeconds: number }) => ({
    case: name,
    examples: EXAMPLES,
    resamples,
    seconds: Number(time.seconds.toFixed(2)),
    'cpu seconds': Number(time.cpuSeconds.toFixed(2)),
    'cpu ms per resample': resamples === 0 ? '-' : Number(((time.cpuSeconds * 1000) / resamples).toFixed(2)),
  });
  const groups = Object.keys(boot.result.fairness?.intersection?.report.byGroup ?? {}).length;
  return [
    row('evaluateClassifier, 2 sensitive columns', 0, plain),
    row(`evaluateClassifier + bootstrap (${groups} intersectional groups)`, RESAMPLES, boot),
    row('fairnessReport (intersection only) + bootstrap', RESAMPLES, fairnessOnly),
  ];
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  run().then(console.table, (error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
