import { chiSquareIndependence, cramersV, mutualInformation, uncertaintyCoefficient } from '../stats';
import { ColumnGroupIds } from './groupIds';
import type { GroupCounts } from './groupTally';
import type { RowValues } from './rowRouter';
import type { ProxyStats } from './types';

interface CandidateCounts {
  groupIds: ColumnGroupIds;
  /** Rows per candidate value id, per joint sensitive group id. */
  byValue: number[][];
  skipped: boolean;
}

/**
 * Contingency tables of every candidate column against the joint sensitive groups; each sensitive column's table is
 * a marginal of it. Memory: distinct candidate values × joint groups; a column past `maxValues` distinct values
 * (free text, ids) is dropped and reported as skipped.
 */
export class ProxyTally {
  private readonly counts: CandidateCounts[];

  /** `binEdges[k]`: candidate k's bin edges, when its numbers are binned. */
  constructor(
    readonly candidates: readonly string[],
    binEdges: ReadonlyArray<readonly number[] | undefined>,
    private readonly maxValues: number,
  ) {
    this.counts = candidates.map((_, k) => ({
      groupIds: new ColumnGroupIds(binEdges[k]),
      byValue: [],
      skipped: false,
    }));
  }

  /** Counts a row whose candidate k holds `row.value(indexes[k])`; skipped columns are not read. */
  add(row: RowValues, indexes: readonly number[], jointGroup: number): void {
    for (let k = 0; k < this.counts.length; k++) {
      const counts = this.counts[k];
      if (!counts || counts.skipped) continue;
      // Ids follow first appearance, so a new value's id is the number of values seen before it.
      const id = counts.groupIds.idOf(row.value(indexes[k] ?? -1));
      let tally = counts.byValue[id];
      if (!tally) {
        if (id >= this.maxValues) {
          counts.skipped = true;
          counts.byValue = [];
          continue;
        }
        counts.byValue[id] = tally = [];
      }
      tally[jointGroup] = (tally[jointGroup] ?? 0) + 1;
    }
  }

  get skippedColumns(): string[] {
    return this.candidates.filter((_, k) => this.counts[k]?.skipped);
  }

  /** Bias-corrected Cramér's V, mutual information and a chi-square p-value for every candidate × sensitive column. */
  finish(joint: readonly GroupCounts[], sensitive: readonly string[], threshold: number, alpha: number): ProxyStats[] {
    const results: ProxyStats[] = [];
    this.candidates.forEach((column, k) => {
      const counts = this.counts[k];
      if (!counts || counts.skipped || counts.byValue.length < 2) return;
      sensitive.forEach((sensitiveColumn, s) => {
        const table = marginalTable(counts.byValue, joint, s);
        if ((table[0]?.length ?? 0) < 2) return;
        const v = cramersV(table, { biasCorrection: true });
        const { pValue } = chiSquareIndependence(table, { yatesCorrection: false });
        results.push({
          column,
          sensitive: sensitiveColumn,
          cramersV: v,
          mutualInformation: mutualInformation(table),
          uncertaintyCoefficient: uncertaintyCoefficient(table),
          pValue,
          distinctValues: counts.byValue.length,
          flagged: v >= threshold && pValue < alpha,
        });
      });
    });
    return results.sort((a, b) => b.cramersV - a.cramersV);
  }
}

/** Rows: candidate values; columns: the values of sensitive column `s`. */
function marginalTable(byValue: readonly number[][], joint: readonly GroupCounts[], s: number): number[][] {
  const columnOf = new Map<string, number>();
  const columnOfGroup = joint.map((group) => {
    const value = group.values[s] ?? '';
    let column = columnOf.get(value);
    if (column === undefined) columnOf.set(value, (column = columnOf.size));
    return column;
  });
  const indexById = new Map(joint.map((group, index) => [group.id, index]));
  return byValue.map((row) => {
    const cells = new Array<number>(columnOf.size).fill(0);
    row.forEach((count, id) => {
      const column = columnOfGroup[indexById.get(id) ?? -1];
      if (column !== undefined) cells[column] = (cells[column] ?? 0) + (count ?? 0);
    });
    return cells;
  });
}
