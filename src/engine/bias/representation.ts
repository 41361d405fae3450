import { chiSquareSurvival } from '../stats';
import type { GroupCounts } from './groupTally';
import type { AuditThresholds, RepresentationIssue } from './types';
import { MISSING, OTHER } from './values';

/**
 * Groups of one sensitive column that are too small a share of the rows, or well below the share a reference
 * distribution expects (a chi-square goodness-of-fit test of the referenced values must reject it too).
 * `(missing)` and `(other)` are pools, not groups: never reported.
 */
export function representationIssues(
  column: string,
  groups: readonly GroupCounts[],
  thresholds: AuditThresholds,
  reference?: Record<string, number>,
): RepresentationIssue[] {
  const total = groups.reduce((sum, group) => sum + group.weight, 0);
  if (total === 0) return [];
  const real = groups.filter((group) => group.values[0] !== MISSING && group.values[0] !== OTHER);
  const issues: RepresentationIssue[] = [];
  if (real.length >= 2) {
    for (const group of real) {
      const share = group.weight / total;
      if (share < thresholds.minGroupShare) {
        issues.push({ column, value: group.values[0] ?? '', share, count: group.weight, reason: 'below-min-share' });
      }
    }
  }
  if (reference) issues.push(...referenceIssues(column, real, total, thresholds, reference));
  return issues;
}

function referenceIssues(
  column: string,
  groups: readonly GroupCounts[],
  total: number,
  thresholds: AuditThresholds,
  reference: Record<string, number>,
): RepresentationIssue[] {
  const entries = Object.entries(reference).filter(([, share]) => share > 0);
  const observed = entries.map(([value]) => groups.find((group) => group.values[0] === value)?.weight ?? 0);
  const referencedTotal = observed.reduce((sum, count) => sum + count, 0);
  const expectedTotal = entries.reduce((sum, [, share]) => sum + share, 0);
  let statistic = 0;
  entries.forEach(([, share], k) => {
    const expected = (referencedTotal * share) / expectedTotal;
    statistic += expected > 0 ? ((observed[k] ?? 0) - expected) ** 2 / expected : 0;
  });
  const pValue = referencedTotal > 0 ? chiSquareSurvival(statistic, entries.length - 1) : null;
  if (pValue === null || pValue >= thresholds.alpha) return [];
  return entries.flatMap(([value, expectedShare], k) => {
    const count = observed[k] ?? 0;
    const share = count / total;
    if (share >= (1 - thresholds.referenceTolerance) * expectedShare) return [];
    return [
      {
        column,
        value,
        share,
        count,
        expectedShare,
        reason: count === 0 ? ('absent' as const) : ('below-reference' as const),
        pValue,
      },
    ];
  });
}
