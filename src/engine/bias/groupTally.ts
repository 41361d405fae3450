import { OTHER } from './values';

/** Counts of one group: rows and (weighted) labelled rows per label value. */
export interface GroupCounts {
  /** Joint groups: a small id, in order of first appearance. */
  id: number;
  values: string[];
  /** Rows (unweighted). */
  rows: number;
  /** Sum of weights (rows when unweighted). */
  weight: number;
  /** Labelled rows (unweighted): what "too small to judge" compares with the minimum. */
  labelledRows: number;
  /** Sum of weights per label id. */
  byLabel: number[];
}

/** Label values seen, as small ids; past `max` values the label is not categorical and ids stop being handed out. */
export class LabelValues {
  readonly values: string[] = [];
  private readonly ids = new Map<string, number>();
  overflowed = false;

  constructor(private readonly max: number) {}

  /** The id of `value`, or -1 once the label has more than `max` distinct values. */
  idOf(value: string): number {
    const known = this.ids.get(value);
    if (known !== undefined) return known;
    if (this.values.length >= this.max) {
      this.overflowed = true;
      return -1;
    }
    this.ids.set(value, this.values.length);
    return this.values.push(value) - 1;
  }

  find(value: string): number | undefined {
    return this.ids.get(value);
  }
}

/**
 * Rows counted per joint group of all sensitive columns (sex × race × …) and label. Single attributes and
 * intersections are marginals of it, and reweighing works on it, so one map lookup per row feeds them all.
 * Memory: one entry per combination that occurs; each column keeps at most `maxGroupsPerColumn` values.
 */
export class JointGroupTally {
  private readonly groups = new Map<string, GroupCounts>();
  private readonly seenPerColumn: Array<Set<string>>;

  constructor(readonly columns: readonly string[], private readonly maxGroupsPerColumn: number) {
    this.seenPerColumn = columns.map(() => new Set<string>());
  }

  /**
   * `values` are already binned, one per column (a scratch array: copied when the group is new); `labelId` is -1
   * for a missing label. Returns the joint group's id.
   */
  add(values: string[], labelId: number, weight: number): number {
    for (let k = 0; k < values.length; k++) values[k] = this.capped(k, values[k] ?? '');
    const key = values.length === 1 ? (values[0] ?? '') : values.join('\u0001');
    let counts = this.groups.get(key);
    if (!counts) this.groups.set(key, (counts = { id: this.groups.size, values: [...values], rows: 0, weight: 0, labelledRows: 0, byLabel: [] }));
    counts.rows++;
    counts.weight += weight;
    if (labelId >= 0) {
      counts.labelledRows++;
      counts.byLabel[labelId] = (counts.byLabel[labelId] ?? 0) + weight;
    }
    return counts.id;
  }

  /** Values past the per-column cap are pooled, so a free-text "nationality" cannot grow the tally without bound. */
  private capped(k: number, value: string): string {
    const seen = this.seenPerColumn[k];
    if (!seen || seen.has(value)) return value;
    if (seen.size >= this.maxGroupsPerColumn) return OTHER;
    seen.add(value);
    return value;
  }

  get jointGroups(): GroupCounts[] {
    return [...this.groups.values()];
  }

  get pooledValues(): boolean {
    return this.seenPerColumn.some((seen) => seen.size >= this.maxGroupsPerColumn);
  }
}

/** Groups of the columns at `indexes` (one for an attribute, two for an intersection), summed over the others. */
export function marginalGroups(joint: readonly GroupCounts[], indexes: readonly number[]): GroupCounts[] {
  const merged = new Map<string, GroupCounts>();
  for (const group of joint) {
    const values = indexes.map((k) => group.values[k] ?? '');
    const key = values.join('\u0001');
    let counts = merged.get(key);
    if (!counts) merged.set(key, (counts = { id: merged.size, values, rows: 0, weight: 0, labelledRows: 0, byLabel: [] }));
    counts.rows += group.rows;
    counts.weight += group.weight;
    counts.labelledRows += group.labelledRows;
    group.byLabel.forEach((value, id) => (counts.byLabel[id] = (counts.byLabel[id] ?? 0) + (value ?? 0)));
  }
  return [...merged.values()].sort((a, b) => compareValues(a.values, b.values));
}

/** Sorted as Fairlearn sorts groups, with the pooled `(missing)`/`(other)` groups last. */
function compareValues(a: readonly string[], b: readonly string[]): number {
  for (let k = 0; k < a.length; k++) {
    const x = a[k] ?? '';
    const y = b[k] ?? '';
    if (x === y) continue;
    const xPooled = x.startsWith('(');
    const yPooled = y.startsWith('(');
    if (xPooled !== yPooled) return xPooled ? 1 : -1;
    return x < y ? -1 : 1;
  }
  return 0;
}
