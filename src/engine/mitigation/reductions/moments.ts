/**
 * Fairlearn's classification moments (`fairlearn/reductions/_moments/utility_parity.py`, `error_rate.py`), ported
 * for the reductions: a constraint is a vector γ(h) of per-(event, group) violations with a bound, and the
 * Lagrange multipliers λ turn it into per-example costs ("signed weights") for the next refit of the learner.
 * Difference constraints only (ratio 1), as Fairlearn's default `difference_bound`.
 */

export const REDUCTION_CONSTRAINTS = [
  'demographic_parity',
  'equalized_odds',
  'error_rate_parity',
  'true_positive_rate_parity',
  'false_positive_rate_parity',
] as const;
export type ReductionConstraint = (typeof REDUCTION_CONSTRAINTS)[number];

/** One component of γ: the sign of the violation and the (event, group) it is about. */
export interface ConstraintKey {
  sign: '+' | '-';
  event: string;
  group: string;
}

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * UtilityParity with ratio 1: γ(+, e, g) = E[u(h) | e, g] − E[u(h) | e] and γ(−, e, g) = −γ(+, e, g), where u(h) = h
 * (ErrorRateParity: u = |h − y|) and the events are: all rows (demographic parity, error-rate parity), each label
 * (equalized odds), y = 1 (TPR parity), y = 0 (FPR parity).
 */
export class ParityConstraint {
  readonly keys: ConstraintKey[];
  readonly n: number;
  /** Event of each row, or undefined when the row is in no event (TPR/FPR parity). */
  private readonly events: Array<string | undefined>;
  private readonly probEvent = new Map<string, number>();
  private readonly probGroupEvent = new Map<string, number>();
  /** utility(h = 1) − utility(h = 0) and utility(h = 0), per row. */
  private readonly utilityDiff: Float64Array;
  private readonly utility0: Float64Array;

  constructor(
    readonly kind: ReductionConstraint,
    readonly labels: Uint8Array,
    readonly groups: readonly string[],
    /** Fairlearn's `difference_bound` (default 0.01). */
    readonly differenceBound = 0.01,
  ) {
    this.n = labels.length;
    this.events = Array.from(labels, (y) => eventOf(kind, y));
    const eventCounts = new Map<string, number>();
    const pairCounts = new Map<string, number>();
    this.events.forEach((event, i) => {
      if (event === undefined) return;
      eventCounts.set(event, (eventCounts.get(event) ?? 0) + 1);
      const pair = pairKey(event, groups[i]!);
      pairCounts.set(pair, (pairCounts.get(pair) ?? 0) + 1);
    });
    for (const [event, count] of eventCounts) this.probEvent.set(event, count / this.n);
    for (const [pair, count] of pairCounts) this.probGroupEvent.set(pair, count / this.n);
    // pandas groupby([event, group]) order: events sorted, then groups sorted; all '+' keys, then all '−'.
    const pairs = [...pairCounts.keys()]
      .map(splitPair)
      .sort((a, b) => compare(a.event, b.event) || compare(a.group, b.group));
    this.keys = [
      ...pairs.map((p) => ({ sign: '+' as const, ...p })),
      ...pairs.map((p) => ({ sign: '-' as const, ...p })),
    ];
    const errorParity = kind === 'error_rate_parity';
    this.utility0 = Float64Array.from(labels, (y) => (errorParity ? y : 0));
    this.utilityDiff = Float64Array.from(labels, (y) => (errorParity ? 1 - 2 * y : 1));
  }

  bound(): Float64Array {
    return new Float64Array(this.keys.length).fill(this.differenceBound);
  }

  /** γ of a 0/1 prediction on the training rows: −Uᵀ·u(h) / n. */
  gamma(predictions: ArrayLike<number>): Float64Array {
    const sums = new Map<string, number>(); // Σ u over the rows of each event and of each (event, group)
    for (let i = 0; i < this.n; i++) {
      const event = this.events[i];
      if (event === undefined) continue;
      const utility = this.utilityDiff[i]! * predictions[i]! + this.utility0[i]!;
      sums.set(event, (sums.get(event) ?? 0) + utility);
      const pair = pairKey(event, this.groups[i]!);
      sums.set(pair, (sums.get(pair) ?? 0) + utility);
    }
    return Float64Array.from(this.keys, ({ sign, event, group }) => {
      const pair = pairKey(event, group);
      const eventMean = (sums.get(event) ?? 0) / this.probEvent.get(event)!;
      const groupMean = (sums.get(pair) ?? 0) / this.probGroupEvent.get(pair)!;
      const plus = -(eventMean - groupMean) / this.n;
      return sign === '+' ? plus : -plus;
    });
  }

  /** Fairlearn's `signed_weights`: utility_diff · U·λ, the cost of predicting 1 on each row. */
  signedWeights(lambda: Float64Array): Float64Array {
    const net = new Map<string, number>(); // λ(+, e, g) − λ(−, e, g)
    this.keys.forEach(({ sign, event, group }, k) => {
      const pair = pairKey(event, group);
      net.set(pair, (net.get(pair) ?? 0) + (sign === '+' ? lambda[k]! : -lambda[k]!));
    });
    const perEvent = new Map<string, number>();
    for (const [pair, value] of net) {
      const { event } = splitPair(pair);
      perEvent.set(event, (perEvent.get(event) ?? 0) + value);
    }
    return Float64Array.from({ length: this.n }, (_, i) => {
      const event = this.events[i];
      if (event === undefined) return 0;
      const pair = pairKey(event, this.groups[i]!);
      const u =
        (perEvent.get(event) ?? 0) / this.probEvent.get(event)! - (net.get(pair) ?? 0) / this.probGroupEvent.get(pair)!;
      return this.utilityDiff[i]! * u;
    });
  }

  /** λ projected so that λ(+) and λ(−) of one (e, g) are never both positive. */
  projectLambda(lambda: Float64Array): Float64Array {
    const half = this.keys.length / 2;
    const out = new Float64Array(this.keys.length);
    for (let k = 0; k < half; k++) {
      const difference = lambda[k]! - lambda[k + half]!;
      out[k] = Math.max(difference, 0);
      out[k + half] = Math.max(-difference, 0);
    }
    return out;
  }
}

function eventOf(kind: ReductionConstraint, y: number): string | undefined {
  switch (kind) {
    case 'demographic_parity':
    case 'error_rate_parity':
      return 'all';
    case 'equalized_odds':
      return `label=${y}`;
    case 'true_positive_rate_parity':
      return y === 1 ? 'label=1' : undefined;
    case 'false_positive_rate_parity':
      return y === 0 ? 'label=0' : undefined;
  }
}

const SEPARATOR = '\u0000';
const pairKey = (event: string, group: string) => `${event}${SEPARATOR}${group}`;
function splitPair(pair: string): { event: string; group: string } {
  const at = pair.indexOf(SEPARATOR);
  return { event: pair.slice(0, at), group: pair.slice(at + 1) };
}

/** Fairlearn's ErrorRate objective with unit costs: γ = Σ |y − h| / n; signed weights 2y − 1. */
export class ErrorRateObjective {
  constructor(readonly labels: Uint8Array) {}

  error(predictions: ArrayLike<number>): number {
    let total = 0;
    for (let i = 0; i < this.labels.length; i++) total += Math.abs(this.labels[i]! - predictions[i]!);
    return total / this.labels.length;
  }

  signedWeights(): Float64Array {
    return Float64Array.from(this.labels, (y) => -1 + 2 * y);
  }
}
