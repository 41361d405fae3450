import type { Cell, DataRecord } from '../parse';
import type { DatasetAuditAnalyzer } from './auditAnalyzer';
import type { TableColumns } from './csvCells';

/**
 * Per field whether the audit reads it (the main thread then reads its rows: chunkedScan.ts), or 'count' when it only
 * counts rows (what a worker's scan is told).
 */
export type AuditRead = boolean[] | 'count';

type Plan = { read: boolean[]; placeholders: Cell[] } | 'all' | 'count';

/**
 * What the dataset audit gets of each row on the fast path: every cell until its sample is taken, then only the
 * columns it reads (one shared placeholder cell for each other column), or nothing but the count of rows.
 */
export class AuditRows {
  private plan: Plan = 'all';
  private readonly countRecord: DataRecord = {
    index: 0,
    cells: [],
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
  };

  constructor(
    private readonly audit: DatasetAuditAnalyzer,
    private readonly columns: TableColumns,
  ) {}

  /** The audit knows what it reads from now on: later rows can be scanned elsewhere. */
  settled(): boolean {
    return this.current() !== 'all';
  }

  /** What a scan elsewhere sends of each row (`settled()` first); undefined while the audit reads every cell. */
  read(): AuditRead | undefined {
    const plan = this.current();
    return plan === 'all' ? undefined : plan === 'count' ? 'count' : [...plan.read];
  }

  /** Takes up what another scan of the same table settled. */
  resume(read: AuditRead): void {
    this.plan = read === 'count' ? 'count' : { read: [...read], placeholders: [] };
  }

  /** Record `index`, of `fieldCount` fields; `cellAt` makes (or finds) a cell the audit reads. */
  record(index: number, fieldCount: number, cellAt: (field: number) => Cell, range: () => DataRecord['range']): void {
    const plan = this.current();
    if (plan === 'count') return this.audit.record(this.countRecord);
    const cells: Cell[] = new Array<Cell>(fieldCount);
    for (let field = 0; field < fieldCount; field++)
      cells[field] = plan === 'all' || plan.read[field] ? cellAt(field) : this.placeholder(plan, field);
    this.audit.record({ index, cells, range: range() });
  }

  /** `count` rows a worker scanned, to an audit that only counts them. */
  counted(count: number): void {
    for (let k = 0; k < count; k++) this.audit.record(this.countRecord);
  }

  /** What the audit reads, settled once its sample is taken. */
  private current(): Plan {
    if (this.plan !== 'all') return this.plan;
    const read = this.audit.columnsRead();
    if (read === undefined) return 'all';
    if (read.length === 0) return (this.plan = 'count');
    const wanted = new Set(read);
    this.plan = { read: this.columns.names.map((name) => wanted.has(name)), placeholders: [] };
    return this.plan;
  }

  /** A cell the audit does not read: its column's name and place, no value. Shared by every row. */
  private placeholder(plan: { read: boolean[]; placeholders: Cell[] }, field: number): Cell {
    let cell = plan.placeholders[field];
    if (!cell) {
      const zero = { line: 0, character: 0 };
      if (plan.read[field] === undefined) plan.read[field] = false;
      const column = this.columns.name(field);
      const delimiter = this.columns.delimiter;
      cell = { value: '', column, columnIndex: field, start: zero, end: zero, encoding: 'plain', delimiter };
      plan.placeholders[field] = cell;
    }
    return cell;
  }
}
