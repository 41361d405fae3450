/**
 * ExponentiatedGradient (Agarwal et al. 2018) with Fairlearn's defaults and rules
 * (`fairlearn/reductions/_exponentiated_gradient/exponentiated_gradient.py`): B = 1/eps, η = eta0/B with eta0 = 2,
 * ν = 0.5 · std(|h₀(X) − y|, ddof = 1) / √n, at most 50 iterations and at least 5, the LP step after each
 * iteration, η shrunk by 0.8 when the best gap stops improving, and the best iterate = the LAST one whose gap is
 * within 1e-8 of the smallest. The result is a randomized classifier: a mixture of refitted learners.
 */
import { gapOf, Lagrangian, PRECISION, type BaseLearner, type Hypothesis, type Mixture } from './lagrangian';
import { ErrorRateObjective, ParityConstraint, type ReductionConstraint } from './moments';

const ACCURACY_MUL = 0.5;
const REGRET_CHECK_START_T = 5;
const REGRET_CHECK_INCREASE_T = 1.6;
const SHRINK_REGRET = 0.8;
const SHRINK_ETA = 0.8;
const MIN_ITER = 5;

export interface ExponentiatedGradientOptions {
  constraint: ReductionConstraint;
  /** Bound on ‖λ‖₁ through B = 1/eps (default 0.01). */
  eps?: number;
  /** The constraint's allowed difference between a group and everyone (Fairlearn `difference_bound`, default 0.01). */
  differenceBound?: number;
  maxIter?: number;
  nu?: number;
  eta0?: number;
  runLinprogStep?: boolean;
}

export interface ExponentiatedGradientResult<M> {
  /** The hypotheses and their weights in the randomized classifier (weights sum to 1; zero-weight ones included). */
  hypotheses: Array<Hypothesis<M> & { weight: number }>;
  bestIteration: number;
  lastIteration: number;
  bestGap: number;
  nu: number;
  oracleCalls: number;
  /** P(predict 1) on the training rows under the mixture. */
  trainingProbabilities: Float64Array;
}

/** std with ddof = 1 (pandas `Series.std`). */
function sampleStd(values: ArrayLike<number>): number {
  const n = values.length;
  let mean = 0;
  for (let i = 0; i < n; i++) mean += values[i]!;
  mean /= n;
  let squares = 0;
  for (let i = 0; i < n; i++) squares += (values[i]! - mean) ** 2;
  return Math.sqrt(squares / (n - 1));
}

export async function exponentiatedGradient<M>(
  labels: Uint8Array,
  groups: readonly string[],
  learner: BaseLearner<M>,
  options: ExponentiatedGradientOptions,
): Promise<ExponentiatedGradientResult<M>> {
  const eps = options.eps ?? 0.01;
  if (!(eps > 0)) throw new RangeError(`eps must be > 0 (got ${eps})`);
  const maxIter = options.maxIter ?? 50;
  const B = 1 / eps;
  const constraint = new ParityConstraint(options.constraint, labels, groups, options.differenceBound ?? 0.01);
  const lagrangian = new Lagrangian(constraint, new ErrorRateObjective(labels), learner, B);
  const bound = constraint.bound();
  const theta = new Float64Array(constraint.keys.length);
  const lambdaSum = new Float64Array(constraint.keys.length);
  const qSum = new Map<number, number>();
  const gapsEG: number[] = [];
  const gaps: number[] = [];
  const qs: Mixture[] = [];
  let nu = options.nu;
  let eta = NaN;
  let lastRegretChecked = REGRET_CHECK_START_T;
  let lastGap = Infinity;
  for (let t = 0; t < maxIter; t++) {
    const expTheta = theta.map(Math.exp);
    const normaliser = 1 + expTheta.reduce((sum, value) => sum + value, 0);
    const lambda = expTheta.map((value) => (B * value) / normaliser);
    lambda.forEach((value, k) => (lambdaSum[k]! += value));
    const lambdaEG = lambdaSum.map((value) => value / (t + 1));
    const hIndex = await lagrangian.bestH(lambda);
    if (t === 0) {
      if (nu === undefined) {
        const h = lagrangian.hs[hIndex]!.predictions;
        nu =
          (ACCURACY_MUL * sampleStd(Float64Array.from(labels, (y, i) => Math.abs(h[i]! - y)))) /
          Math.sqrt(labels.length);
      }
      eta = (options.eta0 ?? 2) / B;
    }
    qSum.set(hIndex, (qSum.get(hIndex) ?? 0) + 1);
    const total = [...qSum.values()].reduce((sum, value) => sum + value, 0);
    const qEG: Mixture = new Map([...qSum].map(([index, count]) => [index, count / total]));
    const gapEG = gapOf(await lagrangian.evalGap(qEG, lambdaEG, nu!));
    gapsEG.push(gapEG);
    let gapLP = Infinity;
    let qLP: Mixture | undefined;
    if (t > 0 && (options.runLinprogStep ?? true)) {
      const solved = await lagrangian.solveLinprog(nu!);
      qLP = solved.q;
      gapLP = gapOf(solved.gap);
    }
    if (gapEG < gapLP || qLP === undefined) {
      qs.push(qEG);
      gaps.push(gapEG);
    } else {
      qs.push(qLP);
      gaps.push(gapLP);
    }
    if (gaps[t]! < nu! && t >= MIN_ITER) break;
    if (t >= lastRegretChecked * REGRET_CHECK_INCREASE_T) {
      const bestGap = Math.min(...gapsEG);
      if (bestGap > lastGap * SHRINK_REGRET) eta *= SHRINK_ETA;
      lastRegretChecked = t;
      lastGap = bestGap;
    }
    const gamma = lagrangian.hs[hIndex]!.gamma;
    for (let k = 0; k < theta.length; k++) theta[k]! += eta * (gamma[k]! - bound[k]!);
  }
  const minimum = Math.min(...gaps);
  let bestIteration = 0;
  gaps.forEach((gap, t) => {
    if (gap <= minimum + PRECISION) bestIteration = t;
  });
  const weights = qs[bestIteration]!;
  const hypotheses = lagrangian.hs.map((h, index) => ({ ...h, weight: weights.get(index) ?? 0 }));
  const trainingProbabilities = new Float64Array(labels.length);
  for (const h of hypotheses)
    if (h.weight > 0) h.predictions.forEach((p, i) => (trainingProbabilities[i]! += h.weight * p));
  return {
    hypotheses,
    bestIteration,
    lastIteration: qs.length - 1,
    bestGap: gaps[bestIteration]!,
    nu: nu!,
    oracleCalls: lagrangian.oracleCalls,
    trainingProbabilities,
  };
}
