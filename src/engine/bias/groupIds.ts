import { groupValue, NumericBins, parseNumber } from './values';

/** Raw values remembered per column; past this, new raw values are binned each time they occur (still correct). */
const REMEMBERED_RAW_VALUES = 4096;

/**
 * One column's groups as small ids, in order of first appearance (`values[id]` is the group): raw values with
 * missing markers pooled, numbers binned when the column has bin edges. Each distinct raw value is grouped once
 * and remembered, and numbers go straight to their bin: a large file repeats a few values millions of times,
 * and grouping (trim, missing markers, number parsing) on every cell was most of the audit's per-row cost.
 */
export class ColumnGroupIds {
  readonly values: string[] = [];
  private readonly idByGroup = new Map<string, number>();
  private readonly idByRaw = new Map<string, number>();
  private readonly bins: NumericBins | undefined;
  /** Group id of each numeric bin, once a value fell in it. */
  private readonly idByBin: number[] = [];

  /** `edges`: the column's bin edges (see `binByEdges`), when it is binned. */
  constructor(edges?: readonly number[]) {
    this.bins = edges && edges.length > 0 ? new NumericBins(edges) : undefined;
  }

  /** The id of the group `raw` belongs to. */
  idOf(raw: string): number {
    if (this.bins) {
      const number = parseNumber(raw);
      if (number !== undefined) return this.idOfBin(this.bins, this.bins.binOf(number));
    }
    const known = this.idByRaw.get(raw);
    if (known !== undefined) return known;
    const id = this.idOfGroup(groupValue(raw));
    if (this.idByRaw.size < REMEMBERED_RAW_VALUES) this.idByRaw.set(raw, id);
    return id;
  }

  /** The id of an already grouped value (new groups get the next id). */
  idOfGroup(group: string): number {
    let id = this.idByGroup.get(group);
    if (id === undefined) {
      id = this.values.push(group) - 1;
      this.idByGroup.set(group, id);
    }
    return id;
  }

  private idOfBin(bins: NumericBins, bin: number): number {
    let id = this.idByBin[bin];
    if (id === undefined) this.idByBin[bin] = id = this.idOfGroup(bins.names[bin] ?? '');
    return id;
  }
}
