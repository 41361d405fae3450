import type { AuditState } from './auditState';
import { findDuplicates } from './duplicates/duplicateFinder';
import { auditAttribute, type AttributeQuestion } from './groupMetrics';
import { marginalGroups, type GroupCounts } from './groupTally';
import { representationIssues } from './representation';
import { reweighedGroups, reweighingWeights, type ReweighingWeights } from './reweighing';
import { inferFavorable } from './sensitiveColumns';
import type { AttributeAudit, AuditResult, ReweighingSummary } from './types';
import { describeConfiguredValue, resolveConfiguredValue, type ConfiguredValueIssue } from './configuredValues';

interface LabelPlan {
  favorable: string | null;
  /** Label values audited one-vs-rest: the favourable one, or every class of a multi-class label. */
  classes: Array<{ id: number; value: string }>;
  /** The value whose rate identity terms report (for binary labels the "positive" one: 1, true, yes…). */
  termClasses: Array<{ id: number; value: string }>;
}

/** Turns the accumulated counts into the audit result. */
export function summarizeAudit(state: AuditState): AuditResult {
  const { roles, thresholds, labels } = state;
  const notes = [...roles.notes];
  const configured: ConfiguredValueIssue[] = [];
  const plan = planLabels(state, notes, configured);
  const joint = state.joint.jointGroups;
  state.privileged = resolvePrivileged(state, joint, configured);
  notes.push(...configured.map(describeConfiguredValue));
  const weighted = roles.weightColumn !== null;
  const attributes = roles.sensitive.flatMap((column, k) =>
    auditColumns(marginalGroups(joint, [k]), [column], plan, state, weighted),
  );
  const intersections = pairs(roles.sensitive.length).flatMap(([a, b]) =>
    auditColumns(
      marginalGroups(joint, [a, b]),
      [roles.sensitive[a] ?? '', roles.sensitive[b] ?? ''],
      plan,
      state,
      weighted,
    ),
  );
  const representation = roles.sensitive.flatMap((column, k) =>
    representationIssues(column, marginalGroups(joint, [k]), thresholds, state.options.reference?.[column]),
  );
  const identityTerms =
    state.terms?.finish({
      classes: plan.termClasses,
      alpha: thresholds.alpha,
      minRows: thresholds.minGroupSize,
      ratioThreshold: thresholds.disparateImpact,
    }) ?? [];
  const duplicates = findDuplicates(state.store, {
    files: state.files,
    labels: labels.values,
    // Above 1: no near pass (whole rows are compared exactly).
    similarity: roles.keyKind === 'row' ? 2 : thresholds.nearDuplicateSimilarity,
    listedRows: state.limits.listedRows,
  });
  addNotes(state, notes);
  const result: AuditResult = {
    version: 1,
    file: state.file,
    rows: state.rows,
    label: roles.label,
    favorable: plan.favorable,
    classes: labels.overflowed ? [] : [...labels.values],
    weightColumn: roles.weightColumn,
    columns: Object.fromEntries(state.columnRanges),
    sensitive: roles.sensitive,
    textColumns: roles.textColumns,
    attributes,
    intersections,
    representation,
    identityTerms,
    proxies: state.proxies.finish(joint, roles.sensitive, thresholds.proxyCramersV, thresholds.alpha),
    duplicates: {
      keyColumns: roles.keyColumns,
      keyKind: roles.keyKind,
      ...duplicates,
      truncated: state.store.truncated,
      comparedWith: state.files.slice(1),
    },
    suggestions: roles.suggestions,
    labelCandidates: roles.labelCandidates,
    directIdentifiers: roles.directIdentifiers,
    notes,
    thresholds,
    configuredValues: configured,
  };
  const reweighing = reweighingSummary(state, joint, plan);
  if (reweighing) result.reweighing = reweighing;
  return result;
}

function planLabels(state: AuditState, notes: string[], configured: ConfiguredValueIssue[]): LabelPlan {
  const { labels, options } = state;
  const none: LabelPlan = { favorable: null, classes: [], termClasses: [] };
  if (state.roles.label === null || labels.values.length === 0) return none;
  if (labels.overflowed) {
    notes.push(
      `label '${state.roles.label}' has more than ${state.limits.maxLabelValues} values (not categorical): label metrics skipped`,
    );
    return none;
  }
  const all = labels.values.map((value, id) => ({ id, value }));
  let favorable = options.favorable;
  if (favorable !== undefined) {
    const resolved = resolveConfiguredValue('favorable', state.roles.label, favorable, labels.values);
    if (resolved.issue) configured.push(resolved.issue);
    if (resolved.value === undefined) return none;
    favorable = resolved.value;
  }
  if (favorable === undefined && labels.values.length === 2) {
    favorable = inferFavorable(labels.values) ?? [...labels.values].sort().at(-1);
    notes.push(
      `favourable value of '${state.roles.label}' assumed to be '${favorable}' (set --favorable or dataset.favorable)`,
    );
  }
  if (favorable === undefined) return { favorable: null, classes: all, termClasses: all };
  const id = labels.find(favorable) ?? -1;
  const positive = labels.values.length === 2 ? (inferFavorable(labels.values) ?? favorable) : favorable;
  return {
    favorable,
    classes: [{ id, value: favorable }],
    termClasses: [{ id: labels.find(positive) ?? id, value: positive }],
  };
}

/** Each sensitive column's privileged value as the data spells it; columns whose value is absent get none. */
function resolvePrivileged(
  state: AuditState,
  joint: GroupCounts[],
  configured: ConfiguredValueIssue[],
): Record<string, string> {
  const resolved: Record<string, string> = {};
  for (const [column, value] of Object.entries(state.options.privileged ?? {})) {
    const k = state.roles.sensitive.indexOf(column);
    if (k < 0) continue;
    const values = marginalGroups(joint, [k]).map((group) => group.values[0] ?? '');
    const found = resolveConfiguredValue('privileged', column, value, values);
    if (found.issue) configured.push(found.issue);
    if (found.value !== undefined) resolved[column] = found.value;
  }
  return resolved;
}

function auditColumns(
  groups: GroupCounts[],
  columns: string[],
  plan: LabelPlan,
  state: AuditState,
  weighted: boolean,
): AttributeAudit[] {
  const privileged = columns.length === 1 ? state.privileged?.[columns[0] ?? ''] : undefined;
  return plan.classes.map(({ id, value }) => {
    const question: AttributeQuestion = {
      columns,
      favorableId: id,
      favorable: value,
      thresholds: state.thresholds,
      weighted,
    };
    if (privileged !== undefined) question.privileged = privileged;
    return auditAttribute(groups, question);
  });
}

function pairs(count: number): Array<[number, number]> {
  const result: Array<[number, number]> = [];
  for (let a = 0; a < count; a++) for (let b = a + 1; b < count; b++) result.push([a, b]);
  return result;
}

function reweighingSummary(state: AuditState, joint: GroupCounts[], plan: LabelPlan): ReweighingSummary | undefined {
  const { roles, labels } = state;
  if (roles.label === null || roles.sensitive.length === 0 || plan.classes.length === 0) return undefined;
  const bins: Record<string, number[]> = {};
  for (const column of roles.sensitive) {
    const edges = roles.binEdges.get(column);
    if (edges) bins[column] = edges;
  }
  const weights: ReweighingWeights = reweighingWeights(joint, labels.values, {
    columns: roles.sensitive,
    label: roles.label,
    bins,
    weightColumn: roles.weightColumn,
  });
  const after = reweighedGroups(joint, labels.values, weights);
  return {
    ...weights,
    after: roles.sensitive.flatMap((column, k) =>
      auditColumns(marginalGroups(after, [k]), [column], plan, state, true),
    ),
  };
}

function addNotes(state: AuditState, notes: string[]): void {
  if (state.invalidWeights > 0)
    notes.push(`${state.invalidWeights} rows have a weight that is not a non-negative number: weight 1 used`);
  if (state.joint.pooledValues)
    notes.push(
      `a sensitive column has more than ${state.limits.maxGroupsPerColumn} values: the rest are pooled as (other)`,
    );
  const skipped = state.proxies.skippedColumns;
  if (skipped.length > 0)
    notes.push(
      `proxy check skipped for columns with more than ${state.limits.maxProxyValues} values: ${skipped.join(', ')}`,
    );
  if (state.store.truncated) notes.push(`duplicate detection stopped after ${state.limits.duplicateRows} rows`);
  if (state.roles.textColumns.length === 0)
    notes.push(
      state.roles.keyColumns.length > 0
        ? 'no free-text column: identity terms skipped; duplicates are exact repeats of whole rows'
        : 'no free-text column and fewer than three feature columns: identity terms, duplicates and leakage skipped',
    );
}
