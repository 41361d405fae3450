/**
 * The Lagrangian of the reductions approach (Agarwal, Beygelzimer, Dudík, Langford, Wallach 2018), as Fairlearn's
 * `_exponentiated_gradient/_lagrangian.py`: the best response of the learner (a cost-sensitive refit), the duality
 * gap, and the saddle point over the classifiers found so far (a linear program, solved by HiGHS as scipy does).
 */
import { solveLinearProgram } from './linprog';
import type { ErrorRateObjective, ParityConstraint } from './moments';

/** Fairlearn's `_PRECISION`. */
export const PRECISION = 1e-8;

/** A learner the reductions refit with per-example weights: predictions are 0/1 on the training rows. */
export interface BaseLearner<M> {
  fit(labels: Uint8Array, weights: Float64Array): Promise<M>;
  predictTraining(model: M): Promise<Uint8Array> | Uint8Array;
}

/** A classifier found by the best response; `constant` when the reduced labels had one value (Fairlearn's Dummy). */
export interface Hypothesis<M> {
  model?: M;
  constant?: 0 | 1;
  predictions: Uint8Array;
  error: number;
  gamma: Float64Array;
}

export interface GapResult {
  L: number;
  lLow: number;
  lHigh: number;
  gamma: Float64Array;
  error: number;
}

export const gapOf = (result: GapResult) => Math.max(result.L - result.lLow, result.lHigh - result.L);

/** A distribution over hypotheses: index → weight. */
export type Mixture = Map<number, number>;

export class Lagrangian<M> {
  readonly hs: Array<Hypothesis<M>> = [];
  oracleCalls = 0;
  private lastLinprog: { count: number; result: { q: Mixture; lambda: Float64Array; gap: GapResult } } | undefined;

  constructor(
    private readonly constraint: ParityConstraint,
    private readonly objective: ErrorRateObjective,
    private readonly learner: BaseLearner<M>,
    readonly B: number,
  ) {}

  private dot(a: ArrayLike<number>, b: ArrayLike<number>): number {
    let sum = 0;
    for (let k = 0; k < a.length; k++) sum += a[k]! * b[k]!;
    return sum;
  }

  /** L, L_high, γ and error of a mixture (Fairlearn `_eval`, with projected λ). */
  evaluate(q: Mixture, lambda: Float64Array): { L: number; lHigh: number; gamma: Float64Array; error: number } {
    const bound = this.constraint.bound();
    let error = 0;
    const gamma = new Float64Array(bound.length);
    for (const [index, weight] of q) {
      error += this.hs[index]!.error * weight;
      this.hs[index]!.gamma.forEach((value, k) => (gamma[k]! += value * weight));
    }
    const projected = this.constraint.projectLambda(lambda);
    let L = error;
    let maxViolation = -Infinity;
    for (let k = 0; k < bound.length; k++) {
      L += projected[k]! * (gamma[k]! - bound[k]!);
      maxViolation = Math.max(maxViolation, gamma[k]! - bound[k]!);
    }
    return { L, lHigh: maxViolation <= 0 ? error : error + this.B * maxViolation, gamma, error };
  }

  /** The duality gap of (Q, λ̂), with the best response tried at λ̂ · 1, 2, 5, 10 for L_low. */
  async evalGap(q: Mixture, lambdaHat: Float64Array, nu: number): Promise<GapResult> {
    const { L, lHigh, gamma, error } = this.evaluate(q, lambdaHat);
    const result: GapResult = { L, lLow: L, lHigh, gamma, error };
    for (const multiplier of [1, 2, 5, 10]) {
      const best = await this.bestH(lambdaHat.map((value) => value * multiplier));
      const lLow = this.evaluate(new Map([[best, 1]]), lambdaHat).L;
      if (lLow < result.lLow) result.lLow = lLow;
      if (gapOf(result) > nu + PRECISION) break;
    }
    return result;
  }

  /** Fairlearn `_call_oracle`: reduced labels 1{cost > 0}, weights |cost| scaled to sum to n. */
  private async callOracle(lambda: Float64Array): Promise<Omit<Hypothesis<M>, 'error' | 'gamma'>> {
    const objectiveWeights = this.objective.signedWeights();
    const constraintWeights = this.constraint.signedWeights(lambda);
    const n = objectiveWeights.length;
    const signed = objectiveWeights.map((w, i) => w + constraintWeights[i]!);
    const labels = Uint8Array.from(signed, (w) => (w > 0 ? 1 : 0));
    const total = signed.reduce((sum, w) => sum + Math.abs(w), 0);
    const weights = signed.map((w) => (n * Math.abs(w)) / total);
    this.oracleCalls += 1;
    if (labels.every((y) => y === labels[0])) {
      const constant = labels[0] as 0 | 1;
      return { constant, predictions: new Uint8Array(n).fill(constant) };
    }
    const model = await this.learner.fit(labels, weights);
    return { model, predictions: Uint8Array.from(await this.learner.predictTraining(model)) };
  }

  /** The best response to λ; a new hypothesis is kept only when it beats every known one by > 1e-8. */
  async bestH(lambda: Float64Array): Promise<number> {
    const found = await this.callOracle(lambda);
    const error = this.objective.error(found.predictions);
    const gamma = this.constraint.gamma(found.predictions);
    const value = error + this.dot(gamma, lambda);
    let bestIndex = -1;
    let bestValue = Infinity;
    this.hs.forEach((h, index) => {
      const v = h.error + this.dot(h.gamma, lambda);
      if (v < bestValue) {
        bestValue = v;
        bestIndex = index;
      }
    });
    if (value < bestValue - PRECISION) {
      this.hs.push({ ...found, error, gamma });
      return this.hs.length - 1;
    }
    return bestIndex;
  }

  /** The saddle point over the convex hull of the hypotheses so far: primal Q and dual λ (Fairlearn `solve_linprog`). */
  async solveLinprog(nu: number): Promise<{ q: Mixture; lambda: Float64Array; gap: GapResult }> {
    if (this.lastLinprog?.count === this.hs.length) return this.lastLinprog.result;
    const bound = this.constraint.bound();
    const m = bound.length;
    const n = this.hs.length;
    const c = [...this.hs.map((h) => h.error), this.B];
    const aUb = Array.from({ length: m }, (_, k) => [...this.hs.map((h) => h.gamma[k]! - bound[k]!), -1]);
    const primal = await solveLinearProgram({
      c,
      aUb,
      bUb: new Array(m).fill(0),
      aEq: [[...new Array(n).fill(1), 0]],
      bEq: [1],
    });
    const q: Mixture = new Map(this.hs.map((_, j) => [j, primal[j]!]));
    // The dual: max −z… written as scipy gets it: c_d = [0…0, −1], A_d = [−A_ubᵀ | A_eqᵀ], b_d = c; z free.
    const dualA = Array.from({ length: n + 1 }, (_, j) => [...aUb.map((row) => -row[j]!), j < n ? 1 : 0]);
    const bounds = Array.from({ length: m + 1 }, (_, k) => (k < m ? ([0, null] as const) : ([null, null] as const)));
    const dual = await solveLinearProgram({ c: [...new Array(m).fill(0), -1], aUb: dualA, bUb: c, bounds });
    const lambda = Float64Array.from({ length: m }, (_, k) => dual[k]!);
    const result = { q, lambda, gap: await this.evalGap(q, lambda, nu) };
    this.lastLinprog = { count: n, result };
    return result;
  }
}
