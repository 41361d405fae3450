/**
 * Privacy audits of a trained model.
 * - The loss-threshold membership-inference attack (Yeom, Giacomelli, Fredrikson, Jha 2018), as TF Privacy's
 *   `membership_inference_attack` THRESHOLD_ATTACK: members score −loss (a training example tends to have a lower
 *   loss than an unseen one); AUC is the Mann–Whitney statistic with ties counted ½; the attacker's advantage is
 *   max |TPR − FPR| over all thresholds (Yeom et al.'s membership advantage).
 * - Canary exposure (Carlini, Liu, Erlingsson, Kos, Song 2019, "The Secret Sharer"), by interpolation as TF Privacy's
 *   `secret_sharer/exposures.py::compute_exposure_interpolation`.
 */

export interface MembershipResult {
  /** P(a random member scores above a random non-member), ties ½; 0.5 = the attack learns nothing. */
  auc: number;
  /** max over thresholds of |TPR − FPR| (0 = no advantage, 1 = perfect separation). */
  advantage: number;
  /** The loss threshold at which the advantage is reached: "member" when loss ≤ threshold. */
  threshold: number;
  members: number;
  nonMembers: number;
}

function checkLosses(losses: ArrayLike<number>, what: string): void {
  if (losses.length === 0) throw new RangeError(`no ${what} losses`);
  for (let i = 0; i < losses.length; i++) {
    if (!Number.isFinite(losses[i]!))
      throw new RangeError(`${what} loss ${i + 1} is not a finite number (${losses[i]})`);
  }
}

/**
 * The attack on per-example losses of training rows (members) and held-out rows (non-members).
 * O(n log n): one sort of all losses, then one pass over the distinct values.
 */
export function lossThresholdAttack(
  memberLosses: ArrayLike<number>,
  nonMemberLosses: ArrayLike<number>,
): MembershipResult {
  checkLosses(memberLosses, 'member');
  checkLosses(nonMemberLosses, 'non-member');
  const m = memberLosses.length;
  const n = nonMemberLosses.length;
  // Ascending loss = descending member score (−loss).
  const all = new Float64Array(m + n);
  for (let i = 0; i < m; i++) all[i] = memberLosses[i]!;
  for (let j = 0; j < n; j++) all[m + j] = nonMemberLosses[j]!;
  const order = Uint32Array.from({ length: m + n }, (_, k) => k).sort((a, b) => all[a]! - all[b]!);
  let membersBelow = 0; // members with a strictly smaller loss than the current block
  let nonMembersBelow = 0;
  let concordant = 0; // Σ over non-members of members ranked above them, ties ½
  let advantage = 0;
  let threshold = -Infinity;
  for (let start = 0; start < order.length; ) {
    const value = all[order[start]!]!;
    let end = start;
    let blockMembers = 0;
    let blockNonMembers = 0;
    while (end < order.length && all[order[end]!] === value) {
      if (order[end]! < m) blockMembers++;
      else blockNonMembers++;
      end++;
    }
    // Non-members of this block: members with lower loss score higher (1 each), tied members ½.
    concordant += blockNonMembers * (membersBelow + blockMembers / 2);
    membersBelow += blockMembers;
    nonMembersBelow += blockNonMembers;
    // Threshold "loss ≤ value": TPR = share of members predicted members, FPR = share of non-members.
    const gap = Math.abs(membersBelow / m - nonMembersBelow / n);
    if (gap > advantage) {
      advantage = gap;
      threshold = value;
    }
    start = end;
  }
  // concordant counts pairs (member, non-member) where the member's loss is lower: the member scores higher.
  return { auc: concordant / (m * n), advantage, threshold, members: m, nonMembers: n };
}

/**
 * Exposure of each canary: log2(|R|) − log2(rank), rank = 1 + the number of reference candidates whose loss
 * (the classifier's stand-in for the language model's log-perplexity) is ≤ the canary's — on ties the reference
 * ranks first, as TF Privacy. The maximum, log2 |R|, means the canary is the model's most likely candidate.
 */
export function canaryExposure(canaryLosses: ArrayLike<number>, referenceLosses: ArrayLike<number>): number[] {
  checkLosses(canaryLosses, 'canary');
  checkLosses(referenceLosses, 'reference');
  const references = Float64Array.from(referenceLosses).sort();
  const log2References = Math.log2(references.length);
  return Array.from(canaryLosses, (loss) => log2References - Math.log2(1 + countAtMost(references, loss)));
}

/** Number of sorted values ≤ x (binary search). */
function countAtMost(sorted: Float64Array, x: number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (sorted[mid]! <= x) low = mid + 1;
    else high = mid;
  }
  return low;
}
