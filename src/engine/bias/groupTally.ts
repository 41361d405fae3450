import { ColumnGroupIds } from './groupIds';
import type { RowValues } from './rowRouter';
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
  /** Keyed by the columns' group ids as one number (mixed radix), or joined when that could pass 2^53. */
  private readonly groups = new Map<number | string, GroupCounts>();
  private readonly groupIds: ColumnGroupIds[];
  /** Per column: whether `(other)` became a group only because values were pooled into it. */
  private readonly pooledIntoOther: boolean[];
  private readonly radix: number;
  private readonly numericKeys: boolean;
  private readonly ids: number[];

  /** `binEdges[k]`: column k's bin edges, when its numbers are binned. */
  constructor(
    readonly columns: readonly string[],
    binEdges: ReadonlyArray<readonly number[] | undefined>,
    private readonly maxGroupsPerColumn: number,
  ) {
    this.groupIds = columns.map((_, k) => new ColumnGroupIds(binEdges[k]));
    this.pooledIntoOther = columns.map(() => false);
    this.ids = columns.map(() => 0);
    // Capped ids are below maxGroupsPerColumn, or the id of `(other)`, which is at most maxGroupsPerColumn + 1.
    this.radix = maxGroupsPerColumn + 2;
    this.numericKeys = columns.length * Math.log2(this.radix) < 52;
  }

  /**
   * Adds a row whose column k holds `row.value(indexes[k])`; `labelId` is -1 for a missing label. Returns the
   * joint group's id.
   */
  add(row: RowValues, indexes: readonly number[], labelId: number, weight: number): number {
    const ids = this.ids;
    let key = 0;
    for (let k = 0; k < ids.length; k++) {
      const id = this.cappedId(k, row.value(indexes[k] ?? -1));
      ids[k] = id;
      key = key * this.radix + id;
    }
    const mapKey = this.numericKeys ? key : ids.join(',');
    let counts = this.groups.get(mapKey);
    if (!counts) {
      const values = ids.map((id, k) => this.groupIds[k]?.values[id] ?? '');
      this.groups.set(
        mapKey,
        (counts = { id: this.groups.size, values, rows: 0, weight: 0, labelledRows: 0, byLabel: [] }),
      );
    }
    counts.rows++;
    counts.weight += weight;
    if (labelId >= 0) {
      counts.labelledRows++;
      counts.byLabel[labelId] = (counts.byLabel[labelId] ?? 0) + weight;
    }
    return counts.id;
  }

  /**
   * The first `maxGroupsPerColumn` groups of a column keep their ids (ids follow first appearance); later ones
   * are pooled as `(other)`, so a free-text "nationality" cannot grow the tally without bound.
   */
  private cappedId(k: number, raw: string): number {
    const groupIds = this.groupIds[k];
    if (!groupIds) return 0;
    const id = groupIds.idOf(raw);
    if (id < this.maxGroupsPerColumn) return id;
    const known = groupIds.values.length;
    const other = groupIds.idOfGroup(OTHER);
    if (groupIds.values.length > known) this.pooledIntoOther[k] = true;
    return other;
  }

  get jointGroups(): GroupCounts[] {
    return [...this.groups.values()];
  }

  /** Whether a column reached `maxGroupsPerColumn` distinct values. */
  get pooledValues(): boolean {
    return this.groupIds.some(
      (groupIds, k) => groupIds.values.length - (this.pooledIntoOther[k] ? 1 : 0) >= this.maxGroupsPerColumn,
    );
  }
}

/** Groups of the columns at `indexes` (one for an attribute, two for an intersection), summed over the others. */
export function marginalGroups(joint: readonly GroupCounts[], indexes: readonly number[]): GroupCounts[] {
  const merged = new Map<string, GroupCounts>();
  for (const group of joint) {
    const values = indexes.map((k) => group.values[k] ?? '');
    const key = values.join('\u0001');
    let counts = merged.get(key);
    if (!counts)
      merged.set(key, (counts = { id: merged.size, values, rows: 0, weight: 0, labelledRows: 0, byLabel: [] }));
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
