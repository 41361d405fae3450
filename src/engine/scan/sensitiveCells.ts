import { severityForConfidence, type DetectorMatch } from '../detectors';
import { detectSensitiveData, sensitiveDataShape } from '../detectors/index';
import { cellValueRange, type Cell } from '../parse';
import type { FixKind } from '../../shared/findings';
import type { FindingCollector, NewFinding } from './collector';

/**
 * Remembers detector results per (column, value), so re-scanning a document after an edit only runs the
 * detectors on cells that changed. Keyed by column, then value: no key string is built per cell (it was most
 * of the cost of a lookup). Bounded: when full, the older half of each column's entries is dropped.
 */
export class DetectionCache {
  private readonly byColumn = new Map<string, Map<string, DetectorMatch[]>>();
  private size = 0;

  constructor(private readonly capacity = 200_000) {}

  matches(cell: Cell, detect: () => DetectorMatch[]): DetectorMatch[] {
    let values = this.byColumn.get(cell.column);
    const cached = values?.get(cell.value);
    if (cached) return cached;
    const fresh = detect();
    if (this.size >= this.capacity) this.evictOlderHalf();
    if (!values) this.byColumn.set(cell.column, (values = new Map()));
    values.set(cell.value, fresh);
    this.size++;
    return fresh;
  }

  private evictOlderHalf(): void {
    for (const [column, values] of this.byColumn) {
      let toDrop = Math.ceil(values.size / 2);
      for (const value of values.keys()) {
        if (toDrop-- <= 0) break;
        values.delete(value);
        this.size--;
      }
      if (values.size === 0) this.byColumn.delete(column);
    }
  }
}

export interface SensitiveCellOptions {
  defaultRegion?: string;
  cache?: DetectionCache;
}

/**
 * Runs the PII and secret detectors on one cell and admits what they find. `shape` is the prefilter's verdict
 * in the cell's column when the caller has it already (the byte scanner works it out on the bytes).
 */
export function scanCellForSensitiveData(
  cell: Cell,
  collector: FindingCollector,
  options: SensitiveCellOptions,
  shape = sensitiveDataShape(cell.value, cell.column),
): void {
  // The prefilter is a few character-class checks: most cells of a large file stop here.
  if (shape === 0) return;
  const matches = options.cache
    ? options.cache.matches(cell, () => detectInCell(cell, shape, collector, options))
    : detectInCell(cell, shape, collector, options);
  for (const match of matches) admitMatch(cell, match, collector);
}

/** What the detectors find in `cell` (whose prefilter verdict is `shape`), without admitting it. */
export function detectInCell(
  cell: Cell,
  shape: number,
  collector: FindingCollector,
  options: SensitiveCellOptions,
): DetectorMatch[] {
  // `collector.isEnabled` keeps one identity, so the detectors work out the enabled gates once per scan.
  const detectorOptions = { defaultRegion: options.defaultRegion, enabled: collector.isEnabled };
  return detectSensitiveData(cell.value, { column: cell.column }, detectorOptions, shape);
}

/** The quick fixes of PII and secrets: one frozen list shared by every such finding (millions on a large file). */
const REDACT_FIXES = Object.freeze(['redact', 'mask', 'hash']) as FixKind[];

/** Turns a detector match inside a cell into a finding at its exact document range. */
export function admitMatch(cell: Cell, match: DetectorMatch, collector: FindingCollector): void {
  const data: NonNullable<NewFinding['data']> = {
    confidence: match.confidence,
    evidence: match.evidence,
    column: cell.column || undefined,
    placeholder: match.placeholder,
  };
  if (match.code.startsWith('pii/') || match.code.startsWith('secret/')) data.fixes = REDACT_FIXES;
  if (match.data) Object.assign(data, match.data);
  collector.add({
    code: match.code,
    range: cellValueRange(cell, match.start, match.end),
    severity: severityForConfidence(match.confidence),
    // One short line for the Problems panel; the evidence is in `data.evidence` (the hover, the CLI's text report).
    message: cell.column ? messageInColumn(match.message, cell.column) : match.message,
    subject: cell.value.slice(match.start, match.end),
    data,
  });
}

/**
 * `${message} in column '${column}'`, the same string for every match of a column (direct-mapped by the column's
 * name and the message's length): one string per column lets the report line be made once per column too
 * (findings/reportLine.ts `textTail`).
 */
function messageInColumn(message: string, column: string): string {
  const slot = (column.length * 31 + message.length + column.charCodeAt(0)) & (MESSAGE_SLOTS - 1);
  const known = messageSlots[slot];
  if (known && known.message === message && known.column === column) return known.text;
  const text = `${message} in column '${column}'`;
  messageSlots[slot] = { message, column, text };
  return text;
}

const MESSAGE_SLOTS = 64;
const messageSlots = new Array<{ message: string; column: string; text: string } | undefined>(MESSAGE_SLOTS).fill(
  undefined,
);
