/**
 * AIF360's privileged / unprivileged split. AIF360 takes `privileged_groups` as a list of dicts: a dict is a
 * conjunction of attribute = value, the list a disjunction. Ours is a flat list of column = value assignments:
 * values given for the same column are alternatives (OR), different columns must all match (AND) — so
 * `sex=M, race=white, race=asian` is AIF360's `[{sex: M, race: white}, {sex: M, race: asian}]`.
 * Unprivileged is every other example (AIF360 with `unprivileged_groups` set to the complement).
 */
import type { PrivilegedAssignment } from '../../shared/training';
import type { SensitiveGroups } from './groups';

export type { PrivilegedAssignment } from '../../shared/training';

/** Allowed values per column, after checking each assignment names a sensitive column and a value that occurs. */
function allowedValues(groups: SensitiveGroups, privileged: readonly PrivilegedAssignment[]): Map<number, Set<string>> {
  const allowed = new Map<number, Set<string>>();
  for (const { column, value } of privileged) {
    const k = groups.columns.indexOf(column);
    if (k < 0) {
      throw new Error(`privileged column '${column}' is not a sensitive column (${groups.columns.join(', ')})`);
    }
    if (!groups.values.some((tuple) => tuple[k] === value)) {
      throw new Error(`privileged value '${value}' does not occur in column '${column}'`);
    }
    const values = allowed.get(k) ?? new Set<string>();
    values.add(value);
    allowed.set(k, values);
  }
  return allowed;
}

/**
 * `mask[g]` is true when group g is privileged. Throws when the assignments leave either side empty,
 * since every AIF360 metric compares the two.
 */
export function privilegedGroupMask(groups: SensitiveGroups, privileged: readonly PrivilegedAssignment[]): boolean[] {
  if (privileged.length === 0) throw new Error('at least one privileged column=value is required');
  const allowed = allowedValues(groups, privileged);
  const mask = groups.values.map((tuple) => [...allowed].every(([k, values]) => values.has(tuple[k] ?? '')));
  const described = privileged.map(({ column, value }) => `${column}=${value}`).join(', ');
  if (!mask.some(Boolean)) throw new Error(`no example is privileged (${described})`);
  if (mask.every(Boolean))
    throw new Error(`every example is privileged (${described}): no unprivileged group to compare`);
  return mask;
}
