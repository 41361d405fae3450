/**
 * Groups of examples defined by one or more sensitive columns, named the way `rml fairness` prints them:
 * the column values joined with "," in column order (`F,black`).
 */

/** Separator between column values in a group name. */
export const GROUP_SEPARATOR = ',';

export interface SensitiveGroups {
  /** Sensitive column names, in the order their values appear in a group name. */
  columns: string[];
  /** Group names, sorted by their values column by column (as pandas `groupby` sorts). */
  names: string[];
  /** `values[g]`: the column values of group `g`, in `columns` order. */
  values: string[][];
  /** `groupOf[i]`: the index in `names` of example `i`'s group. */
  groupOf: Uint32Array;
  /** Number of examples in each group. */
  sizes: number[];
}

function compareTuples(a: readonly string[], b: readonly string[]): number {
  for (let k = 0; k < a.length; k++) {
    const x = a[k] ?? '';
    const y = b[k] ?? '';
    if (x !== y) return x < y ? -1 : 1;
  }
  return 0;
}

/** Throws unless there is at least one column and every column has `length` values. */
function checkColumns(features: Record<string, readonly string[]>, length: number): string[] {
  const columns = Object.keys(features);
  if (columns.length === 0) throw new Error('at least one sensitive feature is required');
  for (const column of columns) {
    const size = features[column]?.length ?? 0;
    if (size !== length) throw new Error(`sensitive feature '${column}' has ${size} values but y_true has ${length}`);
  }
  return columns;
}

/**
 * Only combinations that occur become groups: Fairlearn also lists unobserved intersections, with NaN
 * metrics that its min/max/difference skip, so the disparities agree.
 */
export function sensitiveGroups(features: Record<string, readonly string[]>, length: number): SensitiveGroups {
  const columns = checkColumns(features, length);
  const seen = new Map<string, number>();
  const firstSeen: string[][] = [];
  const provisional = new Uint32Array(length);
  for (let i = 0; i < length; i++) {
    const tuple = columns.map((column) => features[column]?.[i] ?? '');
    const key = JSON.stringify(tuple);
    let id = seen.get(key);
    if (id === undefined) {
      id = firstSeen.push(tuple) - 1;
      seen.set(key, id);
    }
    provisional[i] = id;
  }
  const order = firstSeen.map((_, id) => id).sort((a, b) => compareTuples(firstSeen[a] ?? [], firstSeen[b] ?? []));
  const finalOf = new Uint32Array(order.length);
  order.forEach((id, g) => (finalOf[id] = g));
  const values = order.map((id) => firstSeen[id] ?? []);
  const names = values.map((tuple) => tuple.join(GROUP_SEPARATOR));
  checkDistinctNames(names, values);
  const groupOf = provisional.map((id) => finalOf[id] ?? 0);
  const sizes: number[] = new Array<number>(values.length).fill(0);
  for (const g of groupOf) sizes[g] = (sizes[g] ?? 0) + 1;
  return { columns, names, values, groupOf, sizes };
}

/** Values containing the separator could make two groups print the same: refuse rather than merge them. */
function checkDistinctNames(names: readonly string[], values: readonly string[][]): void {
  const firstWith = new Map<string, number>();
  names.forEach((name, g) => {
    const other = firstWith.get(name);
    if (other !== undefined) {
      throw new Error(
        `groups ${JSON.stringify(values[other])} and ${JSON.stringify(values[g])} would both be named '${name}': ` +
          `a sensitive value contains '${GROUP_SEPARATOR}'`,
      );
    }
    firstWith.set(name, g);
  });
}
