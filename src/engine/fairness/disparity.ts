/**
 * Disparity between groups, with Fairlearn's and AIF360's conventions, shared by the dataset audit
 * (base rates of labels) and model evaluation (selection rates, TPR, FPR of predictions).
 */

/** Fairlearn `difference(method='between_groups')`: the largest absolute difference, max − min. */
export function differenceBetweenGroups(values: readonly number[]): number {
  const finite = values.filter(Number.isFinite);
  if (finite.length === 0) return NaN;
  return Math.max(...finite) - Math.min(...finite);
}

/**
 * Fairlearn `ratio(method='between_groups')`: min / max, so it is ≤ 1.
 * Both zero means no disparity (1); a zero minimum with a positive maximum is 0.
 */
export function ratioBetweenGroups(values: readonly number[]): number {
  const finite = values.filter(Number.isFinite);
  if (finite.length === 0) return NaN;
  const min = Math.min(...finite);
  const max = Math.max(...finite);
  if (max === 0) return min === 0 ? 1 : NaN;
  return min / max;
}

/** Fairlearn `difference(method='to_overall')`: the largest |group − overall|. */
export function differenceToOverall(values: readonly number[], overall: number): number {
  const finite = values.filter(Number.isFinite);
  if (finite.length === 0) return NaN;
  return Math.max(...finite.map((value) => Math.abs(value - overall)));
}

/** Fairlearn `ratio(method='to_overall')`: the smallest min(g/o, o/g). */
export function ratioToOverall(values: readonly number[], overall: number): number {
  const finite = values.filter(Number.isFinite);
  if (finite.length === 0) return NaN;
  return Math.min(...finite.map((value) => symmetricRatio(value, overall)));
}

function symmetricRatio(a: number, b: number): number {
  if (a === b) return 1;
  if (a === 0 || b === 0) return 0;
  return Math.min(a / b, b / a);
}

/** AIF360 statistical parity difference: P(fav | unprivileged) − P(fav | privileged). */
export function statisticalParityDifference(unprivilegedRate: number, privilegedRate: number): number {
  return unprivilegedRate - privilegedRate;
}

/** AIF360 disparate impact: P(fav | unprivileged) / P(fav | privileged); the four-fifths rule flags < 0.8. */
export function disparateImpact(unprivilegedRate: number, privilegedRate: number): number {
  if (privilegedRate === 0) return unprivilegedRate === 0 ? 1 : Infinity;
  return unprivilegedRate / privilegedRate;
}
