import {
  GROUP_SEPARATOR,
  differenceBetweenGroups,
  disparateImpact,
  ratioBetweenGroups,
  statisticalParityDifference,
} from '../fairness';
import { chiSquareIndependence, fisherExact, wilsonInterval } from '../stats';
import type { GroupCounts } from './groupTally';
import type { AttributeAudit, AuditThresholds, GroupStats, Verdict } from './types';

export interface AttributeQuestion {
  columns: string[];
  /** Label ids counted as favourable (one for a binary label or one class of a multi-class one). */
  favorableId: number;
  favorable: string;
  privileged?: string;
  thresholds: AuditThresholds;
  weighted: boolean;
}

/** JSON has no NaN or Infinity: undefined quantities are null. */
export function finiteOrNull(value: number): number | null {
  return Number.isFinite(value) ? value : null;
}

/** Base rates per group with Wilson intervals, Fairlearn's parity difference and ratio, AIF360's SPD and DI, a test, a verdict. */
export function auditAttribute(groups: readonly GroupCounts[], question: AttributeQuestion): AttributeAudit {
  const total = groups.reduce((sum, group) => sum + group.weight, 0);
  const stats = groups.map((group) => groupStats(group, question, total));
  const judged = stats.filter((group) => !group.tooSmall && group.baseRate !== null);
  // Fairlearn's figures over every labelled group, small ones included (as SPD and DI are); the verdict below
  // reads only the groups large enough to judge, and `smallGroups` says which were not.
  const labelled = stats.filter((group) => group.baseRate !== null);
  const rates = labelled.map((group) => group.baseRate ?? NaN);
  const audit: AttributeAudit = {
    column: question.columns.join(' × '),
    columns: question.columns,
    favorable: question.favorable,
    groups: stats,
    demographicParityDifference: labelled.length >= 2 ? finiteOrNull(differenceBetweenGroups(rates)) : null,
    demographicParityRatio: labelled.length >= 2 ? finiteOrNull(ratioBetweenGroups(rates)) : null,
    smallGroups: stats.filter((group) => group.tooSmall && group.labelled > 0).map((group) => group.value),
    pValue: null,
    test: null,
    verdict: 'within-threshold',
    weighted: question.weighted,
  };
  if (question.privileged !== undefined) addPrivilegedMetrics(audit, groups, question.privileged);
  addTest(audit, judged, question.weighted);
  audit.verdict = verdictOf(audit, judged, question);
  return audit;
}

function groupStats(group: GroupCounts, question: AttributeQuestion, total: number): GroupStats {
  const labelled = group.byLabel.reduce((sum, value) => sum + (value ?? 0), 0);
  const favorable = group.byLabel[question.favorableId] ?? 0;
  const stats: GroupStats = {
    value: group.values.join(GROUP_SEPARATOR),
    count: group.weight,
    share: total > 0 ? group.weight / total : 0,
    labelled,
    favorable,
    baseRate: labelled > 0 ? favorable / labelled : null,
    ci: wilsonInterval(Math.min(favorable, labelled), labelled),
    tooSmall: group.labelledRows < question.thresholds.minGroupSize,
  };
  if (group.values.length > 1) stats.values = group.values;
  return stats;
}

/** AIF360 semantics: unprivileged is every row outside the privileged group, pooled. */
function addPrivilegedMetrics(audit: AttributeAudit, groups: readonly GroupCounts[], privileged: string): void {
  audit.privileged = privileged;
  const privilegedStats = audit.groups.find((group) => group.value === privileged);
  const others = audit.groups.filter((group) => group.value !== privileged);
  const otherLabelled = others.reduce((sum, group) => sum + group.labelled, 0);
  const otherFavorable = others.reduce((sum, group) => sum + group.favorable, 0);
  const privilegedRate = privilegedStats?.baseRate ?? null;
  const unprivilegedRate = otherLabelled > 0 ? otherFavorable / otherLabelled : null;
  const known = privilegedRate !== null && unprivilegedRate !== null && groups.length > 0;
  audit.statisticalParityDifference = known
    ? finiteOrNull(statisticalParityDifference(unprivilegedRate, privilegedRate))
    : null;
  audit.disparateImpact = known ? finiteOrNull(disparateImpact(unprivilegedRate, privilegedRate)) : null;
  for (const group of others) {
    group.disparateImpact =
      privilegedRate !== null && group.baseRate !== null
        ? finiteOrNull(disparateImpact(group.baseRate, privilegedRate))
        : null;
  }
}

/** Fisher's exact test for two groups with small expected counts (integer counts only), else chi-square (Yates for 2 × 2, as SciPy). */
function addTest(audit: AttributeAudit, judged: readonly GroupStats[], weighted: boolean): void {
  if (judged.length < 2) return;
  const table = judged.map((group) => [group.favorable, group.labelled - group.favorable]);
  const chi = chiSquareIndependence(table);
  const [first, second] = table;
  if (judged.length === 2 && !weighted && first && second && chi.minExpected < 5) {
    const result = fisherExact([
      [first[0] ?? 0, first[1] ?? 0],
      [second[0] ?? 0, second[1] ?? 0],
    ]);
    audit.pValue = result.pValue;
    audit.test = 'fisher-exact';
  } else {
    audit.pValue = chi.pValue;
    audit.test = 'chi-square';
  }
}

/** The ratio the four-fifths rule reads: the worst group against the privileged one, else the lowest rate over the highest. */
function worstRatio(audit: AttributeAudit, judged: readonly GroupStats[]): number | null {
  const sorted = [...judged].sort((a, b) => (a.baseRate ?? 0) - (b.baseRate ?? 0));
  const privileged = judged.find((group) => group.value === audit.privileged);
  if (audit.privileged !== undefined && privileged) {
    let worst: { ratio: number; group: GroupStats } | undefined;
    for (const group of judged) {
      if (group === privileged || group.disparateImpact == null) continue;
      const ratio = group.disparateImpact > 1 ? 1 / group.disparateImpact : group.disparateImpact;
      if (!worst || ratio < worst.ratio) worst = { ratio, group };
    }
    if (!worst) return null;
    const disadvantaged = (worst.group.disparateImpact ?? 1) < 1;
    audit.lowest = disadvantaged ? worst.group.value : privileged.value;
    audit.highest = disadvantaged ? privileged.value : worst.group.value;
    return worst.ratio;
  }
  audit.lowest = sorted[0]?.value;
  audit.highest = sorted[sorted.length - 1]?.value;
  return finiteOrNull(ratioBetweenGroups(judged.map((group) => group.baseRate ?? NaN)));
}

function verdictOf(audit: AttributeAudit, judged: readonly GroupStats[], question: AttributeQuestion): Verdict {
  if (audit.groups.every((group) => group.labelled === 0)) return 'unlabelled';
  if (judged.length < 2) return 'too-small';
  if (question.privileged !== undefined && !judged.some((group) => group.value === question.privileged))
    return 'too-small';
  const ratio = worstRatio(audit, judged);
  const ratioCrossed = ratio !== null && ratio < question.thresholds.disparateImpact;
  const judgedRates = judged.map((group) => group.baseRate ?? NaN);
  const differenceCrossed =
    (finiteOrNull(differenceBetweenGroups(judgedRates)) ?? 0) > question.thresholds.parityDifference;
  if (!ratioCrossed && !differenceCrossed) return 'within-threshold';
  return audit.pValue !== null && audit.pValue < question.thresholds.alpha ? 'disparity' : 'not-significant';
}
