import { severityForConfidence } from '../detectors/context';
import { detectSensitiveData, mightContainSensitiveData } from '../detectors/index';
import type { DetectorMatch } from '../detectors/types';
import { cellValueRange } from '../parse/positions';
import type { Cell } from '../parse/types';
import type { FindingCollector } from './collector';

/**
 * Remembers detector results per (column, value), so re-scanning a document after an edit only runs the
 * detectors on cells that changed. Bounded: when full, the oldest half is dropped.
 */
export class DetectionCache {
  private readonly entries = new Map<string, DetectorMatch[]>();

  constructor(private readonly capacity = 200_000) {}

  matches(cell: Cell, detect: () => DetectorMatch[]): DetectorMatch[] {
    const key = `${cell.column}\u0000${cell.value}`;
    const cached = this.entries.get(key);
    if (cached) return cached;
    const fresh = detect();
    if (this.entries.size >= this.capacity) this.evictOldestHalf();
    this.entries.set(key, fresh);
    return fresh;
  }

  private evictOldestHalf(): void {
    let toDrop = this.entries.size >> 1;
    for (const key of this.entries.keys()) {
      if (toDrop-- <= 0) break;
      this.entries.delete(key);
    }
  }
}

export interface SensitiveCellOptions {
  defaultRegion?: string;
  cache?: DetectionCache;
}

/** Runs the PII and secret detectors on one cell and admits what they find. */
export function scanCellForSensitiveData(cell: Cell, collector: FindingCollector, options: SensitiveCellOptions): void {
  // The prefilter is a few character-class checks: most cells of a large file stop here.
  if (!mightContainSensitiveData(cell.value)) return;
  const matches = options.cache ? options.cache.matches(cell, () => detectInCell(cell, collector, options)) : detectInCell(cell, collector, options);
  for (const match of matches) admitMatch(cell, match, collector);
}

function detectInCell(cell: Cell, collector: FindingCollector, options: SensitiveCellOptions): DetectorMatch[] {
  // `collector.isEnabled` keeps one identity, so the detectors work out the enabled families once per scan.
  return detectSensitiveData(cell.value, { column: cell.column }, { defaultRegion: options.defaultRegion, enabled: collector.isEnabled });
}

/** Turns a detector match inside a cell into a finding at its exact document range. */
export function admitMatch(cell: Cell, match: DetectorMatch, collector: FindingCollector): void {
  const evidence = match.evidence.length > 0 ? ` (${match.evidence.join('; ')})` : '';
  const redactable = match.code.startsWith('pii/') || match.code.startsWith('secret/');
  collector.add({
    code: match.code,
    range: cellValueRange(cell, match.start, match.end),
    severity: severityForConfidence(match.confidence),
    message: `${match.message}${evidence}`,
    subject: cell.value.slice(match.start, match.end),
    data: {
      confidence: match.confidence,
      evidence: match.evidence,
      column: cell.column || undefined,
      placeholder: match.placeholder,
      ...(redactable ? { fixes: ['redact', 'mask', 'hash'] } : {}),
      ...match.data,
    },
  });
}
