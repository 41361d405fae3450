import type { AttributeAudit, AuditResult } from '../../bias';
import type { Finding } from '../../../shared/findings';
import { DEFAULT_TOLERANCE, fmt, type DisparityChange, type Regression } from './runDiff';

/** One file's findings and audit in one tree, by its path relative to the tree's root. */
export interface TreeScan {
  findings: Finding[];
  audits: Record<string, AuditResult>;
}

export interface NewFinding {
  file: string;
  line: number;
  code: string;
  message: string;
}

export interface TreeDiff {
  newFindings: NewFinding[];
  /** Findings at the base that are gone. */
  resolved: number;
  byCode: Record<string, { before: number; after: number }>;
  disparities: DisparityChange[];
  regressions: Regression[];
}

const REGRESSING_FAMILIES: ReadonlyArray<[prefix: string, kind: Regression['kind']]> = [
  ['pii/', 'pii'],
  ['secret/', 'secret'],
];

/**
 * The working tree against a base: findings new since the base (by fingerprint: code, file and what was found,
 * never the position, so moved rows are not new), and each dataset's label-rate disparities. New PII or
 * secrets, new disparities and disparities that got worse are regressions.
 */
export function diffTrees(base: TreeScan, head: TreeScan, tolerance = DEFAULT_TOLERANCE): TreeDiff {
  const key = (finding: Finding) => finding.data?.fingerprint ?? `${finding.file}\0${finding.code}\0${finding.message}`;
  const before = new Set(base.findings.map(key));
  const after = new Set(head.findings.map(key));
  const fresh = head.findings.filter((finding) => !before.has(key(finding)));
  const byCode: TreeDiff['byCode'] = {};
  for (const finding of base.findings) (byCode[finding.code] ??= { before: 0, after: 0 }).before++;
  for (const finding of head.findings) (byCode[finding.code] ??= { before: 0, after: 0 }).after++;
  const regressions: Regression[] = [];
  for (const [prefix, kind] of REGRESSING_FAMILIES) {
    const added = fresh.filter((finding) => finding.code.startsWith(prefix));
    const files = [...new Set(added.map((finding) => finding.file))];
    if (added.length)
      regressions.push({
        kind,
        message: `${added.length} new ${prefix.slice(0, -1)} finding${added.length === 1 ? '' : 's'} in ${files.join(', ')}`,
      });
  }
  const disparities = Object.entries(head.audits).flatMap(([file, audit]) =>
    auditChanges(file, base.audits[file], audit, tolerance),
  );
  for (const change of disparities) {
    if (change.afterVerdict === 'disparity' && change.beforeVerdict !== 'disparity')
      regressions.push({
        kind: 'new-disparity',
        message: `${change.column}: ${change.metric} ${fmt(change.before)} → ${fmt(change.after)}, now a disparity`,
      });
    else if (change.worse && change.afterVerdict === 'disparity')
      regressions.push({
        kind: 'worse-disparity',
        message: `${change.column}: ${change.metric} ${fmt(change.before)} → ${fmt(change.after)}, worse`,
      });
  }
  return {
    newFindings: fresh.map((finding) => ({
      file: finding.file,
      line: finding.range.start.line + 1,
      code: finding.code,
      message: finding.message,
    })),
    resolved: base.findings.filter((finding) => !after.has(key(finding))).length,
    byCode: Object.fromEntries(Object.entries(byCode).sort(([x], [y]) => x.localeCompare(y))),
    disparities,
    regressions,
  };
}

/** Label-rate disparities of one dataset: the demographic parity ratio per attribute (and disparate impact with a privileged group). */
function auditChanges(
  file: string,
  base: AuditResult | undefined,
  head: AuditResult,
  tolerance: number,
): DisparityChange[] {
  return [...head.attributes, ...head.intersections].flatMap((attribute) => {
    const previous = base
      ? [...base.attributes, ...base.intersections].find(
          (candidate) => candidate.column === attribute.column && candidate.favorable === attribute.favorable,
        )
      : undefined;
    const change = (
      metric: 'demographicParityRatio' | 'disparateImpact',
      read: (audit: AttributeAudit) => number | null | undefined,
    ): DisparityChange => {
      const before = previous ? (read(previous) ?? null) : null;
      const after = read(attribute) ?? null;
      const worse = before !== null && after !== null && Math.abs(1 - after) - Math.abs(1 - before) > tolerance;
      return {
        column: `${file}: ${attribute.column}`,
        metric,
        before,
        after,
        beforeVerdict: previous?.verdict ?? 'absent',
        afterVerdict: attribute.verdict,
        worse,
      };
    };
    const changes = [change('demographicParityRatio', (audit) => audit.demographicParityRatio)];
    if (attribute.privileged !== undefined) changes.push(change('disparateImpact', (audit) => audit.disparateImpact));
    return changes;
  });
}
