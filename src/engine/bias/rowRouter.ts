import type { Cell, DataRecord } from '../parse';
import type { ColumnRoles } from './columnRoles';

/** A row's values by column index (`roles.columns` order); '' for a column the row lacks. */
export interface RowValues {
  value(index: number): string;
}

/**
 * Finds the cells of the columns the audit reads, per record. A regular row (CSV: every cell at its column's
 * position) is read in place; other records (JSON, ragged rows, repeated header names) are routed by column
 * name into one array reused across records.
 */
export class RowRouter implements RowValues {
  readonly label: number;
  readonly weight: number;
  readonly sensitive: number[];
  readonly candidates: number[];
  readonly text: number[];
  readonly key: number[];
  private readonly indexOf = new Map<string, number>();
  private readonly routed: Array<Cell | undefined>;
  private cells: readonly Cell[] = [];
  private regular = true;

  constructor(readonly roles: ColumnRoles) {
    roles.columns.forEach((column, index) => this.indexOf.set(column, index));
    const at = (column: string | null) => (column === null ? -1 : (this.indexOf.get(column) ?? -1));
    this.label = at(roles.label);
    this.weight = at(roles.weightColumn);
    this.sensitive = roles.sensitive.map(at);
    this.candidates = roles.proxyCandidates.map(at);
    this.text = roles.textColumns.map(at);
    this.key = roles.keyColumns.map(at);
    this.routed = new Array<Cell | undefined>(roles.columns.length);
  }

  /** Takes a record's cells; valid until the next call. */
  route(record: DataRecord): this {
    this.cells = record.cells;
    this.regular = isRegular(record.cells, this.roles.columns);
    if (!this.regular) this.routeAll();
    return this;
  }

  cell(index: number): Cell | undefined {
    if (index < 0) return undefined;
    return this.regular ? this.cells[index] : this.routed[index];
  }

  value(index: number): string {
    return this.cell(index)?.value ?? '';
  }

  /** Where a cell's position is not its column's: look every cell's column up by name. */
  private routeAll(): void {
    this.routed.fill(undefined);
    for (const cell of this.cells) {
      const index =
        this.roles.columns[cell.columnIndex] === cell.column ? cell.columnIndex : this.indexOf.get(cell.column);
      if (index !== undefined) this.routed[index] = cell;
    }
  }
}

/** Every cell sits at its column's position, so each column's cell is found by index. */
function isRegular(cells: readonly Cell[], columns: readonly string[]): boolean {
  if (cells.length > columns.length) return false;
  for (let i = 0; i < cells.length; i++) {
    const cell = cells[i];
    if (cell === undefined || cell.columnIndex !== i || cell.column !== columns[i]) return false;
  }
  return true;
}
