import { GROUP_SEPARATOR } from '../fairness';
import type { GroupCounts } from './groupTally';
import { binByEdges, groupValue, isMissing, OTHER } from './values';
import type { ReweighingWeights } from './types';

export type { ReweighingWeights } from './types';

/** Reweighing weights and what is needed to find each row's weight again (in a file or an editor document). */
/**
 * AIF360 Reweighing (Kamiran & Calders 2012): w(g, y) = n_y · n_g / (n · n_{g,y}), counts as sums of instance weights,
 * over the joint groups of every sensitive column and every label value, so each attribute and each intersection
 * has the same weighted favourable rate afterwards. Rows without a label keep weight 1.
 */
export function reweighingWeights(
  joint: readonly GroupCounts[],
  labels: readonly string[],
  setup: Omit<ReweighingWeights, 'weights'>,
): ReweighingWeights {
  const byLabel = labels.map((_, id) => joint.reduce((sum, group) => sum + (group.byLabel[id] ?? 0), 0));
  const total = byLabel.reduce((sum, value) => sum + value, 0);
  const weights: ReweighingWeights['weights'] = [];
  for (const group of joint) {
    const groupTotal = group.byLabel.reduce((sum, value) => sum + (value ?? 0), 0);
    labels.forEach((label, id) => {
      const cell = group.byLabel[id] ?? 0;
      if (cell === 0) return;
      weights.push({
        group: group.values.join(GROUP_SEPARATOR),
        values: group.values,
        label,
        weight: ((byLabel[id] ?? 0) * groupTotal) / (total * cell),
        count: cell,
      });
    });
  }
  return { ...setup, weights };
}

/** The group counts once each (group, label) cell is multiplied by its weight: what the audit reports "after". */
export function reweighedGroups(
  joint: readonly GroupCounts[],
  labels: readonly string[],
  weights: ReweighingWeights,
): GroupCounts[] {
  const lookup = weightLookup(weights);
  return joint.map((group) => {
    const byLabel = group.byLabel.map((value, id) => (value ?? 0) * (lookup(group.values, labels[id] ?? '') ?? 1));
    const unlabelled = group.weight - total(group.byLabel);
    return { ...group, byLabel, weight: unlabelled + total(byLabel) };
  });
}

function total(values: readonly (number | undefined)[]): number {
  return values.reduce<number>((sum, value) => sum + (value ?? 0), 0);
}

/** Finds w(g, y) for a row's group values and label; a value the audit pooled as `(other)` finds the pooled weight. */
export function weightLookup(
  weights: ReweighingWeights,
): (values: readonly string[], label: string) => number | undefined {
  const table = new Map(weights.weights.map((entry) => [key(entry.values, entry.label), entry.weight]));
  const known = weights.columns.map((_, k) => new Set(weights.weights.map((entry) => entry.values[k])));
  return (values, label) =>
    table.get(key(values, label)) ??
    table.get(
      key(
        values.map((value, k) => (known[k]?.has(value) ? value : OTHER)),
        label,
      ),
    );
}

function key(values: readonly string[], label: string): string {
  return `${values.join('\u0001')}\u0002${label}`;
}

/**
 * The weight of each row, given a way to read its cells by column name: the old weight (1 without a weight
 * column) times w(group, label); rows without a label or in a group the audit did not see keep the old weight.
 */
export function createRowWeigher(
  weights: ReweighingWeights,
): (cellOf: (column: string) => string | undefined) => number {
  const lookup = weightLookup(weights);
  const binners = weights.columns.map((column) => {
    const edges = weights.bins[column];
    return edges ? binByEdges(edges) : groupValue;
  });
  return (cellOf) => {
    const previous = weights.weightColumn === null ? 1 : Number(cellOf(weights.weightColumn) ?? '1');
    const base = Number.isFinite(previous) ? previous : 1;
    const label = cellOf(weights.label);
    if (label === undefined || isMissing(label)) return base;
    const values = weights.columns.map((column, k) => (binners[k] ?? groupValue)(cellOf(column) ?? ''));
    return base * (lookup(values, label.trim()) ?? 1);
  };
}
