import type { Cell, DataRecord } from '../parse/types';
import type { ColumnRoles } from './columnRoles';

/**
 * Finds the cells of the columns the audit reads, per record, without a map lookup per cell when the file is
 * regular (CSV: a cell's `columnIndex` is its header position). Reuses one array across records.
 */
export class RowRouter {
  readonly label: number;
  readonly weight: number;
  readonly sensitive: number[];
  readonly candidates: number[];
  readonly text: number[];
  readonly key: number[];
  private readonly indexOf = new Map<string, number>();
  private readonly cells: Array<Cell | undefined>;

  constructor(readonly roles: ColumnRoles) {
    roles.columns.forEach((column, index) => this.indexOf.set(column, index));
    const at = (column: string | null) => (column === null ? -1 : (this.indexOf.get(column) ?? -1));
    this.label = at(roles.label);
    this.weight = at(roles.weightColumn);
    this.sensitive = roles.sensitive.map(at);
    this.candidates = roles.proxyCandidates.map(at);
    this.text = roles.textColumns.map(at);
    this.key = roles.keyColumns.map(at);
    this.cells = new Array<Cell | undefined>(roles.columns.length);
  }

  /** Routes a record's cells; valid until the next call. */
  route(record: DataRecord): this {
    this.cells.fill(undefined);
    for (const cell of record.cells) {
      const index = this.roles.columns[cell.columnIndex] === cell.column ? cell.columnIndex : this.indexOf.get(cell.column);
      if (index !== undefined) this.cells[index] = cell;
    }
    return this;
  }

  cell(index: number): Cell | undefined {
    return index < 0 ? undefined : this.cells[index];
  }

  value(index: number): string {
    return index < 0 ? '' : (this.cells[index]?.value ?? '');
  }
}
