import type { RecordAnalyzer } from './analyzers';
import type { FindingCollector } from './collector';
import type { ScanRequest } from './scan';
import { scanCellForSensitiveData } from './sensitiveCells';

/** The checks that apply to a document, by format and config. New families register here. */
export function analyzersFor(request: ScanRequest, collector: FindingCollector): RecordAnalyzer[] {
  const sensitiveOptions = { defaultRegion: request.config.pii?.defaultRegion, cache: request.cache };
  const sensitiveData: RecordAnalyzer = {
    header: (cells) => cells.forEach((cell) => scanCellForSensitiveData(cell, collector, sensitiveOptions)),
    record: (record) => record.cells.forEach((cell) => scanCellForSensitiveData(cell, collector, sensitiveOptions)),
  };
  return [sensitiveData];
}
